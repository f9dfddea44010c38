/// What a span means to the task model, decided once per distinct span name.
enum SpanRole: UInt8 {
    case unclassified = 0
    case other
    case taskCreated
    case taskAssigned
    case taskExecution
    case taskUpdated
    case taskDecomposed
    case workerCreated
    case logMessage
    case workforceExecution
    case allTasksCompleted

    static func classify(_ name: String) -> SpanRole {
        switch name {
        case "task.created": return .taskCreated
        case "task.assigned": return .taskAssigned
        case "task.updated": return .taskUpdated
        case "task.decomposed": return .taskDecomposed
        case "worker.created": return .workerCreated
        case "log.message": return .logMessage
        case "workforce.all_tasks_completed": return .allTasksCompleted
        default:
            if name.hasPrefix("task.execution:") { return .taskExecution }
            if name.hasPrefix("workforce.execution:") { return .workforceExecution }
            return .other
        }
    }
}
