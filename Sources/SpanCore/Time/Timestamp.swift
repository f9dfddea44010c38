import Foundation

/// A point in time as OpenTelemetry writes it: nanoseconds since the Unix epoch (UTC).
///
/// A time that is not known is `nil` (`Timestamp?`), never a special value. Only the wire
/// records (`BatchSpan`, `SpanRecord`) carry a span's times as its sender wrote them, where
/// OTLP's 0 means "not set".
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

    /// 1970-01-01T00:00:00Z.
    @inlinable
    public static var epoch: Timestamp { Timestamp(rawValue: 0) }

    /// A time as a wire record carries it, with OTLP's 0 ("not set") as nil.
    @inlinable
    public var ifSet: Timestamp? { rawValue == 0 ? nil : self }

    @inlinable
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.rawValue < b.rawValue }

    /// Time from `earlier` to `self`; zero when `earlier` is later.
    @inlinable
    public func since(_ earlier: Timestamp) -> Nanoseconds {
        Nanoseconds(rawValue: rawValue > earlier.rawValue ? rawValue - earlier.rawValue : 0)
    }

    /// How many whole `interval`s (not zero) since the epoch: a bucket number, e.g. for a cache
    /// key that changes every few seconds.
    @inlinable
    public func intervals(of interval: Nanoseconds) -> UInt64 { rawValue / interval.rawValue }

    @inlinable
    public static func + (t: Timestamp, d: Nanoseconds) -> Timestamp { Timestamp(rawValue: t.rawValue &+ d.rawValue) }

    /// `d` before `t`; the epoch when `d` reaches back past it.
    @inlinable
    public static func - (t: Timestamp, d: Nanoseconds) -> Timestamp {
        Timestamp(rawValue: t.rawValue > d.rawValue ? t.rawValue - d.rawValue : 0)
    }
}
