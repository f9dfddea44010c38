import SpanCore

/// A set of tasks as one flag per slot of the task table: a list rebuild asks it about every
/// task of a project, and a flag read costs less than hashing the index.
struct TaskMarks {
    private var flags: [Bool]

    /// No task marked, room for every slot of a table of `slots` tasks.
    init(slots: Int) { flags = Array(repeating: false, count: slots) }

    init(slots: Int, marking tasks: some Sequence<TaskIndex>) {
        self.init(slots: slots)
        for t in tasks { _ = insert(t) }
    }

    func contains(_ t: TaskIndex) -> Bool { t.position < flags.count && flags[t.position] }

    /// Marks `t`; false when it was marked already.
    mutating func insert(_ t: TaskIndex) -> Bool {
        guard t.position < flags.count else { return false }
        if flags[t.position] { return false }
        flags[t.position] = true
        return true
    }
}
