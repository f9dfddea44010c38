import SpanCore

// The rows never depended on the time; these keep spantop-bench building until it drops `now:`.
extension ViewData {
    @available(*, deprecated, message: "rows do not depend on the time: drop now:")
    public func taskRows(_ tree: TaskTreeState, now: UInt64) -> [TaskRow] { taskRows(tree) }

    @available(*, deprecated, message: "rows do not depend on the time: drop now:")
    public func failureRows(now: UInt64) -> [FailureRow] { failureRows() }

    @available(*, deprecated, message: "rows do not depend on the time: drop now:")
    public func timelineRows(project: UInt32, workerLanes: Bool, now: UInt64) -> [TimelineRow] {
        timelineRows(project: project, workerLanes: workerLanes)
    }
}
