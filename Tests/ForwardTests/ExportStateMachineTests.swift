import Foundation
import SpanCore
import Testing

@testable import Forward

/// A random source that always returns the same value, so jitter is predictable.
struct FixedRandom: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

@Suite struct ExportStateMachineTests {
    // An arbitrary instant: the machine only measures from `startedAt`.
    let t0 = MonotonicInstant(rawValue: 1_000_000_000_000)
    let noJitter = RetryPolicy(initialDelay: .seconds(1), multiplier: 2, maxDelay: .seconds(8), jitter: 0)

    func machine(_ policy: RetryPolicy) -> ExportStateMachine { ExportStateMachine(policy: policy, startedAt: t0) }

    @Test(arguments: [200, 202, 204, 299])
    func successIsDone(status: Int) {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        #expect(m.record(.status(status), now: t0, using: &rng) == .done)
        #expect(m.attempts == 1)
    }

    @Test(arguments: [429, 502, 503, 504])
    func throttlingAndGatewayErrorsAreRetried(status: Int) {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        #expect(m.record(.status(status), now: t0, using: &rng) == .retry(after: .seconds(1), error: m.lastError!))
        #expect(m.lastError?.hasPrefix("HTTP \(status)") == true)
    }

    @Test(arguments: [400, 401, 403, 404, 413, 415, 500, 501, 301])
    func otherStatusesAreGivenUpAtOnce(status: Int) {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        let action = m.record(.response(status: status, retryAfter: nil, message: "bad id"), now: t0, using: &rng)
        #expect(
            action
                == .giveUp(
                    ExportFailure(reason: .rejected(status: status), message: "HTTP \(status): bad id", attempts: 1)))
    }

    @Test func statusWithoutMessageUsesReasonPhrase() {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        guard case .giveUp(let failure) = m.record(.status(400), now: t0, using: &rng) else {
            Issue.record("400 must not be retried")
            return
        }
        #expect(failure.message == "HTTP 400: Bad Request")
    }

    @Test func connectionFailuresAndTimeoutsAreRetried() {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        #expect(
            m.record(.connectionFailed("refused"), now: t0, using: &rng)
                == .retry(after: .seconds(1), error: "connection failed: refused"))
        #expect(
            m.record(.timedOut, now: t0 + .seconds(1), using: &rng)
                == .retry(after: .seconds(2), error: "timed out waiting for a response"))
    }

    @Test func backoffDoublesUpToTheCap() {
        var m = machine(
            RetryPolicy(initialDelay: .seconds(1), multiplier: 2, maxDelay: .seconds(8), jitter: 0, maxElapsed: nil))
        var rng = SplitMix64(seed: 1)
        var delays: [Nanoseconds] = []
        for _ in 0..<6 {
            if case .retry(let d, _) = m.record(.status(503), now: t0, using: &rng) { delays.append(d) }
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
    }

    @Test func longOutagesDoNotOverflow() {
        let policy = RetryPolicy(initialDelay: .seconds(1), multiplier: 10, maxDelay: .seconds(30), jitter: 0)
        #expect(policy.baseDelay(retry: 10_000) == .seconds(30))
        #expect(policy.baseDelay(retry: 0) == .seconds(1))
    }

    @Test func jitterStaysWithinItsSpreadAndTheCap() {
        let policy = RetryPolicy(initialDelay: .seconds(2), multiplier: 2, maxDelay: .seconds(5), jitter: 0.5)
        var rng = SplitMix64(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<500 {
            let d = policy.delay(retry: 1, using: &rng)
            #expect(d >= .seconds(1) && d <= .seconds(3))
            seen.insert(Int(d.seconds * 10))
            #expect(policy.delay(retry: 5, using: &rng) <= .seconds(5))
        }
        #expect(seen.count > 10, "jitter must actually vary the delay")
    }

    @Test func jitterComesFromTheInjectedSource() {
        let policy = RetryPolicy(initialDelay: .seconds(1), jitter: 0.2)
        var low = FixedRandom(value: 0)
        var high = FixedRandom(value: .max)
        #expect(policy.delay(retry: 1, using: &low) == .seconds(0.8))
        #expect(abs(policy.delay(retry: 1, using: &high).seconds - 1.2) < 1e-9)
    }

    @Test func retryAfterSecondsWinsOverBackoff() {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        let action = m.record(.status(503, retryAfter: .seconds(7)), now: t0, using: &rng)
        #expect(action == .retry(after: .seconds(7), error: "HTTP 503: Service Unavailable"))
    }

    @Test func retryAfterDateIsMeasuredFromTheWallClock() {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        let now = Timestamp(unixNanoseconds: 1_700_000_000_000_000_000)
        let action = m.record(.status(429, retryAfter: .date(now + .seconds(3))), now: t0, wallClock: now, using: &rng)
        #expect(action == .retry(after: .seconds(3), error: "HTTP 429: Too Many Requests"))
        let past = m.record(
            .status(429, retryAfter: .date(Timestamp(unixNanoseconds: 1_699_999_970_000_000_000))), now: t0,
            wallClock: now, using: &rng)
        #expect(past == .retry(after: .zero, error: "HTTP 429: Too Many Requests"))
    }

    @Test func givesUpAfterMaxAttempts() {
        var policy = noJitter
        policy.maxAttempts = 3
        var m = machine(policy)
        var rng = SplitMix64(seed: 1)
        _ = m.record(.timedOut, now: t0, using: &rng)
        _ = m.record(.timedOut, now: t0, using: &rng)
        let action = m.record(.connectionFailed("refused"), now: t0, using: &rng)
        #expect(
            action
                == .giveUp(
                    ExportFailure(
                        reason: .retriesExhausted, message: "gave up after 3 attempts: connection failed: refused",
                        attempts: 3)))
    }

    @Test func givesUpWhenTheNextAttemptWouldPassTheTimeLimit() {
        var policy = noJitter
        policy.maxElapsed = .seconds(10)
        var m = machine(policy)
        var rng = SplitMix64(seed: 1)
        #expect(
            m.record(.status(503), now: t0 + .seconds(8), using: &rng)
                == .retry(after: .seconds(1), error: "HTTP 503: Service Unavailable"))
        guard case .giveUp(let f) = m.record(.status(503), now: t0 + .seconds(9), using: &rng) else {
            Issue.record("expected to give up")
            return
        }
        #expect(f.reason == .retriesExhausted)
        // A server asking for longer than the remaining budget is given up on as well.
        var m2 = machine(policy)
        guard case .giveUp = m2.record(.status(429, retryAfter: .seconds(60)), now: t0, using: &rng) else {
            Issue.record("expected to give up")
            return
        }
    }

    @Test func anEnormousRetryAfterIsGivenUpOnNotWrappedAround() throws {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        let huge = try #require(RetryAfter(header: "99999999999999999999999"))
        guard case .giveUp = m.record(.status(503, retryAfter: huge), now: t0 + .seconds(1), using: &rng) else {
            Issue.record("a delay past the time limit must be given up on")
            return
        }
    }

    @Test func successAfterRetriesIsDone() {
        var m = machine(noJitter)
        var rng = SplitMix64(seed: 1)
        _ = m.record(.status(503), now: t0, using: &rng)
        _ = m.record(.connectionFailed("reset"), now: t0, using: &rng)
        #expect(m.record(.status(200), now: t0, using: &rng) == .done)
        #expect(m.attempts == 3)
    }
}

@Suite struct RetryAfterTests {
    @Test func parsesDelaySeconds() {
        #expect(RetryAfter(header: "120") == .seconds(120))
        #expect(RetryAfter(header: " 0 ") == .seconds(0))
    }

    @Test func parsesAllThreeHTTPDateForms() {
        let expected = Timestamp(unixNanoseconds: 784_111_777_000_000_000)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter(header: "Sun, 06 Nov 1994 08:49:37 GMT") == .date(expected))
        #expect(RetryAfter(header: "Sunday, 06-Nov-94 08:49:37 GMT") == .date(expected))
        #expect(RetryAfter(header: "Sun Nov  6 08:49:37 1994") == .date(expected))
    }

    @Test(arguments: ["", "-5", "1.5", "soon", "Sun, 99 Nov 1994 08:49:37 GMT"])
    func rejectsOtherValues(header: String) {
        #expect(RetryAfter(header: header) == nil)
    }
}
