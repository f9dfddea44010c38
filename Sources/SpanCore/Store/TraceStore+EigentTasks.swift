/// Applies what `EigentWorkforce` read from a workforce span: workers, log lines, and each
/// task's creation, assignments, attempts and tokens. The task's status, times and cost are
/// derived from these facts once per batch (`TaskDerivation`).
extension TraceStore {
    func applyEigent(_ view: SpanView, _ origin: Origin) {
        let span = view.span
        let trace = view.trace
        let role = role(of: span.name)
        let event: EigentWorkforce.TaskEvent
        switch EigentWorkforce.read(view, role: role) {
        case .worker(let w):
            applyWorker(w, trace)
            return
        case .ignored:
            return
        case .log:
            guard let project = projectOf(origin, trace) else { return }
            recordLog(span, trace, project: project.id)
            return
        case .task(let e):
            event = e
        }
        guard let project = projectOf(origin, trace) else { return }
        let t = taskFor(project: project.id, id: event.task, source: .eigent, trace: trace.id)
        touch(t, by: trace)
        touchProject(project.id, span)
        tasks[t].spanCount += 1
        tasks[t].firstSpanAt = min(tasks[t].firstSpanAt, span.startTime)
        if !event.parent.isEmpty, tasks[t].parentID != event.parent { setParent(t, event.parent) }
        switch role {
        case .taskCreated:
            tasks[t].createdAt = span.startTime
            if let d = event.description { tasks[t].name = d }
        case .taskAssigned:
            applyAssignment(event, span, t)
        case .taskExecution:
            applyAttempt(event, span, t, project: project.id)
            addTokens(event, t)
        case .workforceExecution:
            let r = rareSlot(t)
            rareTaskFacts[r].workforceEnd = span.endTime
            rareTaskFacts[r].workforceFailed = span.statusCode == StatusCode.error
            rareTaskFacts[r].workforceError = span.statusMessage
            if tasks[t].name.isEmpty { tasks[t].name = span.name }
            if tasks[t].createdAt == 0 { tasks[t].createdAt = span.startTime }
        default:
            addTokens(event, t)
        }
        markDirty(t)
        // A parent's status follows its subtasks.
        if !tasks[t].parentID.isEmpty, let p = taskIndex(project: project.id, id: tasks[t].parentID) { markDirty(p) }
    }

    private func applyWorker(_ w: EigentWorkforce.Worker, _ trace: TraceRecord) {
        var info = workers[w.id] ?? WorkerInfo()
        info.role = w.role ?? info.role
        info.agent = w.agent ?? info.agent
        info.model = w.model ?? info.model
        info.type = w.type ?? info.type
        info.trace = trace.serial
        workers[w.id] = info
        for t in tasksByWorker[w.id] ?? [] { markDirty(t) }
    }

    private func applyAssignment(_ e: EigentWorkforce.TaskEvent, _ span: StoredSpan, _ t: TaskIndex) {
        let time = span.startTime
        if tasks[t].firstAssignedAt == 0 || time < tasks[t].firstAssignedAt {
            tasks[t].firstAssignedAt = time
            tasks[t].firstAssignmentQueue = e.queueSeconds
        }
        if let deps = e.dependencies {
            let ids = JSONStringList.parse(strings.string(deps)).map { strings.intern($0) }
            if !ids.isEmpty { dependencies[t] = ids }
        }
        if time >= tasks[t].lastAssignedAt {
            tasks[t].lastAssignedAt = time
            if let w = e.worker {
                tasks[t].lastAssignedWorker = w
                tasksByWorker[w, default: []].append(t)
            }
        }
    }

    private func applyAttempt(_ e: EigentWorkforce.TaskEvent, _ span: StoredSpan, _ t: TaskIndex, project: StringID) {
        let attempt = Attempt(
            start: span.startTime, end: span.endTime, failed: e.failed,
            processingSeconds: e.processingSeconds ?? span.durationSeconds, quality: e.quality,
            error: e.failed ? span.statusMessage : .empty, worker: e.worker ?? .empty)
        tasks[t].attempts += 1
        if e.failed {
            tasks[t].failedAttempts += 1
            tasks[t].wastedSeconds += span.durationSeconds ?? attempt.processingSeconds ?? 0
            if let tokens = e.tokensTotal {
                tasks[t].storedWastedTokens = max(0, tasks[t].storedWastedTokens) &+ tokens
            }
            projects[projectSlot(project)].failedAttempts.append(
                FailedAttempt(
                    task: t, time: span.endTime, error: span.statusMessage, worker: attempt.worker,
                    spanID: span.spanID))
        }
        if let latest = tasks[t].latestAttempt, latest.start > attempt.start {
            // An older attempt arriving late does not change the outcome.
        } else {
            // The attempt carries the task's processing time and quality: take out what the
            // aggregates counted of the old ones first (the batch's end counts the new ones).
            withdraw(t)
            markDirty(t)
            tasks[t].latestAttempt = attempt
        }
    }

    private func addTokens(_ e: EigentWorkforce.TaskEvent, _ t: TaskIndex) {
        guard e.tokensTotal != nil || e.tokensPrompt != nil || e.tokensCompletion != nil else { return }
        tasks[t].tokens.add(input: e.tokensPrompt ?? 0, output: e.tokensCompletion ?? 0, total: e.tokensTotal)
    }
}
