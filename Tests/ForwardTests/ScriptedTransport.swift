import Foundation
import NIOConcurrencyHelpers
import OTLPWire
import SpanCore
import SpantopTestSupport

@testable import Forward

/// A transport that answers from a script and keeps every body it was given.
final class ScriptedTransport: ExportTransport {
    struct State {
        var bodies: [[UInt8]] = []
        var attempts = 0
        var shutDown = false
    }

    let state = NIOLockedValueBox(State())
    /// Answer for the n-th attempt (0-based).
    let answer: @Sendable (Int) -> ExportOutcome
    let delay: Duration

    init(delay: Duration = .zero, answer: @escaping @Sendable (Int) -> ExportOutcome = { _ in .status(200) }) {
        self.answer = answer
        self.delay = delay
    }

    func send(_ body: [UInt8]) async -> ExportOutcome {
        let n = state.withLockedValue { s in
            s.attempts += 1
            return s.attempts - 1
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        let outcome = answer(n)
        if case .response(let status, _, _) = outcome, (200..<300).contains(status) {
            state.withLockedValue { $0.bodies.append(body) }
        }
        return outcome
    }

    func shutdown() async { state.withLockedValue { $0.shutDown = true } }

    var attempts: Int { state.withLockedValue { $0.attempts } }

    /// Spans in the accepted bodies, in order.
    var delivered: [SpanRecord] { state.withLockedValue { $0.bodies }.flatMap { decodeBody($0) } }
}

/// gunzip + decode one request body.
func decodeBody(_ body: [UInt8]) -> [SpanRecord] {
    guard let raw = TestZlib.gunzip(body) else { return [] }
    var batch = SpanBatch()
    var decoder = ProtobufDecoder()
    var outcome = DecodeOutcome()
    do {
        try decoder.decode(raw, into: &batch, outcome: &outcome)
    } catch {
        return []
    }
    return batch.records()
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(15), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

extension ExporterSettings {
    /// Short timings for tests.
    static func fast(queue: Int = 8192, batch: Int = 1024) -> ExporterSettings {
        ExporterSettings(
            queueCapacity: queue, maxBatchSpans: batch, flushInterval: .milliseconds(50),
            requestTimeout: .seconds(2),
            retry: RetryPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxElapsed: .seconds(30)))
    }
}
