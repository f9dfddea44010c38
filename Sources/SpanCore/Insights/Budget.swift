/// Per-project limits: crossing one is an alarm on screen, a line from `serve`, and
/// `"over_budget": true` in the report (`spantop report` then exits with status 3).
public struct Budget: Equatable, Sendable {
    public var usd: Double?
    public var tokens: Int64?

    public init(usd: Double? = nil, tokens: Int64? = nil) {
        self.usd = usd
        self.tokens = tokens
    }

    public var isSet: Bool { usd != nil || tokens != nil }

    /// Whether the project's known cost or tokens exceed the budget.
    public func isExceeded(by a: Aggregate) -> Bool {
        if let usd, let cost = a.knownCost, cost > usd { return true }
        if let tokens, let used = a.knownTokens, used > tokens { return true }
        return false
    }
}
