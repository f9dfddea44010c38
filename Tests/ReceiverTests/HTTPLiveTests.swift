import Foundation
import Testing

@testable import Receivers

/// The OTLP/HTTP receiver on a real loopback socket.
@Suite(.serialized)
struct HTTPLiveTests {
    @Test func fixturesOverOneKeepAliveConnection() async throws {
        let live = try await LiveHTTP.start()
        let port = live.port
        #expect(port > 0)
        #expect(live.stats.snapshot.address == "127.0.0.1:\(port)")
        let statuses = try await onThread {
            let client = try RawHTTPClient(port: port)
            return try TestData.fixtureBodies.map { try client.exchange(EmbeddedHTTP.request($0)).status }
        }
        #expect(statuses == Array(repeating: 200, count: TestData.fixtureBodies.count))
        #expect(live.drainedSpans() == TestData.fixtureSpanCount)
        await live.server.shutdown()
    }

    @Test func badInputGetsItsStatusAndDoesNotDisturbOthers() async throws {
        let live = try await LiveHTTP.start { $0.maxBodyBytes = 1 << 20 }
        let port = live.port
        let body = TestData.generatedBody(spans: 100)
        let statuses = try await onThread { () -> [Int] in
            let good = try RawHTTPClient(port: port)
            var statuses: [Int] = []
            let bad: [[UInt8]] = [
                EmbeddedHTTP.request(Array(repeating: 0xFF, count: 300)),  // garbage
                EmbeddedHTTP.request(Array(body.prefix(body.count / 2))),  // truncated
                EmbeddedHTTP.request(Array("{not json".utf8), contentType: "application/json"),
                EmbeddedHTTP.request(body, contentType: "application/xml"),
                EmbeddedHTTP.request(TestData.gzipBomb(size: 64 << 20), headers: ["Content-Encoding: gzip"]),
                EmbeddedHTTP.request(Array(repeating: 1, count: (1 << 20) + 1)),  // over the cap
            ]
            for request in bad {
                let client = try RawHTTPClient(port: port)
                statuses.append(try client.exchange(request).status)
                // Between the bad ones, a well-behaved client on its own connection still works.
                statuses.append(try good.exchange(EmbeddedHTTP.request(body)).status)
            }
            return statuses
        }
        #expect(statuses == [400, 200, 400, 200, 400, 200, 415, 200, 413, 200, 413, 200])
        #expect(live.drainedSpans() == 600, "every accepted request arrived whole")
        await live.server.shutdown()
    }

    @Test func idleAndStalledConnectionsAreClosedWhileOthersWork() async throws {
        let live = try await LiveHTTP.start {
            $0.idleTimeout = .milliseconds(500)
            $0.requestTimeout = .milliseconds(500)
        }
        let port = live.port
        let body = TestData.fixtureBodies[0]
        let (idleClosed, stalledClosed, slowBodyStatus, others) = try await onThread {
            let idle = try RawHTTPClient(port: port, timeoutSeconds: 5)
            let stalled = try RawHTTPClient(port: port, timeoutSeconds: 5)
            try stalled.send(Array("POST /v1/traces HTTP/1.1\r\nHost: x\r\n".utf8))  // headers never finish
            let slowBody = try RawHTTPClient(port: port, timeoutSeconds: 5)
            try slowBody.send(Array(EmbeddedHTTP.request(body).dropLast(3)))  // body never finishes
            let other = try RawHTTPClient(port: port)
            let others = try (0..<3).map { _ in try other.exchange(EmbeddedHTTP.request(body)).status }
            let slowStatus = try slowBody.readResponse()?.status
            return (idle.closedByServer(), stalled.closedByServer(), slowStatus, others)
        }
        #expect(idleClosed && stalledClosed)
        #expect(slowBodyStatus == 408)
        #expect(others == [200, 200, 200])
        await live.server.shutdown()
    }

    @Test func hundredsOfConcurrentConnections() async throws {
        let live = try await LiveHTTP.start()
        let port = live.port
        let body = TestData.generatedBody(spans: 20)
        let connections = 300
        let statuses = try await onThread { () -> [Int] in
            // Open them all first, then send on all, then read all: the server holds 300 at once.
            let clients = try (0..<connections).map { _ in try RawHTTPClient(port: port) }
            for client in clients { try client.send(EmbeddedHTTP.request(body)) }
            return try clients.map { try $0.readResponse()?.status ?? 0 }
        }
        #expect(statuses.count == connections && statuses.allSatisfy { $0 == 200 })
        #expect(live.drainedSpans() == connections * 20)
        #expect(live.stats.snapshot.requests == connections)
        await live.server.shutdown()
    }

    @Test func bearerTokenIsEnforced() async throws {
        let live = try await LiveHTTP.start { $0.authToken = "t0ken" }
        let port = live.port
        let body = TestData.fixtureBodies[0]
        let (without, with) = try await onThread {
            let client = try RawHTTPClient(port: port)
            return (
                try client.exchange(EmbeddedHTTP.request(body)).status,
                try client.exchange(EmbeddedHTTP.request(body, headers: ["Authorization: Bearer t0ken"])).status
            )
        }
        #expect(without == 401 && with == 200)
        await live.server.shutdown()
    }

    @Test func portInUseNamesThePortAndTheFlag() async throws {
        let live = try await LiveHTTP.start()
        let port = live.port
        await #expect {
            _ = try await OTLPHTTPServer.start(
                host: "127.0.0.1", port: port, configuration: OTLPHTTPConfiguration(),
                intake: ExportIntake(inbox: live.inbox, stats: live.stats))
        } throws: { error in
            let text = "\(error)"
            return text.contains("port \(port) is already in use") && text.contains("--http")
        }
        await live.server.shutdown()
    }
}
