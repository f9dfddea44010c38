import SpanCore

/// What an exporter measures and waits with: the system's clocks in use, a manual clock in
/// tests (so they never sleep: they move time on instead).
public protocol ExporterClock: Sendable {
    /// Now, for intervals (the flush timer, retry budgets).
    func now() -> MonotonicInstant
    /// Now as a date, for status lines (last error, next attempt).
    func wallNow() -> Timestamp
    /// Waits `length`; throws `CancellationError` when the waiting task is cancelled.
    func sleep(for length: Nanoseconds) async throws
    /// Waits `length` as a deadline on other work (the drain timeout): the same as `sleep` in
    /// use; a test clock lets these pass only when the test says so.
    func timeout(after length: Nanoseconds) async throws
}

extension ExporterClock {
    public func timeout(after length: Nanoseconds) async throws { try await sleep(for: length) }
}

/// The system's clocks: `MonotonicClock`, `WallClock` and `Task.sleep`.
public struct SystemExporterClock: ExporterClock {
    public init() {}
    public func now() -> MonotonicInstant { MonotonicClock.now() }
    public func wallNow() -> Timestamp { WallClock.now() }
    public func sleep(for length: Nanoseconds) async throws { try await Task.sleep(for: length.duration) }
}
