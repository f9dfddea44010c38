import GRPCCore
import GRPCNIOTransportHTTP2Posix
import NIOConcurrencyHelpers
import SpanCore

/// Limits and access rules of the OTLP/gRPC receiver.
public struct OTLPGRPCConfiguration: Sendable {
    /// Largest request message, after decompression.
    public var maxMessageBytes = 16 << 20
    /// When set, calls need `authorization: Bearer <token>` metadata.
    public var authToken: String?
    /// Connections idle this long are closed (with a GOAWAY).
    public var maxIdleTime: Duration = .seconds(300)
    /// Connections that have not sent the HTTP/2 preface this long after connecting are closed.
    public var handshakeTimeout: Duration = .seconds(10)

    public init() {}
}

/// The OTLP/gRPC receiver: a grpc-swift-2 server on the NIO HTTP/2 transport serving
/// `OTLPTraceService`, with gzip and deflate request compression enabled.
public final class OTLPGRPCServer: Sendable {
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let task: NIOLockedValueBox<Task<Void, any Error>?>
    public let host: String
    public let port: Int

    private init(server: GRPCServer<HTTP2ServerTransport.Posix>, task: Task<Void, any Error>, host: String, port: Int) {
        self.server = server
        self.task = NIOLockedValueBox(task)
        self.host = host
        self.port = port
    }

    /// Binds `host:port` and starts serving.
    /// - Throws: `ReceiverError.bindFailed` when the address cannot be bound (e.g. port in use).
    public static func start(
        host: String, port: Int, configuration: OTLPGRPCConfiguration, intake: ExportIntake
    ) async throws -> OTLPGRPCServer {
        let transport = HTTP2ServerTransport.Posix(
            address: host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port),
            transportSecurity: .plaintext,
            config: configuration.transportConfig)
        let server = GRPCServer(
            transport: transport,
            services: [
                OTLPTraceService(
                    intake: intake, authToken: configuration.authToken, maxMessageBytes: configuration.maxMessageBytes)
            ])
        let task = Task(executorPreference: EventLoopTaskExecutor.singleton) { try await server.serve() }
        let bound: Int
        do {
            let address = try await transport.listeningAddress
            bound = address.ipv4?.port ?? address.ipv6?.port ?? port
        } catch {
            // serve() fails with the bind error itself, which names the cause.
            let cause = await Self.failure(of: task) ?? error
            throw ReceiverError.bindFailed(
                address: ReceiverAddress.format(host: host, port: port), flag: "--grpc", underlying: cause)
        }
        intake.stats.setAddress(ReceiverAddress.format(host: host, port: bound))
        return OTLPGRPCServer(server: server, task: task, host: host, port: bound)
    }

    private static func failure(of task: Task<Void, any Error>) async -> (any Error)? {
        do {
            try await task.value
            return nil
        } catch {
            return error
        }
    }

    /// Stops accepting new calls, lets calls in flight finish (up to `grace`), then stops.
    public func shutdown(grace: Duration = .seconds(5)) async {
        server.beginGracefulShutdown()
        guard let task = task.withLockedValue({ $0 }) else { return }
        // Calls still running past the grace period are cancelled, then the server winds down.
        await finishes(within: grace, orElse: { task.cancel() }) { _ = try? await task.value }
    }
}
