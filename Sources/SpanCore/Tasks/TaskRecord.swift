/// Token counts of a task. Input and output are known separately only where a source gives them.
public struct TokenUsage: Equatable, Sendable {
    public var input: Int64 = 0
    public var output: Int64 = 0
    /// Tokens known only as a total (not split into input and output).
    public var unsplit: Int64 = 0
    public var seen = false

    public var total: Int64 { input + output + unsplit }

    mutating func add(input: Int64, output: Int64, total: Int64?) {
        seen = true
        self.input += input
        self.output += output
        if let total, total > input + output { unsplit += total - input - output }
    }
}

/// One finished execution attempt (an Eigent `task.execution:*` span).
public struct Attempt: Sendable {
    public var start: UInt64
    public var end: UInt64
    public var failed: Bool
    public var processingSeconds: Double?
    public var quality: Double?
    /// Interned error text, 0 when none.
    public var error: UInt32
    public var worker: UInt32
}

/// What a task added to its project's and worker's aggregates, so it can be taken back out.
struct Contribution: Sendable {
    var status: TaskStatus
    var tokens: Int64
    var cost: Double?
    var quality: Double?
    var queue: Double?
    var processing: Double?
    var worker: UInt32
}

/// Where a task came from.
public enum TaskSource: UInt8, Sendable {
    /// An Eigent task, identified by `eigent.task.id`.
    case eigent
    /// Any other trace: the trace is the task.
    case trace
}

/// A task and everything known about it. Raw facts are accumulated as spans arrive;
/// the derived fields (`status`, `queueSeconds`, …) are recomputed once per batch.
public struct TaskRecord: Sendable {
    public let source: TaskSource
    /// Interned ids.
    public internal(set) var project: UInt32
    public let id: UInt32
    public internal(set) var parentID: UInt32 = 0
    public internal(set) var name: UInt32 = 0
    public internal(set) var traceID: TraceID
    public internal(set) var children: [UInt32] = []

    // Facts.
    var createdAt: UInt64 = 0
    var firstSpanAt: UInt64 = .max
    var firstAssignedAt: UInt64 = 0
    var firstAssignmentQueue: Double?
    var lastAssignedAt: UInt64 = 0
    var lastAssignedWorker: UInt32 = 0
    var workforceEnd: UInt64 = 0
    var workforceFailed = false
    var workforceError: UInt32 = 0
    public internal(set) var attempts: Int = 0
    public internal(set) var failedAttempts: Int = 0
    public internal(set) var latestAttempt: Attempt?
    public internal(set) var tokens = TokenUsage()
    var explicitCost: Double?
    var modelFromSpans: UInt32 = 0
    var agentFromSpans: UInt32 = 0
    var workerFromSpans: UInt32 = 0
    var errorSpans = 0
    var firstError: UInt32 = 0
    var rootDuration: Double?
    public internal(set) var spanCount: Int = 0
    var projectIsExplicit = false

    // Derived, refreshed per batch.
    public internal(set) var status: TaskStatus = .pending
    public internal(set) var workerID: UInt32 = 0
    public internal(set) var agent: UInt32 = 0
    public internal(set) var model: UInt32 = 0
    public internal(set) var queueSeconds: Double?
    public internal(set) var processingSeconds: Double?
    public internal(set) var quality: Double?
    public internal(set) var cost: Double?
    public internal(set) var costIsEstimate = false
    public internal(set) var error: UInt32 = 0
    /// When the task started running (last assignment), for a live elapsed time.
    public internal(set) var runningSince: UInt64 = 0
    var contribution: Contribution?
    var dirty = false

    init(source: TaskSource, project: UInt32, id: UInt32, traceID: TraceID) {
        self.source = source
        self.project = project
        self.id = id
        self.traceID = traceID
    }

    /// Time used to order tasks: creation, else the first span seen.
    public var sortTime: UInt64 { createdAt != 0 ? createdAt : firstSpanAt }
}
