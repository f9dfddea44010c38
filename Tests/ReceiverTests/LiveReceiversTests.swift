import Foundation
import GRPCCore
import SpanCore
import Testing

@testable import Receivers

/// Both receivers together, as `serve` and the live TUI run them.
@Suite(.serialized)
struct LiveReceiversTests {
    static func configuration() -> LiveReceiverConfiguration {
        var c = LiveReceiverConfiguration()
        c.http = ListenAddress(host: "127.0.0.1", port: 0)
        c.grpc = ListenAddress(host: "127.0.0.1", port: 0)
        return c
    }

    @Test func bothReceiversFeedOneStoreAndShutdownKeepsEverything() async throws {
        let receivers = try await LiveReceivers.start(Self.configuration())
        let httpPort = try #require(receivers.http?.port)
        let grpcPort = try #require(receivers.grpc?.port)
        let bodies = TestData.fixtureBodies
        let statuses = try await onThread {
            let client = try RawHTTPClient(port: httpPort)
            return try bodies.map { try client.exchange(EmbeddedHTTP.request($0)).status }
        }
        #expect(statuses.allSatisfy { $0 == 200 })
        let extra = TestData.generatedBody(spans: 100)
        let outcome = try await RawGRPC.withClient(port: grpcPort) { await RawGRPC.export($0, extra) }
        #expect(outcome == .ok([]))
        await receivers.shutdown()

        let store = TraceStore()
        let summary = receivers.drain(into: store)
        #expect(summary.spans == TestData.fixtureSpanCount + 100)
        #expect(store.statistics.spans == TestData.fixtureSpanCount + 100)
        let snapshots = receivers.snapshots
        #expect(snapshots.map(\.proto) == [.http, .grpc])
        #expect(snapshots[0].acceptedSpans == TestData.fixtureSpanCount && snapshots[1].acceptedSpans == 100)
        #expect(snapshots[0].address == "127.0.0.1:\(httpPort)")
    }

    @Test func failingSecondReceiverLeavesNothingRunning() async throws {
        let first = try await LiveReceivers.start(Self.configuration())
        var clash = Self.configuration()
        clash.grpc = ListenAddress(host: "127.0.0.1", port: try #require(first.grpc?.port))
        await #expect(throws: ReceiverError.self) { _ = try await LiveReceivers.start(clash) }
        await first.shutdown()
    }
}
