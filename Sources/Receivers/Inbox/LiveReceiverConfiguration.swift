import SpanCore
/// A host and port to listen on.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { ReceiverAddress.format(host: host, port: port) }

    /// Whether only this machine can connect (127.0.0.0/8 or ::1).
    public var isLoopback: Bool {
        host == "::1" || host.hasPrefix("127.") || host == "localhost"
    }
}

/// Everything `LiveReceivers` needs to start: which receivers on which addresses, their limits,
/// the access token and the inbox bound.
public struct LiveReceiverConfiguration: Sendable {
    /// OTLP/HTTP address; `nil` disables the receiver.
    public var http: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 4318)
    /// OTLP/gRPC address; `nil` disables the receiver.
    public var grpc: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 4317)
    public var httpOptions = OTLPHTTPConfiguration()
    public var grpcOptions = OTLPGRPCConfiguration()
    /// Most spans waiting for the store owner before receivers answer "retry later".
    public var inboxCapacity = BatchInbox.defaultCapacity
    /// Signalled when a request is accepted: the store owner sleeps on it.
    public var wakeup: Wakeup?

    /// The bearer token both receivers require, if any.
    public var authToken: String? {
        get { httpOptions.authToken }
        set {
            httpOptions.authToken = newValue
            grpcOptions.authToken = newValue
        }
    }

    public init() {}
}
