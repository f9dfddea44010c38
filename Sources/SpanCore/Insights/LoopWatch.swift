/// Notices each loop the first time it is seen, so `serve --fail-on loops` logs it once.
public struct LoopWatch: Sendable {
    private var seenTotal = 0
    private var logged = Set<String>()

    public init() {}

    /// Loops found since the last call, as the lines `serve` logs. Cheap while nothing changed:
    /// the store counts loops as it rebuilds runs.
    public mutating func newLines(_ store: TraceStore) -> [String] {
        guard store.loopsFound != seenTotal else { return [] }
        seenTotal = store.loopsFound
        var lines: [String] = []
        for p in store.projects {
            for loop in store.loops(p) {
                let key = "\(loop.taskID)\u{0}\(loop.tool ?? "")\u{0}\(loop.arguments ?? "")"
                guard logged.insert(key).inserted else { continue }
                lines.append(Self.line(loop, project: store.string(p.id)))
            }
        }
        return lines
    }

    public static func line(_ loop: LoopStat, project: String) -> String {
        let who = loop.agent.map { "agent \(Text.clean($0)) " } ?? ""
        let what =
            loop.tool.map { "called \(Text.clean($0)) \(loop.calls)× with identical arguments" }
            ?? "sent the same model request \(loop.calls)×"
        var line = "loop: project \(Text.clean(project)) task \(loop.taskID): \(who)\(what)"
        if let tokens = loop.wastedTokens { line += ", \(tokens) tokens wasted" }
        if let cost = loop.wastedCost { line += " (\(Text.usd(cost)))" }
        return line
    }
}
