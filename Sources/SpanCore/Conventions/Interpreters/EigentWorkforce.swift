/// Eigent / CAMEL workforces (`../shared/eigent-spans.md`): tasks named by `eigent.task.id`,
/// nested by `eigent.task.parent_id`, workers announced by `worker.created`, one
/// `task.execution:{id}` span per attempt. Reads one span into what it says about a worker, a
/// log line or a task; the store's `TraceStore+EigentTasks` applies it.
enum EigentWorkforce {
    /// A span of a workforce: its scope is Eigent's, or it carries Eigent's ids.
    static func recognises(_ v: SpanView, _ origin: Origin) -> Bool {
        origin.isEigentScope || v.attribute(.eigentTaskID) != nil || v.attribute(.eigentProjectID) != nil
            || v.attribute(.eigentWorkerID) != nil
    }

    /// `worker.created`: who a worker is.
    struct Worker {
        var id: StringID
        var role: StringID?
        var agent: StringID?
        var model: StringID?
        var type: StringID?
    }

    /// A span about one task, by its role.
    struct TaskEvent {
        var role: SpanRole
        var task: StringID
        /// `eigent.task.parent_id`, empty when none.
        var parent = StringID.empty
        /// `task.created`: the description.
        var description: StringID?
        /// `task.assigned` and `task.execution:*`: the worker.
        var worker: StringID?
        /// `task.assigned`: the queue time it reports, and the tasks it waits for (JSON text).
        var queueSeconds: Double?
        var dependencies: StringID?
        /// `task.execution:*`: the attempt's outcome.
        var failed = false
        var quality: Double?
        var processingSeconds: Double?
        /// Token counts, on any span of the task.
        var tokensTotal: Int64?
        var tokensPrompt: Int64?
        var tokensCompletion: Int64?
    }

    enum Reading {
        case worker(Worker)
        case log
        case task(TaskEvent)
        /// A workforce span about no task (its trace still belongs to the workforce).
        case ignored
    }

    static func read(_ v: SpanView, role: SpanRole) -> Reading {
        switch role {
        case .workerCreated:
            guard let id = v.string(.eigentWorkerID) else { return .ignored }
            return .worker(
                Worker(
                    id: id, role: v.string(.eigentWorkerRole), agent: v.string(.eigentWorkerAgent),
                    model: v.string(.eigentWorkerModelType), type: v.string(.eigentWorkerType)))
        case .logMessage:
            return .log
        default:
            break
        }
        guard let task = v.string(.eigentTaskID) else { return .ignored }
        var e = TaskEvent(role: role, task: task)
        if let parent = v.string(.eigentTaskParentID), parent != task { e.parent = parent }
        switch role {
        case .taskCreated:
            e.description = v.string(.eigentTaskDescription)
        case .taskAssigned:
            e.queueSeconds = v.number(.eigentQueueTime)
            e.dependencies = v.string(.eigentTaskDependencies)
            e.worker = v.string(.eigentWorkerID)
        case .taskExecution:
            let span = v.span
            e.failed = span.statusCode == StatusCode.error || v.string(.eigentTaskStatus) == v.store.failedWord
            e.quality = v.number(.eigentQualityScore)
            // A failed quality check says its score only in the error text.
            if e.quality == nil, e.failed, !span.statusMessage.isEmpty {
                e.quality = QualityScore.parse(v.store.string(span.statusMessage))
            }
            e.processingSeconds = v.number(.eigentProcessingTime)
            e.worker = v.string(.eigentWorkerID)
        default:
            break
        }
        if role != .taskCreated && role != .taskAssigned && role != .workforceExecution {
            e.tokensTotal = v.int(.eigentTokensTotal)
            e.tokensPrompt = v.int(.eigentTokensPrompt)
            e.tokensCompletion = v.int(.eigentTokensCompletion)
        }
        return .task(e)
    }
}
