import Foundation
import SpanCore

#if canImport(Glibc)
    import Glibc
#endif

/// One connection of `grpc-load --client raw`: `TraceService/Export` calls written as HTTP/2
/// frames straight onto a blocking socket, one call in flight, as `HTTPWorker` does for
/// HTTP/1.1. The server sees the same calls as from grpc-swift's client; the client costs a
/// fraction of the CPU, which matters when both share two cores.
///
/// It reads no header values: a call answered with a DATA frame (the response message) was
/// accepted; one closed by trailers alone (UNAVAILABLE when the inbox is full) was not.
final class GRPCRawWorker {
    enum Outcome {
        case accepted
        case refused
        case failed
    }

    let options: GRPCLoad.Options
    let set: LoadBodies
    let sender: Int
    private var fd: Int32 = -1
    private var frames = H2FrameReader()
    private var output: [UInt8] = []
    private var message: [UInt8] = []
    private let headerBlock: [UInt8]
    private var maxFrame = 16_384
    private var connectionWindow = 65_535
    private var initialStreamWindow = 65_535
    private var streamWindow = 0
    private var stream: UInt32 = 1

    init(options: GRPCLoad.Options, set: LoadBodies, sender: Int) {
        self.options = options
        self.set = set
        self.sender = sender
        headerBlock = H2Frames.exportHeaders(authority: "\(options.host):\(options.port)")
    }

    func run(until deadline: MonotonicInstant) -> LoadResults.Part {
        var part = LoadResults.Part()
        guard connect() else {
            part.errors += 1
            return part
        }
        var cursor = BodyCursor()
        while MonotonicClock.now() < deadline {
            message.removeAll(keepingCapacity: true)
            H2Frames.appendGRPCPrefix(length: set.bodies[cursor.index].count, to: &message)
            message += set.bodies[cursor.index]
            LoadBodies.apply(
                LoadBodies.mask(sender: sender, pass: cursor.pass), to: &message, offsets: set.idOffsets[cursor.index],
                base: 5)
            let sent = MonotonicClock.now()
            switch call() {
            case .accepted:
                part.accepted += 1
                part.latencies.append(MonotonicClock.now() - sent)
            case .refused:
                part.refused += 1
                usleep(20_000)
                continue  // resend the same body
            case .failed:
                part.errors += 1
                if !connect() { return part }
            }
            cursor.advance(over: set)
        }
        close(fd)
        return part
    }

    /// Opens the connection: preface, our settings, a wide connection window; then waits for
    /// the server's settings (its frame size and stream window).
    private func connect() -> Bool {
        if fd >= 0 { close(fd) }
        fd = LoadSocket.connect(host: options.host, port: options.port)
        guard fd >= 0 else { return false }
        frames = H2FrameReader()
        maxFrame = 16_384
        connectionWindow = 65_535
        initialStreamWindow = 65_535
        stream = 1
        output.removeAll(keepingCapacity: true)
        output += Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        H2Frames.appendSettings([(2, 0), (4, 1 << 20)], to: &output)  // no push; 1 MiB stream window
        H2Frames.appendWindowUpdate(stream: 0, increment: 1 << 30, to: &output)
        guard send() else { return false }
        while true {
            guard let frame = frames.next(fd), handleControl(frame) else { return false }
            if frame.type == H2Frames.settings && frame.flags & 1 == 0 { return send() }
        }
    }

    /// One `Export` call on a new stream; returns when the server has ended the stream.
    private func call() -> Outcome {
        stream += 2
        streamWindow = initialStreamWindow
        H2Frames.appendFrame(
            type: H2Frames.headers, flags: 0x4, stream: stream, payload: headerBlock[...], to: &output)
        var offset = 0
        while offset < message.count {
            let room = min(maxFrame, connectionWindow, streamWindow, message.count - offset)
            if room <= 0 {
                // Out of window: send what is ready, then wait for WINDOW_UPDATEs.
                guard send(), let frame = frames.next(fd), handleControl(frame) else { return .failed }
                continue
            }
            let last = offset + room == message.count
            H2Frames.appendFrame(
                type: H2Frames.data, flags: last ? 0x1 : 0, stream: stream,
                payload: message[offset..<(offset + room)], to: &output)
            offset += room
            connectionWindow -= room
            streamWindow -= room
        }
        guard send() else { return .failed }
        var answered = false
        while true {
            guard let frame = frames.next(fd) else { return .failed }
            guard frame.stream == stream else {
                guard handleControl(frame), output.isEmpty || send() else { return .failed }
                continue
            }
            switch frame.type {
            case H2Frames.data: answered = true
            case H2Frames.resetStream: return .failed
            case H2Frames.headers, H2Frames.continuation: break
            default: guard handleControl(frame) else { return .failed }
            }
            if frame.flags & 0x1 != 0 { return answered ? .accepted : .refused }
        }
    }

    /// Connection-level frames: settings and pings (their acknowledgements go out with the next
    /// send), window updates; false on GOAWAY.
    private func handleControl(_ frame: H2FrameReader.Frame) -> Bool {
        switch frame.type {
        case H2Frames.settings where frame.flags & 1 == 0:
            for (id, value) in frames.settings(frame) {
                if id == 4 {
                    streamWindow += value - initialStreamWindow
                    initialStreamWindow = value
                } else if id == 5 {
                    maxFrame = value
                }
            }
            H2Frames.appendFrame(type: H2Frames.settings, flags: 1, stream: 0, payload: [][...], to: &output)
        case H2Frames.windowUpdate:
            let increment = frames.windowIncrement(frame)
            if frame.stream == 0 {
                connectionWindow += increment
            } else if frame.stream == stream {
                streamWindow += increment
            }
        case H2Frames.ping where frame.flags & 1 == 0:
            H2Frames.appendFrame(type: H2Frames.ping, flags: 1, stream: 0, payload: frames.payload(frame), to: &output)
        case H2Frames.goAway:
            return false
        default:
            break
        }
        return true
    }

    private func send() -> Bool {
        defer { output.removeAll(keepingCapacity: true) }
        return LoadSocket.sendAll(fd, output)
    }
}
