/// Token counts of a task. Input and output are known separately only where a source gives them.
public struct TokenUsage: Equatable, Sendable {
    public var input: Int64 = 0
    public var output: Int64 = 0
    /// Tokens known only as a total (not split into input and output).
    public var unsplit: Int64 = 0
    public var seen = false

    public init() {}

    init(input: Int64, output: Int64, unsplit: Int64, seen: Bool) {
        self.input = input
        self.output = output
        self.unsplit = unsplit
        self.seen = seen
    }

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
    /// The execution span's start and end, as it gave them.
    public var start: Timestamp
    public var end: Timestamp
    // Unknown numbers are NaN rather than optionals: 8 bytes instead of 16 each.
    private var processing: Double
    private var qualityScore: Double
    /// Interned error text, empty when none.
    public var error: StringID
    public var worker: StringID
    public var failed: Bool

    init(
        start: Timestamp, end: Timestamp, failed: Bool, processingSeconds: Double?, quality: Double?, error: StringID,
        worker: StringID
    ) {
        self.start = start
        self.end = end
        self.failed = failed
        self.processing = processingSeconds ?? .nan
        self.qualityScore = quality ?? .nan
        self.error = error
        self.worker = worker
    }

    public var processingSeconds: Double? { processing.isNaN ? nil : processing }
    public var quality: Double? { qualityScore.isNaN ? nil : qualityScore }
}

/// What a task added to its project's and worker's aggregates, so it can be taken back out.
struct Contribution: Sendable {
    var status: TaskStatus
    var tokens: Int64?
    var cost: Double?
    var costIsEstimate: Bool
    var quality: Double?
    var queue: Double?
    var processing: Double?
    var worker: StringID
    var wastedSeconds: Double
}

/// Where a task came from.
public enum TaskSource: UInt8, Sendable {
    /// An Eigent task, identified by `eigent.task.id`.
    case eigent
    /// Any other trace: the trace is the task (its root agent run, when it has one).
    case trace
    /// An agent run nested in another (a delegation or hand-off), identified by its span id.
    case run
}

/// A task and everything known about it. Raw facts are accumulated as spans arrive;
/// the derived fields (`status`, `queueSeconds`, …) are recomputed once per batch.
///
/// Tasks are many (an Eigent subtask emits only ~3 spans), so the record is kept small:
/// fields ordered by size (no padding), unknown doubles NaN, counts 32-bit, the latest
/// attempt and the token counts stored flat rather than as optionals of structs, unknown times
/// as 0 (the first span's as the latest time) behind `Timestamp?` accessors.
public struct TaskRecord: Sendable {
    public internal(set) var traceID: TraceID

    // Facts.
    private var storedCreatedAt = TaskRecord.unset
    private var storedFirstSpanAt = TaskRecord.noSpanYet
    private var storedFirstAssignedAt = TaskRecord.unset
    private var storedLastAssignedAt = TaskRecord.unset
    private var latestStart = TaskRecord.unset
    private var latestEnd = TaskRecord.unset
    private var tokenInput: Int64 = 0
    private var tokenOutput: Int64 = 0
    private var tokenUnsplit: Int64 = 0
    private var storedFirstAssignmentQueue = Double.nan
    /// Seconds spent in failed attempts.
    public internal(set) var wastedSeconds = 0.0
    /// Tokens reported on failed attempts; -1 when none reported any.
    var storedWastedTokens: Int64 = -1

    // Derived, refreshed per batch — except processing and quality of Eigent tasks, which are
    // the latest attempt's and are set with it.
    private var storedQueue = Double.nan
    private var storedProcessing = Double.nan
    private var storedQuality = Double.nan
    private var storedCost = Double.nan
    /// Tokens as last added to the aggregates; -1 when none were known.
    var countedTokens: Int64 = -1
    /// Wasted seconds as last added to the aggregates.
    var countedWaste = 0.0

    public internal(set) var children: [TaskIndex] = []

    /// Interned ids.
    public internal(set) var project: StringID
    public let id: StringID
    public internal(set) var parentID = StringID.empty
    public internal(set) var name = StringID.empty
    private var latestError = StringID.empty
    private var latestWorker = StringID.empty
    var lastAssignedWorker = StringID.empty
    private var storedAttempts: UInt32 = 0
    private var storedFailedAttempts: UInt32 = 0
    private var storedSpanCount: UInt32 = 0
    /// Entries for this task in live traces' `touchedTasks`; at 0 the task is evicted.
    var liveTraces: UInt32 = 0
    /// Low bits of the arrival number of the trace that touched the task last.
    var lastTrace = TraceSerial.zero
    /// 1 + position in `TaskTable.rare`, 0 when the task has none.
    var rareSlot: UInt32 = 0
    public internal(set) var workerID = StringID.empty
    public internal(set) var agent = StringID.empty
    public internal(set) var model = StringID.empty
    public internal(set) var error = StringID.empty

    public let source: TaskSource
    public internal(set) var status: TaskStatus = .pending
    public internal(set) var costIsEstimate = false
    /// Whether the derived values are currently counted in the aggregates.
    var counted = false
    var dirty = false
    private var tokensSeen = false
    private var hasLatest = false
    private var latestFailed = false

    init(source: TaskSource, project: StringID, id: StringID, traceID: TraceID) {
        self.source = source
        self.project = project
        self.id = id
        self.traceID = traceID
    }

    /// Who did the task: its worker (Eigent), else its agent (agent runs); empty when neither
    /// is known. Per-worker figures (medians, outliers, the ETA's active workers) group by it.
    public var workerOrAgent: StringID { workerID.isEmpty ? agent : workerID }

    /// What the stored times hold when unknown (0, as on the wire: `Timestamp.ifSet` reads it
    /// as nil), and the first span's before any span.
    private static var unset: Timestamp { Timestamp(rawValue: 0) }
    private static var noSpanYet: Timestamp { Timestamp(rawValue: .max) }

    /// When the task was created (its creation span, run span or trace root started).
    public internal(set) var createdAt: Timestamp? {
        get { storedCreatedAt.ifSet }
        set { storedCreatedAt = newValue ?? Self.unset }
    }

    /// The earliest start among the task's spans.
    var firstSpanAt: Timestamp? { storedFirstSpanAt == Self.noSpanYet ? nil : storedFirstSpanAt }

    /// Notes a span of the task that started at `start`.
    mutating func noteSpan(startingAt start: Timestamp) {
        if start < storedFirstSpanAt { storedFirstSpanAt = start }
    }

    /// The first and the latest assignment to a worker (Eigent tasks).
    public internal(set) var firstAssignedAt: Timestamp? {
        get { storedFirstAssignedAt.ifSet }
        set { storedFirstAssignedAt = newValue ?? Self.unset }
    }
    public internal(set) var lastAssignedAt: Timestamp? {
        get { storedLastAssignedAt.ifSet }
        set { storedLastAssignedAt = newValue ?? Self.unset }
    }

    /// Time used to order tasks: creation, else the first span seen; nil for a task no span
    /// has dated yet (sorted last: `TimeOrder`).
    public var sortTime: Timestamp? { createdAt ?? firstSpanAt }

    /// When the task started running (last assignment), for a live elapsed time; nil when it
    /// is not running or was never assigned.
    public var runningSince: Timestamp? { status == .running ? lastAssignedAt : nil }

    /// The latest finished execution attempt (Eigent tasks).
    public internal(set) var latestAttempt: Attempt? {
        get {
            guard hasLatest else { return nil }
            return Attempt(
                start: latestStart, end: latestEnd, failed: latestFailed, processingSeconds: processingSeconds,
                quality: quality, error: latestError, worker: latestWorker)
        }
        set {
            hasLatest = newValue != nil
            latestStart = newValue?.start ?? Self.unset
            latestEnd = newValue?.end ?? Self.unset
            latestFailed = newValue?.failed ?? false
            latestError = newValue?.error ?? .empty
            latestWorker = newValue?.worker ?? .empty
            processingSeconds = newValue?.processingSeconds
            quality = newValue?.quality
        }
    }

    public internal(set) var tokens: TokenUsage {
        get { TokenUsage(input: tokenInput, output: tokenOutput, unsplit: tokenUnsplit, seen: tokensSeen) }
        set {
            tokenInput = newValue.input
            tokenOutput = newValue.output
            tokenUnsplit = newValue.unsplit
            tokensSeen = newValue.seen
        }
    }

    public internal(set) var attempts: Int {
        get { Int(storedAttempts) }
        set { storedAttempts = UInt32(clamping: newValue) }
    }
    public internal(set) var failedAttempts: Int {
        get { Int(storedFailedAttempts) }
        set { storedFailedAttempts = UInt32(clamping: newValue) }
    }
    public internal(set) var spanCount: Int {
        get { Int(storedSpanCount) }
        set { storedSpanCount = UInt32(clamping: newValue) }
    }
    var firstAssignmentQueue: Double? {
        get { storedFirstAssignmentQueue.isNaN ? nil : storedFirstAssignmentQueue }
        set { storedFirstAssignmentQueue = newValue ?? .nan }
    }
    public var wastedTokens: Int64? { storedWastedTokens < 0 ? nil : storedWastedTokens }

    /// When the latest finished attempt ended, if there is one.
    public var endTime: Timestamp? { hasLatest ? latestEnd : nil }

    public internal(set) var queueSeconds: Double? {
        get { storedQueue.isNaN ? nil : storedQueue }
        set { storedQueue = newValue ?? .nan }
    }
    public internal(set) var processingSeconds: Double? {
        get { storedProcessing.isNaN ? nil : storedProcessing }
        set { storedProcessing = newValue ?? .nan }
    }
    public internal(set) var quality: Double? {
        get { storedQuality.isNaN ? nil : storedQuality }
        set { storedQuality = newValue ?? .nan }
    }
    public internal(set) var cost: Double? {
        get { storedCost.isNaN ? nil : storedCost }
        set { storedCost = newValue ?? .nan }
    }

    /// What the task currently adds to its project's and worker's aggregates.
    var contribution: Contribution {
        Contribution(
            status: status, tokens: countedTokens < 0 ? nil : countedTokens, cost: cost, costIsEstimate: costIsEstimate,
            quality: quality, queue: queueSeconds, processing: processingSeconds,
            worker: workerOrAgent, wastedSeconds: countedWaste)
    }
}
