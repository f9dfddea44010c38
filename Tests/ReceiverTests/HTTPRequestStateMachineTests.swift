import Foundation
import NIOCore
import NIOHTTP1
import SpantopTestSupport
import Testing

@testable import Receivers

/// The HTTP request lifecycle without any channel: head → body → end, and the timers.
struct HTTPRequestStateMachineTests {
    typealias Machine = HTTPRequestStateMachine

    static func head(
        _ method: HTTPMethod = .POST, _ uri: String = "/v1/traces", contentType: String? = "application/x-protobuf",
        headers extra: [(String, String)] = [], version: HTTPVersion = .http1_1
    ) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        for (n, v) in extra { headers.add(name: n, value: v) }
        return HTTPRequestHead(version: version, method: method, uri: uri, headers: headers)
    }

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    static func replyStatus(_ action: Machine.Action) -> (HTTPResponseStatus, close: Bool)? {
        if case .reply(let reply, let close) = action { return (reply.status, close) }
        return nil
    }

    func machine(_ configure: (inout OTLPHTTPConfiguration) -> Void = { _ in }) -> Machine {
        var c = OTLPHTTPConfiguration()
        configure(&c)
        return Machine(configuration: c)
    }

    @Test func validRequestIsExportedWithItsBodyAndEncoding() {
        var m = machine()
        #expect(m.receivedHead(Self.head()) == .none)
        #expect(m.phase == .receivingRequest)
        #expect(m.receivedBody(Self.buffer([1, 2])) == .none)
        #expect(m.receivedBody(Self.buffer([3])) == .none)
        #expect(m.receivedEnd() == .export(body: [1, 2, 3], encoding: .protobuf))
        let action = m.exportFinished(.accepted(spans: 3, rejected: 0, firstRejection: nil))
        #expect(Self.replyStatus(action)! == (.ok, false))
        #expect(m.phase == .waitingForRequest, "keep-alive: ready for the next request")
    }

    @Test func langfusePathAndJSONWithCharsetAreAccepted() {
        var m = machine()
        _ = m.receivedHead(
            Self.head(.POST, "/api/public/otel/v1/traces", contentType: "application/json; charset=utf-8"))
        #expect(m.receivedEnd() == .export(body: [], encoding: .json))
    }

    @Test(arguments: [
        (HTTPMethod.POST, "/v1/metrics", "application/x-protobuf", HTTPResponseStatus.notFound),
        (.GET, "/v1/traces", "application/x-protobuf", .methodNotAllowed),
        (.POST, "/v1/traces", "text/plain", .unsupportedMediaType),
        (.POST, "/v1/traces", "", .unsupportedMediaType),
    ])
    func refusedHeadsAreAnsweredAtTheEndAndKeepTheConnection(
        method: HTTPMethod, uri: String, type: String, status: HTTPResponseStatus
    ) {
        var m = machine()
        #expect(m.receivedHead(Self.head(method, uri, contentType: type.isEmpty ? nil : type)) == .none)
        #expect(m.receivedBody(Self.buffer([1, 2, 3])) == .none, "the body is read and dropped")
        #expect(Self.replyStatus(m.receivedEnd())! == (status, false))
        #expect(m.phase == .waitingForRequest)
    }

    @Test func unknownContentEncodingIs415() {
        var m = machine()
        _ = m.receivedHead(Self.head(headers: [("Content-Encoding", "br")]))
        #expect(Self.replyStatus(m.receivedEnd())! == (.unsupportedMediaType, false))
    }

    @Test func bearerTokenIsRequiredWhenConfigured() {
        var m = machine { $0.authToken = "s3cret" }
        _ = m.receivedHead(Self.head())
        guard case .reply(let reply, _) = m.receivedEnd() else {
            Issue.record("expected a reply")
            return
        }
        #expect(reply.status == .unauthorized)
        #expect(reply.headers.contains { $0.0 == "WWW-Authenticate" })

        var wrong = machine { $0.authToken = "s3cret" }
        _ = wrong.receivedHead(Self.head(headers: [("Authorization", "Bearer s3cre")]))
        #expect(Self.replyStatus(wrong.receivedEnd())?.0 == .unauthorized)

        var right = machine { $0.authToken = "s3cret" }
        _ = right.receivedHead(Self.head(headers: [("Authorization", "bearer s3cret")]))
        #expect(right.receivedEnd() == .export(body: [], encoding: .protobuf))
    }

    @Test func declaredLengthOverTheCapIsRefusedAtOnceAndCloses() {
        var m = machine { $0.maxBodyBytes = 100 }
        let action = m.receivedHead(Self.head(headers: [("Content-Length", "101")]))
        #expect(Self.replyStatus(action)! == (.payloadTooLarge, true))
        #expect(m.phase == .closed)
    }

    @Test func streamedBodyOverTheCapIsRefusedAndCloses() {
        var m = machine { $0.maxBodyBytes = 100 }
        _ = m.receivedHead(Self.head(headers: [("Transfer-Encoding", "chunked")]))
        #expect(m.receivedBody(Self.buffer(Array(repeating: 1, count: 60))) == .none)
        #expect(
            Self.replyStatus(m.receivedBody(Self.buffer(Array(repeating: 1, count: 60))))! == (.payloadTooLarge, true))
    }

    @Test func gzipBodyIsInflatedBeforeExport() {
        let body = TestData.generatedBody(spans: 50)
        var m = machine()
        _ = m.receivedHead(Self.head(headers: [("Content-Encoding", "gzip")]))
        let compressed = TestZlib.gzip(body)
        // Split into uneven parts, as TCP would.
        _ = m.receivedBody(Self.buffer(Array(compressed.prefix(7))))
        _ = m.receivedBody(Self.buffer(Array(compressed.dropFirst(7))))
        #expect(m.receivedEnd() == .export(body: body, encoding: .protobuf))
    }

    @Test func gzipBombIsRefusedWithoutInflatingIt() {
        var m = machine()  // 20 MiB cap, ratio 200
        _ = m.receivedHead(Self.head(headers: [("Content-Encoding", "gzip")]))
        let bomb = TestData.gzipBomb(size: 64 << 20)  // 64 MiB of zeros in ~64 KB
        let action = m.receivedBody(Self.buffer(bomb))
        #expect(Self.replyStatus(action)! == (.payloadTooLarge, true))
    }

    @Test func gzipOverTheCapAfterDecompressionIs413() {
        var m = machine { $0.maxBodyBytes = 1000 }
        _ = m.receivedHead(Self.head(headers: [("Content-Encoding", "gzip")]))
        let action = m.receivedBody(Self.buffer(TestZlib.gzip(TestData.generatedBody(spans: 20))))
        #expect(Self.replyStatus(action)! == (.payloadTooLarge, true))
    }

    @Test func corruptOrTruncatedGzipIs400() {
        var corrupt = machine()
        _ = corrupt.receivedHead(Self.head(headers: [("Content-Encoding", "gzip")]))
        #expect(Self.replyStatus(corrupt.receivedBody(Self.buffer([0x1F, 0x8B, 0xFF, 0xFF, 0xFF])))?.0 == .badRequest)

        var truncated = machine()
        _ = truncated.receivedHead(Self.head(headers: [("Content-Encoding", "gzip")]))
        let full = TestZlib.gzip(TestData.generatedBody(spans: 10))
        _ = truncated.receivedBody(Self.buffer(Array(full.prefix(full.count / 2))))
        #expect(Self.replyStatus(truncated.receivedEnd())! == (.badRequest, false))
    }

    @Test func connectionCloseAndHTTP10AreHonoured() {
        var m = machine()
        _ = m.receivedHead(Self.head(headers: [("Connection", "close")]))
        _ = m.receivedEnd()
        #expect(
            Self.replyStatus(m.exportFinished(.accepted(spans: 0, rejected: 0, firstRejection: nil)))! == (.ok, true))

        var old = machine()
        _ = old.receivedHead(Self.head(version: .http1_0))
        _ = old.receivedEnd()
        #expect(Self.replyStatus(old.exportFinished(.accepted(spans: 0, rejected: 0, firstRejection: nil)))!.close)
    }

    @Test func expectContinueGetsA100AndRefusalsCloseInstead() {
        var m = machine()
        #expect(m.receivedHead(Self.head(headers: [("Expect", "100-continue")])) == .sendContinue)
        var refused = machine()
        let action = refused.receivedHead(Self.head(contentType: "text/plain", headers: [("Expect", "100-continue")]))
        #expect(Self.replyStatus(action)! == (.unsupportedMediaType, true))
    }

    @Test func exportVerdictsMapToStatusCodes() {
        var m = machine { $0.retryAfterSeconds = 2 }
        _ = m.receivedHead(Self.head())
        _ = m.receivedEnd()
        guard case .reply(let busy, false) = m.exportFinished(.refused) else {
            Issue.record("expected a reply")
            return
        }
        #expect(busy.status == .serviceUnavailable)
        #expect(busy.headers.contains { $0.0 == "Retry-After" && $0.1 == "2" })

        var bad = machine()
        _ = bad.receivedHead(Self.head())
        _ = bad.receivedEnd()
        guard case .reply(let reply, false) = bad.exportFinished(.invalid(reason: "truncated")) else {
            Issue.record("expected a reply")
            return
        }
        #expect(reply.status == .badRequest)
        #expect(String(decoding: reply.body, as: UTF8.self).contains("truncated"), "google.rpc.Status says why")
    }

    @Test func partialSuccessIs200WithRejectedCount() {
        var m = machine()
        _ = m.receivedHead(Self.head(contentType: "application/json"))
        _ = m.receivedEnd()
        guard case .reply(let reply, _) = m.exportFinished(.accepted(spans: 2, rejected: 1, firstRejection: "bad id"))
        else {
            Issue.record("expected a reply")
            return
        }
        #expect(reply.status == .ok)
        let json = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: [String: String]]
        #expect(json?["partialSuccess"]?["rejectedSpans"] == "1")
        #expect(json?["partialSuccess"]?["errorMessage"]?.contains("bad id") == true)
    }

    @Test func timersCloseIdleConnectionsAndAnswerSlowRequestsWith408() {
        var idle = machine()
        #expect(idle.deadlinePassed() == .close)
        #expect(idle.phase == .closed)

        var slow = machine()
        _ = slow.receivedHead(Self.head())
        _ = slow.receivedBody(Self.buffer([1]))
        #expect(Self.replyStatus(slow.deadlinePassed())! == (.requestTimeout, true))
    }
}
