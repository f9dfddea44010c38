import Foundation
import SpanCore

#if canImport(Glibc)
    import Glibc
#endif

/// `spantop-bench http-load`: keep-alive connections, each on its own thread, posting 512-span
/// OTLP protobuf bodies back to back to an OTLP/HTTP endpoint; reports accepted spans/s and
/// request latency.
enum HTTPLoad {
    struct Options {
        var host = "127.0.0.1"
        var port = 4318
        var path = "/v1/traces"
        var connections = 4
        var batch = 512
        var seconds = 10.0
        var bodies = 32
    }

    static func run(_ o: Options) {
        let set = LoadBodies(count: o.bodies, batchSpans: o.batch)
        let averageBytes = set.bodies.reduce(0) { $0 + $1.count } / set.bodies.count
        print(
            "http-load: \(o.connections) connections -> http://\(o.host):\(o.port)\(o.path), \(o.batch) spans "
                + "(~\(averageBytes / 1024) KiB) per request, \(Int(o.seconds)) s")
        LoadResults.runThreads(o.connections, seconds: o.seconds, spansPerRequest: o.batch) { sender, deadline in
            HTTPWorker(options: o, set: set, sender: sender).run(until: deadline)
        }
    }
}

/// One keep-alive connection's sending loop.
final class HTTPWorker {
    let options: HTTPLoad.Options
    let set: LoadBodies?
    let sender: Int
    var fd: Int32 = -1
    var response = [UInt8](repeating: 0, count: 65536)

    init(options: HTTPLoad.Options, set: LoadBodies?, sender: Int) {
        self.options = options
        self.set = set
        self.sender = sender
    }

    func connectSocket() -> Bool {
        if fd >= 0 { close(fd) }
        fd = LoadSocket.connect(host: options.host, port: options.port)
        return fd >= 0
    }

    func run(until deadline: MonotonicInstant) -> LoadResults.Part {
        var part = LoadResults.Part()
        guard let set, connectSocket() else {
            part.errors += 1
            return part
        }
        var request: [UInt8] = []
        var cursor = BodyCursor()
        while MonotonicClock.now() < deadline {
            let body = set.bodies[cursor.index]
            let head = requestHead(bodyBytes: body.count)
            request.removeAll(keepingCapacity: true)
            request += head
            request += body
            LoadBodies.apply(
                LoadBodies.mask(sender: sender, pass: cursor.pass), to: &request, offsets: set.idOffsets[cursor.index],
                base: head.count)
            let sent = MonotonicClock.now()
            guard sendAll(request), let status = readStatus() else {
                part.errors += 1
                if !connectSocket() { break }
                continue
            }
            let latency = MonotonicClock.now() - sent
            switch status {
            case 200:
                part.accepted += 1
                part.latencies.append(latency)
            case 429, 503:
                part.refused += 1
                usleep(20_000)
                continue  // resend the same body
            default:
                part.errors += 1
            }
            cursor.advance(over: set)
        }
        close(fd)
        return part
    }

    func requestHead(bodyBytes: Int) -> [UInt8] {
        Array(
            "POST \(options.path) HTTP/1.1\r\nHost: \(options.host)\r\nContent-Type: application/x-protobuf\r\nContent-Length: \(bodyBytes)\r\n\r\n"
                .utf8)
    }

    /// Posts one protobuf body on the kept-alive connection (reconnecting once if it dropped);
    /// returns the response status, nil when the server cannot be reached.
    func post(_ body: [UInt8]) -> Int? {
        if fd < 0 && !connectSocket() { return nil }
        let request = requestHead(bodyBytes: body.count) + body
        if sendAll(request), let status = readStatus() { return status }
        guard connectSocket(), sendAll(request) else { return nil }
        return readStatus()
    }

    private func sendAll(_ bytes: [UInt8]) -> Bool { LoadSocket.sendAll(fd, bytes) }

    /// Reads one response (headers + Content-Length body); returns its status.
    private func readStatus() -> Int? {
        var have = 0
        while true {
            let n = response.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + have, $0.count - have, 0) }
            if n <= 0 { return nil }
            have += n
            guard let end = headerEnd(have) else { continue }
            let head = String(decoding: response[0..<end], as: UTF8.self)
            let status = Int(head.split(separator: " ", maxSplits: 2)[1]) ?? 0
            var length = 0
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
            while have < end + 4 + length {
                let m = response.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + have, $0.count - have, 0) }
                if m <= 0 { return nil }
                have += m
            }
            return status
        }
    }

    private func headerEnd(_ count: Int) -> Int? {
        guard count >= 4 else { return nil }
        for i in 0...(count - 4)
        where response[i] == 13 && response[i + 1] == 10 && response[i + 2] == 13 && response[i + 3] == 10 {
            return i
        }
        return nil
    }
}
