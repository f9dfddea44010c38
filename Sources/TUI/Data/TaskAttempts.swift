import SpanCore

/// Every task's timeline segments in one array, ordered by task, with where each task's begin:
/// a project's tens of thousands of tasks need no array and no hash entry each.
struct TaskAttempts {
    private let segments: [TimelineSegment]
    /// Per task slot: where its segments begin in `segments`, and how many.
    private var first: [Int32]
    private var count: [Int32]

    /// - Parameter sorted: segments with their task, those of a task next to each other.
    init(sorted: [(task: TaskIndex, segment: TimelineSegment)], slots: Int) {
        segments = sorted.map(\.segment)
        first = Array(repeating: 0, count: slots)
        count = Array(repeating: 0, count: slots)
        for (i, entry) in sorted.enumerated() where entry.task.position < slots {
            if count[entry.task.position] == 0 { first[entry.task.position] = Int32(i) }
            count[entry.task.position] += 1
        }
    }

    /// Task `t`'s segments by start.
    subscript(t: TaskIndex) -> ArraySlice<TimelineSegment> {
        guard t.position < count.count else { return [] }
        let start = Int(first[t.position])
        return segments[start..<start + Int(count[t.position])]
    }
}
