/// Running totals over a set of tasks (a project or a worker), updated by adding and
/// removing task contributions — never by rescanning.
public struct Aggregate: Sendable {
    public private(set) var statusCounts: [Int] = [0, 0, 0, 0]
    public private(set) var tokens: Int64 = 0
    public private(set) var cost: Double = 0
    /// Tasks whose cost is known; with none, the total cost is unknown rather than zero.
    public private(set) var costedTasks = 0
    public private(set) var qualitySum = 0.0
    public private(set) var qualityCount = 0
    public private(set) var queue = LogHistogram()
    public private(set) var processing = LogHistogram()

    public init() {}

    public var total: Int { statusCounts.reduce(0, +) }
    public func count(_ status: TaskStatus) -> Int { statusCounts[Int(status.rawValue)] }
    public var knownCost: Double? { costedTasks > 0 ? cost : nil }
    public var qualityAverage: Double? { qualityCount > 0 ? qualitySum / Double(qualityCount) : nil }

    mutating func apply(_ c: Contribution, sign: Int) {
        statusCounts[Int(c.status.rawValue)] += sign
        tokens += Int64(sign) * c.tokens
        if let c = c.cost {
            cost += Double(sign) * c
            costedTasks += sign
        }
        if let q = c.quality {
            qualitySum += Double(sign) * q
            qualityCount += sign
        }
        if let q = c.queue { queue.add(q, times: Int32(sign)) }
        if let p = c.processing { processing.add(p, times: Int32(sign)) }
    }
}
