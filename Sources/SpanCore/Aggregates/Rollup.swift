/// A task's own tokens and cost plus all its subtasks', and its subtasks' quality average:
/// what a parent task shows (Σ) and the report's `subtree_*` keys. Unknown stays unknown: with
/// no known value anywhere in the subtree the sum is nil; a partly known sum is the known part.
public struct Rollup: Equatable, Sendable {
    public var tokens: Int64?
    public var cost: Double?
    public var costIsEstimate = false
    /// Over the subtasks (at any depth), not the task itself.
    public var subtaskQualitySum = 0.0
    public var subtaskQualityCount = 0
    public var subtasks = 0

    public var subtaskQualityAverage: Double? {
        subtaskQualityCount > 0 ? subtaskQualitySum / Double(subtaskQualityCount) : nil
    }

    init(_ t: TaskRecord) {
        tokens = t.tokens.seen ? t.tokens.total : nil
        cost = t.cost
        costIsEstimate = t.cost != nil && t.costIsEstimate
    }

    mutating func add(child c: Rollup, quality: Double?) {
        if let t = c.tokens { tokens = (tokens ?? 0) &+ t }
        if let v = c.cost { cost = (cost ?? 0) + v }
        costIsEstimate = costIsEstimate || c.costIsEstimate
        subtaskQualitySum += c.subtaskQualitySum + (quality ?? 0)
        subtaskQualityCount += c.subtaskQualityCount + (quality == nil ? 0 : 1)
        subtasks += c.subtasks + 1
    }
}

extension TraceStore {
    /// Roll-ups of the tasks among `taskIndexes` (indexes into `tasks`, e.g. a project's) that
    /// have subtasks, each computed once, subtasks first; a task without subtasks is its own
    /// roll-up (`Rollup(task)`). A task counts under one parent only, even if parent ids form a
    /// cycle.
    public func rollups(_ taskIndexes: [TaskIndex]) -> [TaskIndex: Rollup] {
        var result: [TaskIndex: Rollup] = [:]
        var entered = Set<TaskIndex>()
        for root in taskIndexes where !tasks[root].children.isEmpty && !entered.contains(root) {
            // Post-order with an explicit stack: parent chains in span data can be long.
            var stack: [(task: TaskIndex, expanded: Bool)] = [(root, false)]
            while let (t, expanded) = stack.popLast() {
                if expanded {
                    var r = Rollup(tasks[t])
                    for c in tasks[t].children where claimed(c, by: t) {
                        let child = tasks[c].children.isEmpty ? Rollup(tasks[c]) : result[c]
                        if let child { r.add(child: child, quality: tasks[c].quality) }
                    }
                    result[t] = r
                    continue
                }
                guard entered.insert(t).inserted else { continue }
                stack.append((t, true))
                for c in tasks[t].children where !tasks[c].children.isEmpty && !entered.contains(c) {
                    stack.append((c, false))
                }
            }
        }
        return result
    }

    /// A task's roll-up: from `rollups` when it has subtasks, else its own figures.
    public func rollup(_ t: TaskIndex, in rollups: [TaskIndex: Rollup]) -> Rollup {
        rollups[t] ?? Rollup(tasks[t])
    }

    /// Whether `child` names `parent` as its parent (children lists can hold stale entries
    /// after a task is re-parented).
    private func claimed(_ child: TaskIndex, by parent: TaskIndex) -> Bool {
        tasks[child].parentID == tasks[parent].id
    }
}
