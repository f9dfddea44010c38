/// Counters a user sees in the header and the report.
public struct StoreStatistics: Equatable, Sendable {
    public var spans = 0
    public var traces = 0
    /// Spans rejected by a decoder before reaching the store (reported by the caller).
    public var rejectedSpans = 0
    public var duplicateSpans = 0
    public var evictedSpans = 0
    public var evictedTraces = 0
    /// Tasks whose spans were all evicted; their totals stay in their project's aggregate.
    public var evictedTasks = 0
    /// Project summaries dropped beyond `maxProjects`, oldest first.
    public var droppedProjects = 0
    public var batches = 0
    /// Traces whose message text was let go to stay under the content budget.
    public var contentDroppedTraces = 0
    /// Message-text attributes not stored (`keepsContent` off, or dropped for the budget).
    public var contentDroppedAttributes = 0
}

/// A project's identity and running totals.
public struct ProjectRecord: Sendable {
    public let id: StringID
    public internal(set) var aggregate = Aggregate()
    /// Task index by interned task id.
    public internal(set) var taskIndex: [StringID: TaskIndex] = [:]
    public internal(set) var tasks: [TaskIndex] = []
    public internal(set) var logs: [LogEntry] = []
    /// Every failed execution attempt, in arrival order (Eigent tasks; a retried task has several).
    public internal(set) var failedAttempts: [FailedAttempt] = []
    /// The earliest span start and the latest span end (or start) among its spans; nil until
    /// a span arrived.
    public internal(set) var firstSeen: Timestamp?
    public internal(set) var lastSeen: Timestamp?
    /// Tasks and log lines whose spans were evicted; their totals stay in `aggregate`.
    public internal(set) var evictedTasks = 0
    public internal(set) var evictedLogs = 0

    mutating func widenSeen(_ start: Timestamp, _ latest: Timestamp) {
        firstSeen = min(firstSeen ?? start, start)
        lastSeen = max(lastSeen ?? latest, latest)
    }

    /// Nothing but totals is left: every task and log line was evicted with its spans.
    public var isSummary: Bool { tasks.isEmpty && logs.isEmpty && evictedTasks + evictedLogs > 0 }
    /// Counted in `ProjectTable.summaryCount`.
    var isSummaryCounted = false
}

/// An error or critical `log.message` span, linked to its project and, when its text names
/// one, to a task.
public struct LogEntry: Sendable {
    /// The log span's start, as it gave it.
    public var time: Timestamp
    public var level: StringID
    public var message: StringID
    /// Id text of the task the message names, or empty.
    public var mentionedTask: StringID
    /// The trace the line came in, so it leaves with that trace.
    var trace = TraceSerial.zero
}

/// One failed `task.execution:*` span: the task, when, which worker and why.
public struct FailedAttempt: Sendable {
    public var task: TaskIndex
    /// The attempt span's end, as it gave it.
    public var time: Timestamp
    public var error: StringID
    public var worker: StringID
    public var spanID: UInt64
}

/// What an Eigent worker said about itself in `worker.created`.
public struct WorkerInfo: Sendable {
    public var role = StringID.empty
    public var agent = StringID.empty
    public var model = StringID.empty
    public var type = StringID.empty
    /// The trace that announced the worker, which keeps it while stored.
    var trace = TraceSerial.zero
}

/// The in-memory trace tree, indexed by project, task and trace.
///
/// Not thread-safe: one owner feeds it batches and answers queries.
public final class TraceStore {
    public internal(set) var strings = StringInterner()
    public internal(set) var statistics = StoreStatistics()
    public internal(set) var origins: [Origin] = []
    public internal(set) var originAttributes: [StoredAttribute] = []
    /// Wide attribute values of resources and scopes (see `StoredAttribute`).
    public internal(set) var originWideValues: [UInt64] = []
    /// Projects by id, their summaries and the cap on those.
    public internal(set) var projectTable: ProjectTable
    public var projects: [ProjectRecord] { projectTable.records }
    /// Tasks in slots, their rare facts, dependencies and the batch's touched ones.
    public internal(set) var taskTable = TaskTable()
    public internal(set) var tasks: ChunkedArray<TaskRecord> {
        get { taskTable.records }
        set { taskTable.records = newValue }
        _modify { yield &taskTable.records }
    }
    /// Workers and agents: announcements, totals, assigned tasks.
    public internal(set) var workerTable = WorkerTable()
    /// What each Eigent worker said about itself, by worker id.
    public var workers: [StringID: WorkerInfo] { workerTable.info }
    /// Aggregates per worker (Eigent worker id, or agent name for other traces).
    public var workerAggregates: [StringID: Aggregate] { workerTable.aggregates }
    public let maxSpans: Int
    /// Project summaries kept once all their tasks are evicted.
    public let maxProjects: Int
    public let prices: PriceTable
    /// Bytes of message text (prompts, answers, messages; `ContentKeys.messageKeys`) kept at
    /// most; beyond it the oldest traces' message text is dropped, whole traces at a time.
    /// nil: no limit.
    public var contentBudget: Int?
    /// Off: message text is not stored at all (`--no-content`); tool traffic still is.
    public var keepsContent = true
    /// Bytes of message text the live traces hold, as it arrived (repeats counted each time).
    public internal(set) var contentBytes = 0
    /// Per key id: 0 not yet classified, 1 message text, 2 anything else.
    var contentKeyClass: [UInt8] = []
    /// Changes whenever projects are dropped, so cached project slots can be rebuilt.
    public var projectLayout: Int { projectTable.layout }

    /// Stored traces by id and their eviction order.
    var traceTable = TraceTable()
    /// Stored traces by id.
    var traces: [TraceID: TraceRecord] { traceTable.byID }
    /// Origin by the interned bytes of everything the pair carries.
    var originIndex: [StringID: OriginIndex] = [:]
    var orphanChildren: [OrphanKey: [TaskIndex]] = [:]
    /// String count after the last sweep; the next runs once as many again were added.
    var stringsAfterSweep = 0
    var evictedTracesAtSweep = 0
    /// The previous span's attribute keys and values, by position (reset per batch).
    var guesses = AttributeGuesses()
    /// Interned span names classified once each.
    var nameRoles: [SpanRole] = []
    /// Interned span names read as `operation subject` once each (cleared by a string sweep).
    var nameMeanings: [NameMeaning?] = []
    /// Attribute keys that name an offered tool (`llm.tools.{i}.tool.json_schema`), by key.
    var toolSchemaKeys: [StringID: ToolKeyKind] = [:]
    /// Arrays the run rebuild reuses (`TraceStore+RunRebuild`).
    var runScratch = RunScratch()
    /// Tool names by the interned definitions text they were read from (cleared by a sweep).
    var offeredToolNames: [StringID: [StringID]] = [:]
    /// Interned words the convention interpreters compare with.
    var words = ConventionWords()
    /// Loops flagged by the latest rebuild of every stored trace, summed (what `LoopWatch` polls).
    public internal(set) var loopsFound = 0
    /// Agent traces that got spans in this batch: their runs are rebuilt at its end.
    var agentTracesToRebuild: [TraceRecord] = []
    var knownKeyCount: UInt32
    /// Interned "failed", the value of `eigent.task.status` for a failed attempt.
    var failedWord = StringID.empty
    /// Price lookups, once per interned (provider, model) pair; nil when the pair has no price.
    var priceCache: [UInt64: CallPricer?] = [:]
    /// Interned ids of the tasks a task waited for (`eigent.task.dependencies`), by task index.
    public var dependencies: [TaskIndex: [StringID]] { taskTable.dependencies }
    /// Interned names of models that carried tokens but have no price.
    var unpricedModelIDs: Set<StringID> = []

    // Scratch reused across spans so ingest does not allocate.
    var knownSlots: [Int32]
    var scratchOrigin: [OriginIndex?] = []
    var scratchKey: [UInt8] = []

    public init(maxSpans: Int = 2_000_000, maxProjects: Int = 1000, prices: PriceTable = PriceTable()) {
        self.maxSpans = maxSpans
        self.maxProjects = max(0, maxProjects)
        projectTable = ProjectTable(maxSummaries: maxProjects)
        self.prices = prices
        for key in WellKnownKey.allCases {
            let id = strings.intern(key.key)
            precondition(id == key.id, "well-known keys must be interned first, in order")
        }
        knownKeyCount = UInt32(WellKnownKey.allCases.count) + 1
        // Before `failedWord`: every id up to it survives string sweeps.
        words = ConventionWords(interning: &strings)
        failedWord = strings.intern("failed")
        // Eigent's execution spans are named after their task, whose id is interned already.
        strings.storeAsComposite(prefix: "task.execution:")
        strings.storeAsComposite(prefix: "workforce.execution:")
        knownSlots = Array(repeating: -1, count: Int(knownKeyCount))
    }

    /// Counts spans a decoder rejected, so the report can show them.
    public func noteRejected(_ count: Int) {
        statistics.rejectedSpans += count
    }

    public func trace(_ id: TraceID) -> TraceRecord? { traceTable[id] }

    /// The trace a span is in, by a walk over every trace (for the CLI, not the hot path).
    public func traceID(holding span: SpanID) -> TraceID? {
        traces.values.first { $0.index(of: span) != nil }?.id
    }

    /// Models that carried tokens but have no price, sorted.
    public var unpricedModels: [String] { unpricedModelIDs.map(strings.string).sorted() }
    public var hasUnpricedModels: Bool { !unpricedModelIDs.isEmpty }

    public var traceCount: Int { traceTable.count }

    public func string(_ id: StringID) -> String { strings.string(id) }

    /// nil for the "unknown" id, the empty string's.
    public func optionalString(_ id: StringID) -> String? { id.isEmpty ? nil : strings.string(id) }

    public func project(named name: String) -> ProjectRecord? {
        guard let id = strings.lookup(name), let i = projectTable.position(of: id) else { return nil }
        return projectTable.records[i]
    }

    public func task(project: StringID, id: StringID) -> TaskRecord? {
        guard let p = projectTable.position(of: project), let t = projectTable.records[p].taskIndex[id] else {
            return nil
        }
        return tasks[t]
    }

    /// Index of the task named `id` in `project`, if known.
    public func taskIndex(project: StringID, id: StringID) -> TaskIndex? {
        guard let p = projectTable.position(of: project) else { return nil }
        return projectTable.records[p].taskIndex[id]
    }
}
