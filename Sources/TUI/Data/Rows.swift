import SpanCore

/// A row of the task tree.
public struct TaskRow: Equatable, Sendable {
    public var task: TaskIndex
    public var depth: Int
    public var hasChildren: Bool
    public var isCollapsed: Bool
    /// For a task with subtasks: its own plus their tokens and cost, their quality average.
    public var rollup: Rollup? = nil
    /// On the project's critical path.
    public var critical = false
    /// Processing far above its worker's usual.
    public var outlier = false
}

/// A row of the failures screen: one failed attempt, or a failed task without attempts.
public struct FailureRow: Equatable, Sendable {
    public var task: TaskIndex
    /// When the attempt ended, or when the task began (nil: no span dated it).
    public var time: Timestamp?
    /// Interned error text, empty when none.
    public var error: StringID
    public var worker: StringID
    /// The failed span, when known (0 otherwise).
    public var spanID: UInt64
    /// 1-based number of this failed attempt among the task's attempts; 0 for a task row.
    public var attempt: Int
}

/// A row of the waterfall: a span of the trace, indented by its depth.
public struct WaterfallRow: Equatable, Sendable {
    public var span: Int
    public var depth: Int
    /// On the trace's critical path (whole-trace and non-Eigent waterfalls).
    public var critical = false
}
