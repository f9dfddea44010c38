import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1

@testable import Receivers

/// An OTLP/HTTP connection on an `EmbeddedChannel`: raw request bytes in, parsed responses out.
final class EmbeddedHTTP {
    let channel = EmbeddedChannel()
    let inbox: BatchInbox
    let stats = ReceiverStats(proto: .http, address: "embedded")

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init(configuration: OTLPHTTPConfiguration = OTLPHTTPConfiguration(), inboxCapacity: Int = 1 << 20) throws {
        inbox = BatchInbox(capacity: inboxCapacity)
        let handler = OTLPHTTPHandler(configuration: configuration, intake: ExportIntake(inbox: inbox, stats: stats))
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
    }

    static func request(
        _ body: [UInt8], path: String = "/v1/traces", method: String = "POST",
        contentType: String? = "application/x-protobuf", headers: [String] = []
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\nContent-Length: \(body.count)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for h in headers { head += h + "\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// Feeds raw bytes to the server side.
    func send(_ bytes: [UInt8]) throws {
        try channel.writeInbound(ByteBuffer(bytes: bytes))
    }

    /// Every byte the server has written so far.
    func written() throws -> [UInt8] {
        var out: [UInt8] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            out += buffer.readBytes(length: buffer.readableBytes) ?? []
        }
        return out
    }

    /// Parses the responses in `bytes` (Content-Length framed).
    static func parse(_ bytes: [UInt8]) -> [Response] {
        var responses: [Response] = []
        var rest = bytes[...]
        let separator: [UInt8] = [13, 10, 13, 10]
        while let end = rest.firstRange(of: separator) {
            let head = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self)
            var lines = head.components(separatedBy: "\r\n")
            let status = Int(lines.removeFirst().split(separator: " ")[1])!
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            let bodyStart = end.upperBound
            let body = Array(rest[bodyStart..<min(bodyStart + length, rest.endIndex)])
            responses.append(Response(status: status, headers: headers, body: body))
            rest = rest[min(bodyStart + length, rest.endIndex)...]
        }
        return responses
    }

    /// Sends one request and returns the responses it produced.
    func exchange(_ request: [UInt8]) throws -> [Response] {
        try send(request)
        return Self.parse(try written())
    }

    /// Spans the store owner would get now.
    func drainedSpans() -> Int {
        var spans = 0
        inbox.drain { spans += $0.batch.spans.count }
        return spans
    }
}
