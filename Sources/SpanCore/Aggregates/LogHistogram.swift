import Foundation

/// Counts of durations in logarithmic buckets (about 5% wide), so percentiles can be read
/// at any time and a value can be removed again when a task changes.
///
/// Only the run of buckets values fell in is kept: there is an aggregate per worker, and a
/// worker's durations span a few dozen of the 430 buckets (all of them cost 1.7 KB).
public struct LogHistogram: Sendable {
    static let growth = 1.05
    static let minimum = 0.001  // seconds; smaller values share the first bucket
    static let bucketCount = 430  // covers up to ~10^6 seconds
    private static let logGrowth = log(growth)

    /// Counts of buckets `first ..< first + counts.count`.
    private var counts: [Int32] = []
    private var first = 0
    public private(set) var count = 0
    public private(set) var sum = 0.0

    public init() {}

    /// Values are clamped here, so one absurd duration from a span (1e306 s) lands in the top
    /// bucket instead of overflowing the conversion to a bucket number.
    static let maximum = 1e12

    static func bucket(_ value: Double) -> Int {
        guard value > minimum else { return 0 }
        return min(bucketCount - 1, 1 + Int(log(min(value, maximum) / minimum) / logGrowth))
    }

    static func representative(_ bucket: Int) -> Double {
        bucket == 0 ? 0 : minimum * pow(growth, Double(bucket) - 0.5)
    }

    public mutating func add(_ value: Double, times: Int32 = 1) {
        guard value.isFinite else { return }
        let value = min(value, Self.maximum)
        let bucket = Self.bucket(value)
        cover(bucket)
        counts[bucket - first] += times
        count += Int(times)
        sum += value * Double(times)
    }

    public mutating func remove(_ value: Double) { add(value, times: -1) }

    /// Heap bytes held, for memory accounting.
    var byteCount: Int { counts.capacity * 4 }

    /// Widens the kept run to include `bucket`, with a few buckets to spare on the side it
    /// grew (values cluster, so the next ones are likely near).
    @inline(__always)
    private mutating func cover(_ bucket: Int) {
        if bucket >= first && bucket < first + counts.count { return }
        widen(bucket)
    }

    private mutating func widen(_ bucket: Int) {
        let spare = 6
        if counts.isEmpty {
            first = max(0, bucket - spare)
            counts = [Int32](repeating: 0, count: min(Self.bucketCount, bucket + spare + 1) - first)
            return
        }
        let low = bucket < first ? max(0, bucket - spare) : first
        let high = bucket >= first + counts.count ? min(Self.bucketCount, bucket + spare + 1) : first + counts.count
        var widened = [Int32](repeating: 0, count: high - low)
        for (i, c) in counts.enumerated() { widened[first - low + i] = c }
        counts = widened
        first = low
    }

    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// The value below which `fraction` of the values lie, within a bucket's width.
    public func percentile(_ fraction: Double) -> Double? {
        guard count > 0 else { return nil }
        let target = max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (i, c) in counts.enumerated() where c > 0 {
            seen += Int(c)
            if seen >= target { return Self.representative(first + i) }
        }
        return nil
    }
}
