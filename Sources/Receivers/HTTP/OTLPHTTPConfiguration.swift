/// Limits and access rules of the OTLP/HTTP receiver.
public struct OTLPHTTPConfiguration: Sendable {
    /// Largest request body after decompression (the Collector's default: 20 MiB).
    public var maxBodyBytes = 20 << 20
    /// Largest decompressed-to-compressed ratio for gzip bodies above 1 MiB (bomb guard).
    public var maxGzipRatio = 200
    /// How long a connection may wait for its next request's head (keep-alive idle time).
    public var idleTimeout: Duration = .seconds(60)
    /// How long a request's body may take to arrive once its head is in (slow clients).
    public var requestTimeout: Duration = .seconds(30)
    /// How long a connection refused mid-request keeps reading (and dropping) what the client
    /// still sends after our reply, so the client sees the reply rather than a reset.
    public var lingerTimeout: Duration = .seconds(2)
    /// When set, requests need `Authorization: Bearer <token>`.
    public var authToken: String?
    /// Answers `GET /api/v1/…` (the query API) when set; without it those paths are 404.
    public var queries: QueryDesk?
    /// Why the query API is refused (403) although a desk exists, e.g. bound beyond loopback
    /// without a token: what spantop holds (prompts, errors) must not be open to the network.
    public var queryRefusal: String?
    /// Set when this server only answers queries (a replay): exports get 404 with this text.
    public var exportRefusal: String?
    /// `Retry-After` seconds sent with 503 when the store cannot keep up.
    public var retryAfterSeconds = 1

    /// The paths that accept traces: plain OTLP, and Langfuse's OTLP endpoint so the Langfuse
    /// SDK (or Eigent) can point `LANGFUSE_BASE_URL` at spantop.
    public static let tracePaths: Set<String> = ["/v1/traces", "/api/public/otel/v1/traces"]

    public init() {}
}
