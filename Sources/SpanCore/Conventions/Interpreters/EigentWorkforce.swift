/// Eigent / CAMEL workforces (`docs/reference/conventions.md`): tasks named by `eigent.task.id`,
/// nested by `eigent.task.parent_id`, workers announced by `worker.created`, one
/// `task.execution:{id}` span per attempt. Reads one span into what it says about a worker, a
/// log line or a task; the store's `TraceStore+EigentTasks` applies it.
enum EigentWorkforce {
    /// A span of a workforce: its scope is Eigent's, or it carries Eigent's ids.
    @inline(__always)
    static func recognises(_ v: SpanView, _ origin: Origin) -> Bool {
        origin.isEigentScope || v.attribute(.eigentTaskID) != nil || v.attribute(.eigentProjectID) != nil
            || v.attribute(.eigentWorkerID) != nil
    }

    static func read(_ v: SpanView, role: SpanRole) -> EigentSpan {
        var e = EigentSpan(role: role)
        switch role {
        case .workerCreated:
            guard let id = v.string(.eigentWorkerID) else { return e }
            e.kind = .worker
            e.worker = id
            e.workerRole = v.string(.eigentWorkerRole) ?? .empty
            e.workerAgent = v.string(.eigentWorkerAgent) ?? .empty
            e.workerModel = v.string(.eigentWorkerModelType) ?? .empty
            e.workerType = v.string(.eigentWorkerType) ?? .empty
            return e
        case .logMessage:
            e.kind = .log
            return e
        default:
            break
        }
        guard let task = v.string(.eigentTaskID) else { return e }
        e.kind = .task
        e.task = task
        if let parent = v.string(.eigentTaskParentID), parent != task { e.parent = parent }
        switch role {
        case .taskCreated:
            e.description = v.string(.eigentTaskDescription) ?? .empty
        case .taskAssigned:
            e.queueSeconds = v.number(.eigentQueueTime)
            e.dependencies = v.string(.eigentTaskDependencies) ?? .empty
            e.worker = v.string(.eigentWorkerID) ?? .empty
        case .taskExecution:
            let span = v.span
            e.failed = span.statusCode == StatusCode.error || v.string(.eigentTaskStatus) == v.store.failedWord
            e.quality = v.number(.eigentQualityScore)
            // A failed quality check says its score only in the error text.
            if e.quality == nil, e.failed, !span.statusMessage.isEmpty {
                e.quality = QualityScore.parse(v.store.string(span.statusMessage))
            }
            e.processingSeconds = v.number(.eigentProcessingTime)
            e.worker = v.string(.eigentWorkerID) ?? .empty
        default:
            break
        }
        if role != .taskCreated && role != .taskAssigned && role != .workforceExecution {
            e.tokensTotal = v.int(.eigentTokensTotal)
            e.tokensPrompt = v.int(.eigentTokensPrompt)
            e.tokensCompletion = v.int(.eigentTokensCompletion)
        }
        return e
    }
}

/// What one workforce span says. Flat and small (unknown numbers NaN or -1, unknown ids
/// `.empty`): it is read once per span on the ingest path.
struct EigentSpan {
    enum Kind: UInt8 {
        /// A workforce span about no task (its trace still belongs to the workforce).
        case ignored
        /// `worker.created`: `worker` and what it says about itself.
        case worker
        /// An error or critical `log.message`.
        case log
        /// A span about task `task`, by `role`.
        case task
    }

    var kind = Kind.ignored
    var role: SpanRole
    var failed = false
    var task = StringID.empty
    /// `eigent.task.parent_id`, empty when none.
    var parent = StringID.empty
    /// `task.created`: the description.
    var description = StringID.empty
    /// The worker: announced, assigned, or running the attempt.
    var worker = StringID.empty
    var workerRole = StringID.empty
    var workerAgent = StringID.empty
    var workerModel = StringID.empty
    var workerType = StringID.empty
    /// `task.assigned`: the tasks it waits for (JSON text).
    var dependencies = StringID.empty
    private var queue = Double.nan
    private var qualityScore = Double.nan
    private var processing = Double.nan
    private var total: Int64 = -1
    private var prompt: Int64 = -1
    private var completion: Int64 = -1

    init(role: SpanRole) { self.role = role }

    /// `task.assigned`: the queue time it reports.
    var queueSeconds: Double? {
        get { queue.isNaN ? nil : queue }
        set { queue = newValue ?? .nan }
    }
    /// `task.execution:*`: the attempt's quality score and processing time.
    var quality: Double? {
        get { qualityScore.isNaN ? nil : qualityScore }
        set { qualityScore = newValue ?? .nan }
    }
    var processingSeconds: Double? {
        get { processing.isNaN ? nil : processing }
        set { processing = newValue ?? .nan }
    }
    /// Token counts, on any span of the task.
    var tokensTotal: Int64? {
        get { total < 0 ? nil : total }
        set { total = newValue ?? -1 }
    }
    var tokensPrompt: Int64? {
        get { prompt < 0 ? nil : prompt }
        set { prompt = newValue ?? -1 }
    }
    var tokensCompletion: Int64? {
        get { completion < 0 ? nil : completion }
        set { completion = newValue ?? -1 }
    }
}
