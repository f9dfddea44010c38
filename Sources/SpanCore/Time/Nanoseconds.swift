/// A length of time in nanoseconds (never a point in time: see `Timestamp` and
/// `MonotonicInstant`).
@frozen
public struct Nanoseconds: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt64

    @inlinable
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    @inlinable
    public static var zero: Nanoseconds { Nanoseconds(rawValue: 0) }

    /// Whole nanoseconds in `seconds`; negative and non-finite values give zero.
    @inlinable
    public static func seconds(_ seconds: Double) -> Nanoseconds {
        let n = seconds * 1e9
        return Nanoseconds(rawValue: n.isFinite && n > 0 ? UInt64(min(n, 1.8e19)) : 0)
    }

    @inlinable
    public static func milliseconds(_ ms: UInt64) -> Nanoseconds { Nanoseconds(rawValue: ms &* 1_000_000) }

    @inlinable
    public static func microseconds(_ us: UInt64) -> Nanoseconds { Nanoseconds(rawValue: us &* 1000) }

    /// A Swift `Duration`, for APIs that take one; negative gives zero.
    public init(_ duration: Duration) {
        let (s, attos) = duration.components
        rawValue = s < 0 ? 0 : UInt64(s) &* 1_000_000_000 &+ UInt64(attos / 1_000_000_000)
    }

    /// The same length as a Swift `Duration`, for the APIs that demand one (`Task.sleep(for:)`):
    /// the one place a `Nanoseconds` turns back into a `Duration`.
    public var duration: Duration { .nanoseconds(Int64(clamping: rawValue)) }

    @inlinable
    public var seconds: Double { Double(rawValue) / 1e9 }

    @inlinable
    public var milliseconds: Double { Double(rawValue) / 1e6 }

    @inlinable
    public var minutes: Double { Double(rawValue) / 60e9 }

    /// Whole seconds, rounded down.
    @inlinable
    public var wholeSeconds: UInt64 { rawValue / 1_000_000_000 }

    /// Whole milliseconds, rounded down.
    @inlinable
    public var wholeMilliseconds: UInt64 { rawValue / 1_000_000 }

    /// Whole microseconds, rounded down.
    @inlinable
    public var wholeMicroseconds: UInt64 { rawValue / 1000 }

    @inlinable
    public static func < (a: Nanoseconds, b: Nanoseconds) -> Bool { a.rawValue < b.rawValue }

    @inlinable
    public static func + (a: Nanoseconds, b: Nanoseconds) -> Nanoseconds {
        Nanoseconds(rawValue: a.rawValue &+ b.rawValue)
    }

    /// What is left of `a` after `b`; zero when `b` is longer (a length is never negative).
    @inlinable
    public static func - (a: Nanoseconds, b: Nanoseconds) -> Nanoseconds {
        Nanoseconds(rawValue: a.rawValue > b.rawValue ? a.rawValue - b.rawValue : 0)
    }

    @inlinable
    public static func * (a: Nanoseconds, n: UInt64) -> Nanoseconds { Nanoseconds(rawValue: a.rawValue &* n) }

    /// Stretched by `factor` (a playback speed), to whole nanoseconds; negative and
    /// non-finite results give zero.
    @inlinable
    public func scaled(by factor: Double) -> Nanoseconds {
        let n = Double(rawValue) * factor
        return Nanoseconds(rawValue: n.isFinite && n > 0 ? UInt64(min(n, 1.8e19)) : 0)
    }

    @inlinable
    public static func / (a: Nanoseconds, n: UInt64) -> Nanoseconds { Nanoseconds(rawValue: a.rawValue / n) }
}
