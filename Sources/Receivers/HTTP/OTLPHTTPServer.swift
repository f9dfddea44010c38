import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix

/// The OTLP/HTTP receiver: a SwiftNIO HTTP/1.1 server whose connections each run an
/// `OTLPHTTPHandler`. Keep-alive and pipelining come from NIO's server pipeline; shutdown is
/// graceful (the listener closes, idle connections close, requests in flight are answered).
public final class OTLPHTTPServer: Sendable {
    private let channel: any Channel
    private let quiescing: ServerQuiescingHelper
    /// The bound address, with the real port when 0 was asked for.
    public let host: String
    public let port: Int

    private init(channel: any Channel, quiescing: ServerQuiescingHelper, host: String, port: Int) {
        self.channel = channel
        self.quiescing = quiescing
        self.host = host
        self.port = port
    }

    /// Binds `host:port` and starts accepting.
    /// - Throws: `ReceiverError.bindFailed` when the address cannot be bound (e.g. port in use).
    public static func start(
        host: String, port: Int, configuration: OTLPHTTPConfiguration, intake: ExportIntake,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> OTLPHTTPServer {
        let quiescing = ServerQuiescingHelper(group: group)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(OTLPHTTPHandler(configuration: configuration, intake: intake))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw ReceiverError.bindFailed(address: "\(host):\(port)", flag: "--http", underlying: error)
        }
        let bound = channel.localAddress?.port ?? port
        intake.stats.setAddress(ReceiverAddress.format(host: host, port: bound))
        return OTLPHTTPServer(channel: channel, quiescing: quiescing, host: host, port: bound)
    }

    /// Stops accepting, lets requests in flight finish (up to `grace`), then closes the rest.
    public func shutdown(grace: Duration = .seconds(5)) async {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: promise)
        let timeout = channel.eventLoop.scheduleTask(in: TimeAmount(grace)) {
            promise.succeed(())
        }
        try? await promise.futureResult.get()
        timeout.cancel()
        try? await channel.close()
    }
}
