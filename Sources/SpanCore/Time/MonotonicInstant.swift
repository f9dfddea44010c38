/// A reading of the monotonic clock: for intervals, deadlines and rates, never shown as a date
/// (it starts at an arbitrary point, usually boot).
@frozen
public struct MonotonicInstant: RawRepresentable, Hashable, Comparable, Sendable {
    /// Nanoseconds since the clock's arbitrary origin.
    public var rawValue: UInt64

    @inlinable
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    @inlinable
    public static func < (a: MonotonicInstant, b: MonotonicInstant) -> Bool { a.rawValue < b.rawValue }

    /// Time from `earlier` to `self`; zero when `earlier` is later.
    @inlinable
    public static func - (a: MonotonicInstant, earlier: MonotonicInstant) -> Nanoseconds {
        Nanoseconds(rawValue: a.rawValue > earlier.rawValue ? a.rawValue - earlier.rawValue : 0)
    }

    @inlinable
    public static func + (a: MonotonicInstant, d: Nanoseconds) -> MonotonicInstant {
        MonotonicInstant(rawValue: a.rawValue &+ d.rawValue)
    }
}
