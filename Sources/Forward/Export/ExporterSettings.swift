import SpanCore

/// Limits and timings of every exporter; the defaults are what the issue specifies.
public struct ExporterSettings: Sendable, Equatable {
    /// Spans held per destination before the oldest are dropped (`--forward-queue`).
    public var queueCapacity: Int
    /// Most spans in one request.
    public var maxBatchSpans: Int
    /// Most bytes of encoded (uncompressed) protobuf in one request; larger requests are split.
    public var maxBatchBytes: Int
    /// A queued span waits at most this long before its request is sent.
    public var flushInterval: Nanoseconds
    /// How long one request may take, connection included.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// zlib level for the gzip body.
    public var compressionLevel: Int32

    public init(
        queueCapacity: Int = 8192, maxBatchSpans: Int = 1024, maxBatchBytes: Int = 4 << 20,
        flushInterval: Nanoseconds = .seconds(1), requestTimeout: Duration = .seconds(10),
        retry: RetryPolicy = .default, compressionLevel: Int32 = Gzip.defaultLevel
    ) {
        self.queueCapacity = max(1, queueCapacity)
        self.maxBatchSpans = max(1, maxBatchSpans)
        self.maxBatchBytes = max(1024, maxBatchBytes)
        self.flushInterval = flushInterval
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.compressionLevel = compressionLevel
    }
}
