import NIOCore
import NIOHTTP1

/// Carries out `HTTPRequestStateMachine`'s actions on one connection: writes replies, runs
/// exports through the intake, arms the idle and request timers, closes.
final class OTLPHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var machine: HTTPRequestStateMachine
    private let intake: ExportIntake
    private var timer: Scheduled<Void>?
    private var timerPhase: HTTPRequestStateMachine.Phase?
    private var version = HTTPVersion.http1_1

    init(configuration: OTLPHTTPConfiguration, intake: ExportIntake) {
        machine = HTTPRequestStateMachine(configuration: configuration)
        self.intake = intake
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armTimer(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine.connectionClosed()
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let action: HTTPRequestStateMachine.Action
        switch unwrapInboundIn(data) {
        case .head(let head):
            version = head.version
            action = machine.receivedHead(head)
        case .body(let part):
            action = machine.receivedBody(part)
        case .end:
            action = machine.receivedEnd()
        }
        perform(action, context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed HTTP is answered with 400 by NIO's protocol error handler before us.
        context.close(promise: nil)
    }

    private func perform(_ action: HTTPRequestStateMachine.Action, _ context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .sendContinue:
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .continue))), promise: nil)
        case .reply(let reply, let close):
            write(reply, close: close, context)
        case .export(let body, let encoding):
            let result = body.withUnsafeBytes { intake.export($0, encoding: encoding) }
            perform(machine.exportFinished(result), context)
            return
        case .query(let target):
            guard let desk = machine.configuration.queries else { return }
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            let loop = context.eventLoop
            desk.submit(target) { status, body in
                loop.execute {
                    let (handler, context) = bound.value
                    handler.perform(handler.machine.queryFinished(status: status, body: body), context)
                }
            }
        case .close:
            context.close(promise: nil)
        }
        armTimer(context)
    }

    private func write(_ reply: HTTPReply, close: Bool, _ context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(reply.body.count))
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        if close {
            headers.add(name: "Connection", value: "close")
        } else if version == .http1_0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: version, status: reply.status, headers: headers))),
            promise: nil)
        if !reply.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
            buffer.writeBytes(reply.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if close {
            // Lingering close: stop writing but keep reading (and dropping) for a moment, so a
            // client still sending its body reads our reply instead of a connection reset.
            let channel = context.channel
            let linger = TimeAmount(machine.configuration.lingerTimeout)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                channel.close(mode: .output).whenFailure { _ in channel.close(promise: nil) }
                channel.eventLoop.scheduleTask(in: linger) { channel.close(promise: nil) }
            }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// Arms the timer of the machine's current phase, when the phase changed.
    private func armTimer(_ context: ChannelHandlerContext) {
        let phase = machine.phase
        guard phase != timerPhase else { return }
        timerPhase = phase
        timer?.cancel()
        timer = nil
        let delay: Duration
        switch phase {
        case .waitingForRequest: delay = machine.configuration.idleTimeout
        case .receivingRequest: delay = machine.configuration.requestTimeout
        case .closed: return
        }
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(delay)) {
            let (handler, context) = bound.value
            handler.timer = nil
            handler.timerPhase = nil
            handler.perform(handler.machine.deadlinePassed(), context)
        }
    }
}
