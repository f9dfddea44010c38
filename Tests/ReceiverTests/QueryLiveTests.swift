import Foundation
import Synchronization
import Testing

@testable import Receivers

/// The query API's side of the OTLP/HTTP receiver on a real loopback socket: queries reach the
/// store's owner through the desk and come back on the same connection as exports.
@Suite(.serialized)
struct QueryLiveTests {
    /// Answers every waiting query with its own target until stopped (the store owner's part).
    final class Owner: Sendable {
        let desk = QueryDesk()
        private let stopped = Mutex(false)

        func start() {
            Thread {
                // Bounded: stops when asked, or after 30 s whatever happens.
                for _ in 0..<30_000 where !self.stopped.withLock({ $0 }) {
                    self.desk.answerPending { target in (200, Array(#"{"asked": "\#(target)"}"#.utf8)) }
                    Thread.sleep(forTimeInterval: 0.001)  // a real owner waits for its next tick
                }
            }.start()
        }

        func stop() { stopped.withLock { $0 = true } }
    }

    static func get(_ path: String, headers: [String] = []) -> [UInt8] {
        EmbeddedHTTP.request([], path: path, method: "GET", contentType: nil, headers: headers)
    }

    @Test func queriesAndExportsShareAConnection() async throws {
        let owner = Owner()
        owner.start()
        let live = try await LiveHTTP.start { $0.queries = owner.desk }
        let port = live.port
        let replies = try await onThread { () -> [EmbeddedHTTP.Response] in
            let client = try RawHTTPClient(port: port)
            return [
                try client.exchange(Self.get("/api/v1/overview")),
                try client.exchange(EmbeddedHTTP.request(TestData.fixtureBodies[0])),
                try client.exchange(Self.get("/api/v1/tasks?status=failed&limit=5")),
                try client.exchange(EmbeddedHTTP.request([], path: "/api/v1/overview", method: "POST")),
            ]
        }
        owner.stop()
        #expect(replies.map(\.status) == [200, 200, 200, 405])
        #expect(replies[0].text == #"{"asked": "/api/v1/overview"}"#)
        #expect(replies[2].text == #"{"asked": "/api/v1/tasks?status=failed&limit=5"}"#)
        #expect(replies[3].headers["allow"] == "GET" || replies[3].headers["Allow"] == "GET")
        #expect(replies[3].text.contains("read-only"))
        #expect(live.drainedSpans() > 0)
        await live.server.shutdown()
    }

    @Test func theTokenGuardsQueriesAsItGuardsExports() async throws {
        let owner = Owner()
        owner.start()
        let live = try await LiveHTTP.start {
            $0.queries = owner.desk
            $0.authToken = "s3cret"
        }
        let port = live.port
        let statuses = try await onThread {
            let client = try RawHTTPClient(port: port)
            return [
                try client.exchange(Self.get("/api/v1/overview")).status,
                try client.exchange(Self.get("/api/v1/overview", headers: ["Authorization: Bearer wrong"])).status,
                try client.exchange(Self.get("/api/v1/overview", headers: ["Authorization: Bearer s3cret"])).status,
            ]
        }
        owner.stop()
        #expect(statuses == [401, 401, 200])
        await live.server.shutdown()
    }

    @Test func withoutAnOwnerQueriesAreNotFoundOrTimeOut() async throws {
        let none = try await LiveHTTP.start()
        let port = none.port
        let status = try await onThread { try RawHTTPClient(port: port).exchange(Self.get("/api/v1/overview")).status }
        #expect(status == 404)
        await none.server.shutdown()

        // An owner that never answers: the request deadline answers 503 instead of hanging.
        let desk = QueryDesk()
        let stuck = try await LiveHTTP.start {
            $0.queries = desk
            $0.requestTimeout = .milliseconds(300)
        }
        let stuckPort = stuck.port
        let late = try await onThread { try RawHTTPClient(port: stuckPort).exchange(Self.get("/api/v1/overview")) }
        #expect(late.status == 503)
        // A closed desk refuses at once.
        desk.close()
        let closed = try await onThread {
            try RawHTTPClient(port: stuckPort).exchange(Self.get("/api/v1/overview")).status
        }
        #expect(closed == 503)
        await stuck.server.shutdown()
    }
}
