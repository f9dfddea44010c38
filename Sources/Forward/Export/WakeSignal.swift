import NIOConcurrencyHelpers
import SpanCore

/// Wakes the exporter's send loop from `submit` without making `submit` async.
///
/// At most one task waits at a time (the loop). A signal fired while nobody waits is kept, so
/// a wake-up between the loop's last check and its wait is never lost.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())

    /// Wakes the waiter, or lets the next wait return at once.
    func fire() {
        let waiter = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns when fired, when `timeout` (if any) passes on `clock`, or when the task is
    /// cancelled.
    func wait(timeout: Nanoseconds?, clock: any ExporterClock) async {
        guard let timeout else {
            await waitForFire()
            return
        }
        await finishes(before: { try await clock.sleep(for: timeout) }) { await self.waitForFire() }
    }

    private func waitForFire() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { s -> Bool in
                    // Cancellation is flagged before handlers run, so checking under the lock
                    // that onCancel also takes cannot miss it.
                    if s.pending || Task.isCancelled {
                        s.pending = false
                        return true
                    }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }
}
