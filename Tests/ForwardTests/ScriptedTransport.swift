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
    /// How long each send takes, on `clock` (a slow destination).
    let delay: Nanoseconds
    let clock: ManualClock?

    init(
        delay: Duration = .zero, clock: ManualClock? = nil,
        answer: @escaping @Sendable (Int) -> ExportOutcome = { _ in .status(200) }
    ) {
        precondition(delay == .zero || clock != nil, "a delay passes on a manual clock")
        self.answer = answer
        self.delay = Nanoseconds(delay)
        self.clock = clock
    }

    func send(_ body: [UInt8]) async -> ExportOutcome {
        let n = state.withLockedValue { s in
            s.attempts += 1
            return s.attempts - 1
        }
        if delay > .zero { try? await clock?.sleep(for: delay) }
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

extension ExporterSettings {
    /// Short timings for tests.
    static func fast(queue: Int = 8192, batch: Int = 1024) -> ExporterSettings {
        ExporterSettings(
            queueCapacity: queue, maxBatchSpans: batch, flushInterval: .milliseconds(50),
            requestTimeout: .seconds(2),
            retry: RetryPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxElapsed: .seconds(30)))
    }
}
