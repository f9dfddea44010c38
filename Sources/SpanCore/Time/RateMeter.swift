/// A counter's rate per second between readings (spans per second for status lines and the
/// throughput sparkline).
public struct RateMeter: Sendable {
    /// Readings closer together than this keep the previous rate (too short to mean much).
    public let minimumInterval: Nanoseconds
    public private(set) var lastCount: Int
    private var lastAt: MonotonicInstant?
    /// The rate as of the last reading that counted.
    public private(set) var perSecond = 0.0

    /// - Parameters:
    ///   - count, at: a first reading, when one is known (else the first `note` is it).
    public init(minimumInterval: Nanoseconds = .zero, count: Int = 0, at start: MonotonicInstant? = nil) {
        self.minimumInterval = minimumInterval
        lastCount = count
        lastAt = start
    }

    /// Takes a reading and returns the rate since the previous one.
    @discardableResult
    public mutating func note(_ count: Int, at now: MonotonicInstant) -> Double {
        guard let lastAt else {
            (lastCount, self.lastAt) = (count, now)
            return perSecond
        }
        let elapsed = now - lastAt
        guard elapsed > .zero, elapsed >= minimumInterval else { return perSecond }
        perSecond = Double(count - lastCount) / elapsed.seconds
        (lastCount, self.lastAt) = (count, now)
        return perSecond
    }
}
