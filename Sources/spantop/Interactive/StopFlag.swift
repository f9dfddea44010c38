import NIOConcurrencyHelpers
import SpanCore

/// Set from any task (the group's shutdown), read by the UI loop on its thread every pass;
/// setting it wakes the loop's sleep.
final class StopFlag: Sendable {
    private let state = NIOLockedValueBox<(set: Bool, wakeups: [Wakeup])>((false, []))

    func set() {
        let wakeups = state.withLockedValue { s in
            s.set = true
            return s.wakeups
        }
        for w in wakeups { w.post() }
    }

    /// Posts `wakeup` when the flag is set (at once when it already is).
    func wakes(_ wakeup: Wakeup) {
        let already = state.withLockedValue { s in
            s.wakeups.append(wakeup)
            return s.set
        }
        if already { wakeup.post() }
    }

    var isSet: Bool { state.withLockedValue { $0.set } }
}
