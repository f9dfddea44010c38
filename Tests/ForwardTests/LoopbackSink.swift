import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny OTLP/HTTP sink on 127.0.0.1 for the forwarding tests: records every request and
/// answers from a script (status, headers, optional delay). It can be stopped and started
/// again on the same port to play a destination that goes down and comes back.
final class LoopbackSink: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: String = "{}"
        var delay: Duration = .zero
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel = NIOLockedValueBox<Channel?>(nil)
    private let recorded = NIOLockedValueBox<[Request]>([])
    let reply: @Sendable (Int) -> Reply
    private let boundPort = NIOLockedValueBox(0)
    var port: Int { boundPort.withLockedValue { $0 } }

    /// - Parameter reply: the answer to the n-th request (0-based).
    init(reply: @escaping @Sendable (Int) -> Reply = { _ in Reply(status: 200) }) {
        self.reply = reply
    }

    /// Binds `port` (0: any free port) and starts answering.
    func start(port: Int = 0) async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(sink: self))
                }
            }
        let ch = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        channel.withLockedValue { $0 = ch }
        boundPort.withLockedValue { $0 = ch.localAddress?.port ?? 0 }
    }

    /// Stops listening (as if the destination went down).
    func stop() async throws {
        let ch = channel.withLockedValue { c in
            defer { c = nil }
            return c
        }
        try await ch?.close()
    }

    func shutdown() async throws {
        try await stop()
        try await group.shutdownGracefully()
    }

    var url: String { "http://127.0.0.1:\(port)/v1/traces" }
    var requests: [Request] { recorded.withLockedValue { $0 } }

    fileprivate func record(_ r: Request) -> Int {
        recorded.withLockedValue { list in
            list.append(r)
            return list.count - 1
        }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {  // lives on its channel's event loop
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let sink: LoopbackSink
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(sink: LoopbackSink) { self.sink = sink }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let request = Request(
                    method: "\(head.method)", uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                    body: body)
                let reply = sink.reply(sink.record(request))
                let respond = { [self] in self.respond(reply, head: head, context: context) }
                if reply.delay > .zero {
                    let ms = Int64(
                        reply.delay.components.seconds * 1000 + reply.delay.components.attoseconds
                            / 1_000_000_000_000_000)
                    context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(ms), respond)
                } else {
                    respond()
                }
            }
        }

        func respond(_ reply: Reply, head: HTTPRequestHead, context: ChannelHandlerContext) {
            var headers = HTTPHeaders(reply.headers)
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: "\(reply.body.utf8.count)")
            let status = HTTPResponseStatus(statusCode: reply.status)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
