import Foundation
import Testing

@testable import Receivers

/// A thousand idle connections and a slowloris client must not keep valid requests waiting.
/// The bound below is generous (answers take milliseconds): it catches a receiver that
/// serves connections one at a time or stalls on a slow one, not a slow machine.
@Suite(.serialized)
struct ConnectionFloodTests {
    static let idleConnections = 1000
    static let promptly = 2.0

    @Test func httpAnswersPromptlyBesideIdleConnectionsAndASlowloris() async throws {
        let live = try await LiveHTTP.start()
        let port = live.port
        let body = TestData.generatedBody(spans: 20)
        let (statuses, slowest, idleOpen) = try await onThread { () -> ([Int], Double, Int) in
            let idle = try (0..<Self.idleConnections).map { _ in try RawHTTPClient(port: port, timeoutSeconds: 5) }
            let slowloris = Slowloris(port: port, bytes: Array("POST /v1/traces HTTP/1.1\r\nHost: x\r\n".utf8))
            defer { slowloris.stop() }
            let client = try RawHTTPClient(port: port)
            var statuses: [Int] = []
            var slowest = 0.0
            for _ in 0..<20 {
                let start = Date()
                statuses.append(try client.exchange(EmbeddedHTTP.request(body)).status)
                slowest = max(slowest, Date().timeIntervalSince(start))
            }
            // The idle connections were held, not dropped to make room.
            return (statuses, slowest, idle.filter { $0.isOpenNow() }.count)
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(slowest < Self.promptly, "slowest answer \(slowest) s")
        #expect(idleOpen == Self.idleConnections)
        #expect(live.drainedSpans() == 20 * 20)
        // No shutdown here: the slowloris's half-sent request fails whenever its close reaches
        // the server, and if that races a quiesce NIO's HTTP pipeline asserts (debug builds
        // only). The listener on its free port goes with the test process.
    }

    @Test func grpcAnswersPromptlyBesideIdleConnectionsAndASlowloris() async throws {
        let live = try await GRPCLiveTests.Live.start()
        let port = live.server.port
        let body = TestData.generatedBody(spans: 20)
        var idle = try await onThread {
            try (0..<Self.idleConnections).map { _ in try RawHTTPClient(port: port, timeoutSeconds: 5) }
        }
        // Half an HTTP/2 preface, a byte at a time.
        let slowloris = Slowloris(port: port, bytes: Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8))
        let clock = ContinuousClock()
        var slowest = Duration.zero
        let outcomes = try await RawGRPC.withClient(port: port) { client in
            var outcomes: [RawGRPC.Outcome] = []
            for _ in 0..<20 {
                let start = clock.now
                outcomes.append(await RawGRPC.export(client, body))
                slowest = max(slowest, clock.now - start)
            }
            return outcomes
        }
        slowloris.stop()
        #expect(outcomes == Array(repeating: .ok([]), count: 20))
        #expect(slowest < .seconds(Self.promptly), "slowest answer \(slowest)")
        #expect(idle.filter { $0.isOpenNow() }.count == Self.idleConnections)
        #expect(live.drainedSpans() == 20 * 20)
        idle.removeAll()  // closed by us, so shutdown need not wait for their handshake deadline
        await live.server.shutdown()
    }
}

/// Sends `bytes` one at a time, 50 ms apart, on its own thread until stopped or done.
final class Slowloris: @unchecked Sendable {  // its state is guarded by `lock`
    private var stopped = false
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)

    init(port: Int, bytes: [UInt8]) {
        Thread { [self] in
            defer { finished.signal() }
            guard let client = try? RawHTTPClient(port: port, timeoutSeconds: 5) else { return }
            for b in bytes {
                if isStopped { return }
                try? client.send([b])
                // A real socket against the server's real timers: the client must be slow in real time.
                Thread.sleep(forTimeInterval: 0.05)
            }
            while !isStopped { Thread.sleep(forTimeInterval: 0.01) }
        }.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops and waits (bounded) until its connection is closed, so a server shut down next
    /// never sees it: NIO's HTTP pipeline asserts (in debug builds) when a half-sent request
    /// fails while the server is quiescing.
    func stop() {
        lock.withLock { stopped = true }
        _ = finished.wait(timeout: .now() + 5)
    }
}
