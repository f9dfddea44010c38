import Foundation

/// A point in time as OpenTelemetry writes it: nanoseconds since the Unix epoch (UTC).
///
/// Span and task times are these; 0 means "not known".
@frozen
public struct Timestamp: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt64

    @inlinable
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    @inlinable
    public init(unixNanoseconds: UInt64) { rawValue = unixNanoseconds }

    @inlinable
    public var unixNanoseconds: UInt64 { rawValue }

    /// The same instant as a Foundation date, for formatting and HTTP headers.
    public var date: Date { Date(timeIntervalSince1970: Double(rawValue) / 1e9) }

    public init(_ date: Date) {
        let ns = date.timeIntervalSince1970 * 1e9
        rawValue = ns.isFinite && ns > 0 ? UInt64(min(ns, 1.8e19)) : 0
    }

    @inlinable
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.rawValue < b.rawValue }

    /// Time from `earlier` to `self`; zero when `earlier` is later.
    @inlinable
    public func since(_ earlier: Timestamp) -> Nanoseconds {
        Nanoseconds(rawValue: rawValue > earlier.rawValue ? rawValue - earlier.rawValue : 0)
    }

    @inlinable
    public static func + (t: Timestamp, d: Nanoseconds) -> Timestamp { Timestamp(rawValue: t.rawValue &+ d.rawValue) }
}
