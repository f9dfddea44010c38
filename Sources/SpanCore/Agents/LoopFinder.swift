/// Finds loops within agent runs: a tool called 3 or more times with identical arguments, or
/// the same model request sent 3 or more times. What a loop wasted is what the model calls
/// that asked for the repeats cost (for a repeated request: the repeats themselves).
enum LoopFinder {
    /// Calls of one kind within one run with the same subject that make a loop.
    static let threshold = 3

    struct ToolCall {
        var run: Int32
        var tool: StringID
        var arguments: StringID
        var start: Timestamp
    }

    struct ModelCall {
        var run: Int32
        var request: StringID
        var start: Timestamp
        var end: Timestamp
        var tokens: Int64?
        var cost: Double?
    }

    struct Loop: Equatable {
        var run: Int32
        /// Empty for a repeated model request.
        var tool: StringID
        var arguments: StringID
        var calls: Int
        var wastedTokens: Int64?
        var wastedCost: Double?
    }

    /// Groups are found by sorting (run, subject, arguments, start): one small array, no
    /// dictionary; most runs have fewer than 3 calls of anything and stop at the count.
    static func loops(toolCalls: [ToolCall], modelCalls: [ModelCall]) -> [Loop] {
        var found: [Loop] = []
        // Tools: calls without known arguments cannot be told apart, so they never loop.
        if toolCalls.count >= threshold {
            let calls = toolCalls.filter { !$0.arguments.isEmpty }.sorted {
                ($0.run, $0.tool.rawValue, $0.arguments.rawValue, $0.start)
                    < ($1.run, $1.tool.rawValue, $1.arguments.rawValue, $1.start)
            }
            forEachGroup(calls, same: { $0.run == $1.run && $0.tool == $1.tool && $0.arguments == $1.arguments }) {
                group in
                let first = group.first!
                var loop = Loop(run: first.run, tool: first.tool, arguments: first.arguments, calls: group.count)
                // The model call that asked for each repeat: the run's latest to end before it.
                var askers: [Int] = []
                for repeatCall in group.dropFirst() {
                    var best: Int?
                    for (m, call) in modelCalls.enumerated() where call.run == first.run && call.end <= repeatCall.start
                    {
                        if best.map({ call.end > modelCalls[$0].end }) ?? true { best = m }
                    }
                    if let best, !askers.contains(best) { askers.append(best) }
                }
                for m in askers { add(modelCalls[m], to: &loop) }
                found.append(loop)
            }
        }
        if modelCalls.count >= threshold {
            let requests = modelCalls.filter { !$0.request.isEmpty }.sorted {
                ($0.run, $0.request.rawValue, $0.start) < ($1.run, $1.request.rawValue, $1.start)
            }
            forEachGroup(requests, same: { $0.run == $1.run && $0.request == $1.request }) { group in
                let first = group.first!
                var loop = Loop(run: first.run, tool: .empty, arguments: first.request, calls: group.count)
                for call in group.dropFirst() { add(call, to: &loop) }
                found.append(loop)
            }
        }
        return found.sorted {
            ($0.run, $0.tool.rawValue, $0.arguments.rawValue) < ($1.run, $1.tool.rawValue, $1.arguments.rawValue)
        }
    }

    /// Calls `body` with each run of `threshold` or more neighbours that are the `same`.
    private static func forEachGroup<T>(
        _ sorted: [T], same: (T, T) -> Bool, _ body: (ArraySlice<T>) -> Void
    ) {
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, same(sorted[i], sorted[j]) { j += 1 }
            if j - i >= threshold { body(sorted[i..<j]) }
            i = j
        }
    }

    private static func add(_ call: ModelCall, to loop: inout Loop) {
        if let t = call.tokens { loop.wastedTokens = (loop.wastedTokens ?? 0) &+ t }
        if let c = call.cost { loop.wastedCost = (loop.wastedCost ?? 0) + c }
    }
}
