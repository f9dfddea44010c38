/// What failed attempts cost: their time, and where known their tokens and cost.
public struct Waste: Equatable, Sendable {
    public var seconds = 0.0
    public var tokens: Int64?
    public var cost: Double?

    public init() {}

    mutating func add(_ other: Waste) {
        seconds += other.seconds
        if let t = other.tokens { tokens = (tokens ?? 0) &+ t }
        if let c = other.cost { cost = (cost ?? 0) + c }
    }
}

extension TraceStore {
    /// A task's failed attempts: their seconds, tokens where reported, and those tokens at the
    /// task model's blended rate (an estimate: attempts report totals only).
    public func waste(_ t: TaskIndex) -> Waste {
        let task = tasks[t]
        var w = Waste()
        w.seconds = task.wastedSeconds
        w.tokens = task.wastedTokens
        // Attempts that reported tokens had spans, so the task has a time to price them at.
        if let tokens = w.tokens, !task.model.isEmpty, let pricer = pricer(model: task.model, provider: .empty),
            let pricedAt = task.sortTime
        {
            w.cost =
                pricer.cost(of: CallUsage(input: 0, output: 0), unsplit: tokens, at: pricedAt, perCall: false)?.0
        }
        return w
    }

    /// The waste of several tasks summed (a project's, a worker's).
    public func waste(_ tasks: [TaskIndex]) -> Waste {
        var w = Waste()
        for t in tasks { w.add(waste(t)) }
        return w
    }
}
