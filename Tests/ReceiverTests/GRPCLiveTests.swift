import Foundation
import GRPCCore
import Testing

@testable import Receivers

/// The OTLP/gRPC receiver on a real loopback socket, called by a grpc-swift client.
@Suite(.serialized)
struct GRPCLiveTests {
    struct Live {
        let server: OTLPGRPCServer
        let inbox: BatchInbox
        let stats: ReceiverStats

        static func start(inboxCapacity: Int = 1 << 22, _ configure: (inout OTLPGRPCConfiguration) -> Void = { _ in })
            async throws -> Live
        {
            var configuration = OTLPGRPCConfiguration()
            configure(&configuration)
            let inbox = BatchInbox(capacity: inboxCapacity)
            let stats = ReceiverStats(proto: .grpc, address: "")
            let server = try await OTLPGRPCServer.start(
                host: "127.0.0.1", port: 0, configuration: configuration,
                intake: ExportIntake(inbox: inbox, stats: stats))
            return Live(server: server, inbox: inbox, stats: stats)
        }

        func drainedSpans() -> Int {
            var spans = 0
            inbox.drain { spans += $0.batch.spans.count }
            return spans
        }
    }

    @Test func fixturesAreAccepted() async throws {
        let live = try await Live.start()
        #expect(live.stats.snapshot.address == "127.0.0.1:\(live.server.port)")
        let outcomes = try await RawGRPC.withClient(port: live.server.port) { client in
            var outcomes: [RawGRPC.Outcome] = []
            for body in TestData.fixtureBodies { outcomes.append(await RawGRPC.export(client, body)) }
            return outcomes
        }
        #expect(outcomes == Array(repeating: .ok([]), count: TestData.fixtureBodies.count))
        #expect(live.drainedSpans() == TestData.fixtureSpanCount)
        await live.server.shutdown()
    }

    @Test func gzipCompressedCallsAreAccepted() async throws {
        let live = try await Live.start()
        let body = TestData.generatedBody(spans: 300)
        let outcome = try await RawGRPC.withClient(port: live.server.port, gzip: true) { client in
            await RawGRPC.export(client, body, gzip: true)
        }
        #expect(outcome == .ok([]))
        #expect(live.drainedSpans() == 300)
        await live.server.shutdown()
    }

    @Test func badInputIsInvalidArgumentAndOthersAreUndisturbed() async throws {
        let live = try await Live.start { $0.maxMessageBytes = 1 << 20 }
        let body = TestData.generatedBody(spans: 50)
        let outcomes = try await RawGRPC.withClient(port: live.server.port) { client in
            [
                await RawGRPC.export(client, Array(repeating: 0xFF, count: 300)),  // garbage
                await RawGRPC.export(client, body),
                await RawGRPC.export(client, Array(body.prefix(body.count / 2))),  // truncated
                await RawGRPC.export(client, body),
                await RawGRPC.export(client, Array(repeating: 0, count: (1 << 20) + 10)),  // over the cap
                await RawGRPC.export(client, body),
            ]
        }
        #expect(outcomes[0] == .failed(.invalidArgument))
        #expect(outcomes[2] == .failed(.invalidArgument))
        #expect(outcomes[4] == .failed(.resourceExhausted), "an over-size message: \(outcomes[4])")
        #expect([outcomes[1], outcomes[3], outcomes[5]] == Array(repeating: .ok([]), count: 3))
        #expect(live.drainedSpans() == 150)
        await live.server.shutdown()
    }

    /// The rest of the bad-input list over gRPC: a gzip bomb, JSON where protobuf belongs, and an
    /// HTTP/2 request with a non-gRPC content type (sent by curl, a client we did not write).
    @Test func gzipBombJSONAndWrongContentTypeAreRefusedAndOthersUndisturbed() async throws {
        let live = try await Live.start { $0.maxMessageBytes = 1 << 20 }
        let body = TestData.generatedBody(spans: 40)
        let outcomes = try await RawGRPC.withClient(port: live.server.port, gzip: true) { client in
            [
                // 16 MiB of zeros: ~16 KiB compressed, sixteen times the cap once inflated.
                await RawGRPC.export(client, Array(repeating: 0, count: 16 << 20), gzip: true),
                await RawGRPC.export(client, body, gzip: true),
                await RawGRPC.export(client, Array(#"{"resourceSpans":[{"scopeSpans":[]}]}"#.utf8)),
                await RawGRPC.export(client, body),
            ]
        }
        #expect(outcomes[0] != .ok([]), "the bomb is refused: \(outcomes[0])")
        #expect(outcomes[2] == .failed(.invalidArgument))
        #expect(outcomes[1] == .ok([]) && outcomes[3] == .ok([]))

        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = [
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--http2-prior-knowledge", "-X", "POST",
            "-H", "content-type: application/json", "--data", "{}",
            "http://127.0.0.1:\(live.server.port)/opentelemetry.proto.collector.trace.v1.TraceService/Export",
        ]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        curl.waitUntilExit()
        let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(code == "415", "a non-gRPC content type gets 415, got \(code)")

        let after = try await RawGRPC.withClient(port: live.server.port) { client in
            await RawGRPC.export(client, body)
        }
        #expect(after == .ok([]))
        #expect(live.drainedSpans() == 120)
        await live.server.shutdown()
    }

    @Test func partialSuccessCarriesRejectedSpans() async throws {
        let live = try await Live.start()
        let outcome = try await RawGRPC.withClient(port: live.server.port) { client in
            await RawGRPC.export(client, TestData.bodyWithOneInvalidSpan())
        }
        guard case .ok(let bytes) = outcome else {
            Issue.record("expected OK, got \(outcome)")
            return
        }
        // partial_success { rejected_spans: 1, error_message: ... }
        #expect(bytes.count > 4 && bytes[0] == 0x0A && bytes[2] == 0x08 && bytes[3] == 1)
        #expect(live.stats.snapshot.rejectedSpans == 1)
        await live.server.shutdown()
    }

    @Test func fullInboxIsUnavailable() async throws {
        let live = try await Live.start(inboxCapacity: 100)
        let body = TestData.generatedBody(spans: 80)
        let outcomes = try await RawGRPC.withClient(port: live.server.port) { client in
            [await RawGRPC.export(client, body), await RawGRPC.export(client, body)]
        }
        #expect(outcomes == [.ok([]), .failed(.unavailable)])
        #expect(live.drainedSpans() == 80)
        await live.server.shutdown()
    }

    @Test func bearerTokenIsEnforced() async throws {
        let live = try await Live.start { $0.authToken = "t0ken" }
        let body = TestData.fixtureBodies[0]
        let outcomes = try await RawGRPC.withClient(port: live.server.port) { client in
            [
                await RawGRPC.export(client, body),
                await RawGRPC.export(client, body, metadata: ["authorization": "Bearer nope"]),
                await RawGRPC.export(client, body, metadata: ["authorization": "Bearer t0ken"]),
            ]
        }
        #expect(outcomes == [.failed(.unauthenticated), .failed(.unauthenticated), .ok([])])
        await live.server.shutdown()
    }

    @Test func manyConcurrentCalls() async throws {
        let live = try await Live.start()
        let body = TestData.generatedBody(spans: 20)
        let oks = try await RawGRPC.withClient(port: live.server.port) { client in
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 { group.addTask { await RawGRPC.export(client, body) == .ok([]) } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        #expect(oks == 200)
        #expect(live.drainedSpans() == 200 * 20)
        await live.server.shutdown()
    }

    @Test func portInUseNamesThePortAndTheFlag() async throws {
        let live = try await Live.start()
        let port = live.server.port
        await #expect {
            _ = try await OTLPGRPCServer.start(
                host: "127.0.0.1", port: port, configuration: OTLPGRPCConfiguration(),
                intake: ExportIntake(inbox: live.inbox, stats: live.stats))
        } throws: { error in
            let text = "\(error)"
            return text.contains("port \(port)") && text.contains("--grpc")
        }
        await live.server.shutdown()
    }

    @Test func idleGarbageAndStalledConnectionsDoNotDisturbRealClients() async throws {
        let live = try await Live.start {
            $0.maxIdleTime = .seconds(1)
            $0.handshakeTimeout = .seconds(1)
        }
        let port = live.server.port
        // 200 raw connections: a third send garbage, a third a partial HTTP/2 preface, a third nothing.
        let sockets = try await onThread { () -> [RawHTTPClient] in
            try (0..<200).map { i in
                let socket = try RawHTTPClient(port: port, timeoutSeconds: 5)
                if i % 3 == 0 { try socket.send(Array(repeating: 0x42, count: 64)) }
                if i % 3 == 1 { try socket.send(Array("PRI * HTTP/2.0\r\n".utf8)) }
                return socket
            }
        }
        let body = TestData.fixtureBodies[0]
        let outcome = try await RawGRPC.withClient(port: port) { client in await RawGRPC.export(client, body) }
        #expect(outcome == .ok([]))
        let closed = try await onThread { () -> Int in
            var closed = 0
            // Stop at the first one still open: each check waits up to its read timeout.
            for socket in sockets {
                guard socket.closedByServer() else { break }
                closed += 1
            }
            return closed
        }
        #expect(closed == sockets.count, "garbage, stalled and idle connections are all closed by the server")
        await live.server.shutdown()
    }
}
