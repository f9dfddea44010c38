/// Where a task stands, as the report and screens show it.
public enum TaskStatus: UInt8, CaseIterable, Sendable, Comparable {
    case pending = 0, running, completed, failed

    public var name: String {
        switch self {
        case .pending: return "pending"
        case .running: return "running"
        case .completed: return "completed"
        case .failed: return "failed"
        }
    }

    public static func < (a: TaskStatus, b: TaskStatus) -> Bool { a.rawValue < b.rawValue }
}
