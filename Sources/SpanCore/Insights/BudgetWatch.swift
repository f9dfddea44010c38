/// Notices each project the first time it goes over budget, so an alarm (a bell, a log line)
/// fires once per project rather than on every update.
public struct BudgetWatch: Sendable {
    public let budget: Budget
    private var alarmed = Set<StringID>()

    public init(budget: Budget) { self.budget = budget }

    /// Projects over budget that were not before this call.
    public mutating func newlyOver(_ store: TraceStore) -> [ProjectRecord] {
        guard budget.isSet else { return [] }
        // Forget dropped projects, so a long session does not collect their ids.
        if alarmed.count > 2 * store.projects.count + 64 { alarmed.formIntersection(store.projects.map(\.id)) }
        var result: [ProjectRecord] = []
        for p in store.projects where !alarmed.contains(p.id) && budget.isExceeded(by: p.aggregate) {
            alarmed.insert(p.id)
            result.append(p)
        }
        return result
    }

    /// The line `serve` writes when a project crosses its budget.
    public static func line(_ p: ProjectRecord, _ store: TraceStore, budget: Budget) -> String {
        let a = p.aggregate
        var what: [String] = []
        if let usd = budget.usd, let cost = a.knownCost, cost > usd {
            what.append("cost \(Text.usd(cost)) > budget \(Text.usd(usd))")
        }
        if let limit = budget.tokens, let used = a.knownTokens, used > limit {
            what.append("tokens \(used) > budget \(limit)")
        }
        return "over budget: project \(Text.clean(store.string(p.id))): " + what.joined(separator: ", ")
    }
}
