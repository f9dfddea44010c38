import SpanCore

/// The task tree's order among siblings: the sorted column's value (unknown last whichever way
/// it is sorted), then time, then slot.
///
/// Each task's value is read once per list rather than twice per comparison: reading a record
/// copies it out of the table, and a sort compares each element about log₂(n) times.
struct TaskOrder {
    let tasks: ChunkedArray<TaskRecord>
    let store: TraceStore
    let sort: TaskSort
    let descending: Bool

    init(store: TraceStore, sort: TaskSort, descending: Bool) {
        self.tasks = store.tasks
        self.store = store
        self.sort = sort
        self.descending = descending
    }

    /// `list` in tree order.
    func sorted(_ list: [TaskIndex]) -> [TaskIndex] {
        if list.count < 2 { return list }
        switch sort {
        case .time: return sorted(list) { TimeOrder($0.sortTime) }
        case .status: return sorted(list) { $0.status }
        case .id: return sorted(list) { store.string($0.id) }
        case .worker: return sorted(list) { store.optionalString($0.workerOrAgent) }
        case .model: return sorted(list) { store.optionalString($0.model) }
        case .attempts: return sorted(list) { $0.attempts }
        case .queue: return sorted(list) { $0.queueSeconds }
        case .processing: return sorted(list) { $0.processingSeconds }
        case .tokens: return sorted(list) { $0.tokens.seen ? $0.tokens.total : nil }
        case .cost: return sorted(list) { $0.cost }
        case .quality: return sorted(list) { $0.quality }
        }
    }

    private func sorted<Value: Comparable>(_ list: [TaskIndex], by value: (TaskRecord) -> Value?) -> [TaskIndex] {
        var keyed = list.map { t in
            let task = tasks[t]
            return (value: value(task), time: TimeOrder(task.sortTime), task: t)
        }
        let descending = descending
        keyed.sort { a, b in
            switch (a.value, b.value) {
            case (let u?, let v?) where u != v: return descending ? u > v : u < v
            case (nil, _?): return false
            case (_?, nil): return true
            default: return (a.time, a.task) < (b.time, b.task)
            }
        }
        return keyed.map(\.task)
    }
}
