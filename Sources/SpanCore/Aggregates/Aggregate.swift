/// Running totals over a set of tasks (a project or a worker), updated by adding and
/// removing task contributions — never by rescanning.
public struct Aggregate: Sendable {
    /// Tasks by `TaskStatus`, inline: an aggregate per worker must not cost an allocation.
    private var statusCounts = SIMD4<Int>()
    public private(set) var tokens: Int64 = 0
    /// Tasks whose tokens are known; with none, the total is unknown rather than zero.
    public private(set) var tokenTasks = 0
    public private(set) var cost: Double = 0
    /// Tasks whose cost is known; with none, the total cost is unknown rather than zero.
    public private(set) var costedTasks = 0
    /// Tasks whose cost is an estimate from a blended rate.
    public private(set) var estimatedTasks = 0
    /// Seconds spent in failed attempts.
    public private(set) var wastedSeconds = 0.0
    public private(set) var qualitySum = 0.0
    public private(set) var qualityCount = 0
    public private(set) var queue = LogHistogram()
    public private(set) var processing = LogHistogram()

    public init() {}

    public var total: Int { statusCounts.wrappedSum() }
    public func count(_ status: TaskStatus) -> Int { statusCounts[Int(status.rawValue)] }
    public var knownCost: Double? { costedTasks > 0 ? cost : nil }
    public var knownTokens: Int64? { tokenTasks > 0 ? tokens : nil }
    /// Whether part of the cost is an estimate.
    public var costIsEstimate: Bool { estimatedTasks > 0 }
    public var qualityAverage: Double? { qualityCount > 0 ? qualitySum / Double(qualityCount) : nil }

    /// Heap bytes held beside the struct, for memory accounting.
    var byteCount: Int { queue.byteCount + processing.byteCount }

    mutating func apply(_ c: Contribution, sign: Int) {
        statusCounts[Int(c.status.rawValue)] += sign
        if let t = c.tokens {
            tokens += Int64(sign) * t
            tokenTasks += sign
        }
        if let cost = c.cost {
            self.cost += Double(sign) * cost
            costedTasks += sign
            if c.costIsEstimate { estimatedTasks += sign }
        }
        if let q = c.quality {
            qualitySum += Double(sign) * q
            qualityCount += sign
        }
        wastedSeconds += Double(sign) * c.wastedSeconds
        if let q = c.queue { queue.add(q, times: Int32(sign)) }
        if let p = c.processing { processing.add(p, times: Int32(sign)) }
    }
}
