import Forward
import NIOConcurrencyHelpers
import SpanCore

/// A clock the test moves: sleeps wait until the test advances past their deadline, so
/// exporter tests run flush timers, retries and slow destinations without waiting for real
/// time. Timeouts (the drain's) pass only when a test asks for them: moving on to the send
/// loop's next timer never spends a drain budget by accident.
final class ManualClock: ExporterClock {
    private struct Sleeper {
        var id: Int
        var deadline: UInt64
        var isTimeout: Bool
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: UInt64 = 1_000_000_000
        var sleepers: [Sleeper] = []
        var cancelled: Set<Int> = []
        var nextID = 0
    }

    /// The wall time at the clock's start (a fixed date: status times are reproducible).
    static let wallStart = Timestamp(rawValue: 1_767_261_600_000_000_000)
    private let state = NIOLockedValueBox(State())

    func now() -> MonotonicInstant { MonotonicInstant(rawValue: state.withLockedValue { $0.now }) }

    func wallNow() -> Timestamp { Self.wallStart + Nanoseconds(rawValue: state.withLockedValue { $0.now }) }

    func sleep(for length: Nanoseconds) async throws { try await wait(length, isTimeout: false) }

    func timeout(after length: Nanoseconds) async throws { try await wait(length, isTimeout: true) }

    private func wait(_ length: Nanoseconds, isTimeout: Bool) async throws {
        let id = state.withLockedValue { s in
            defer { s.nextID += 1 }
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLockedValue { s -> Result<Void, any Error>? in
                    if s.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if length == .zero { return .success(()) }
                    s.sleepers.append(
                        Sleeper(id: id, deadline: s.now &+ length.rawValue, isTimeout: isTimeout, continuation: c))
                    return nil
                }
                if let outcome { c.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLockedValue { s -> Sleeper? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else {
                    s.cancelled.insert(id)
                    return nil
                }
                return s.sleepers.remove(at: i)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Whether anything waits on the clock (timeouts only when `timeouts`).
    func hasSleepers(timeouts: Bool = false) -> Bool {
        state.withLockedValue { $0.sleepers.contains { timeouts || !$0.isTimeout } }
    }

    /// Moves time to the earliest deadline (of timeouts too when `timeouts`) and wakes what is
    /// due by then.
    func advanceToNextDeadline(timeouts: Bool = false) {
        let due = state.withLockedValue { s -> [Sleeper] in
            let eligible = { (sleeper: Sleeper) in timeouts || !sleeper.isTimeout }
            guard let next = s.sleepers.filter(eligible).map(\.deadline).min() else { return [] }
            s.now = max(s.now, next)
            let now = s.now
            let due = s.sleepers.filter { eligible($0) && $0.deadline <= now }
            s.sleepers.removeAll { eligible($0) && $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

/// Lets the exporter's tasks run until `condition` holds, moving `clock` to its next deadline
/// whenever something waits on it (the send loop waits on one thing at a time, so a timer
/// fires once nothing else is left to do). Timeouts pass too when `timeouts`. Bounded by real
/// time, without sleeping.
func settle(_ clock: ManualClock, timeouts: Bool = false, until condition: () -> Bool) async -> Bool {
    let deadline = MonotonicClock.now() + .seconds(30)
    while MonotonicClock.now() < deadline {
        if condition() { return true }
        if clock.hasSleepers(timeouts: timeouts) {
            clock.advanceToNextDeadline(timeouts: timeouts)
        } else {
            await Task.yield()
        }
    }
    return condition()
}

/// Runs `operation` (a shutdown, say) while moving `clock` on, and returns its result.
func driving<T: Sendable>(
    _ clock: ManualClock, timeouts: Bool = false, _ operation: @escaping @Sendable () async -> T
) async -> T {
    let task = Task { await operation() }
    let finished = NIOLockedValueBox(false)
    let watcher = Task {
        _ = await task.value
        finished.withLockedValue { $0 = true }
    }
    _ = await settle(clock, timeouts: timeouts) { finished.withLockedValue { $0 } }
    await watcher.value
    return await task.value
}
