import NIOCore
import NIOHTTP1
import NIOPosix

/// `spantop-bench http-sink`: SwiftNIO's HTTP/1.1 server pipeline with the OTLP/HTTP receiver's
/// socket options, gathering each body as the receiver does and answering 200 with an empty
/// body. No decode and no store: what the HTTP transport costs per request on its own.
enum HTTPSink {
    static func run(host: String, port: Int) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(DropRequests())
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .bind(host: host, port: port).get()
        print("http-sink: answering POSTs on \(host):\(port) with 200, bodies dropped")
        try await channel.closeFuture.get()
    }
}

/// Reads a request's body into one array (as `HTTPRequestStateMachine` does), drops it, replies 200.
final class DropRequests: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var body: [UInt8] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            body.removeAll()
            body.reserveCapacity(head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0)
        case .body(let part):
            body.append(contentsOf: part.readableBytesView)
        case .end:
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/x-protobuf")
            headers.add(name: "Content-Length", value: "0")
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
