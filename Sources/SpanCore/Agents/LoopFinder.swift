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
        var start: UInt64
    }

    struct ModelCall {
        var run: Int32
        var request: StringID
        var start: UInt64
        var end: UInt64
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

    private struct Key: Hashable {
        var run: Int32
        var subject: StringID
        var arguments: StringID
    }

    static func loops(toolCalls: [ToolCall], modelCalls: [ModelCall]) -> [Loop] {
        var found: [Loop] = []
        // Tools: calls without known arguments cannot be told apart, so they never loop.
        var starts: [Key: [UInt64]] = [:]
        for c in toolCalls where !c.arguments.isEmpty {
            starts[Key(run: c.run, subject: c.tool, arguments: c.arguments), default: []].append(c.start)
        }
        for (key, times) in starts where times.count >= threshold {
            var loop = Loop(run: key.run, tool: key.subject, arguments: key.arguments, calls: times.count)
            // The model call that asked for each repeat: the run's latest to end before it.
            var askers: Set<Int> = []
            for start in times.sorted().dropFirst() {
                var best: Int?
                for (m, call) in modelCalls.enumerated() where call.run == key.run && call.end <= start {
                    if best.map({ call.end > modelCalls[$0].end }) ?? true { best = m }
                }
                if let best { askers.insert(best) }
            }
            for m in askers { add(modelCalls[m], to: &loop) }
            found.append(loop)
        }
        var requests: [Key: [Int]] = [:]
        for (m, c) in modelCalls.enumerated() where !c.request.isEmpty {
            requests[Key(run: c.run, subject: c.request, arguments: .empty), default: []].append(m)
        }
        for (key, calls) in requests where calls.count >= threshold {
            var loop = Loop(run: key.run, tool: .empty, arguments: key.subject, calls: calls.count)
            for m in calls.sorted(by: { modelCalls[$0].start < modelCalls[$1].start }).dropFirst() {
                add(modelCalls[m], to: &loop)
            }
            found.append(loop)
        }
        return found.sorted {
            ($0.run, $0.tool.rawValue, $0.arguments.rawValue) < ($1.run, $1.tool.rawValue, $1.arguments.rawValue)
        }
    }

    private static func add(_ call: ModelCall, to loop: inout Loop) {
        if let t = call.tokens { loop.wastedTokens = (loop.wastedTokens ?? 0) &+ t }
        if let c = call.cost { loop.wastedCost = (loop.wastedCost ?? 0) + c }
    }
}
