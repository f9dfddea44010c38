/// Applies what `EigentWorkforce` read from a workforce span: workers, log lines, and each
/// task's creation, assignments, attempts and tokens. The task's status, times and cost are
/// derived from these facts once per batch (`TaskDerivation`).
extension TraceStore {
    func applyEigent(_ view: SpanView, _ origin: Origin) {
        let span = view.span
        let trace = view.trace
        let e = EigentWorkforce.read(view, role: role(of: span.name))
        switch e.kind {
        case .worker:
            applyWorker(e, trace)
            return
        case .ignored:
            return
        case .log:
            guard let project = projectOf(origin, trace) else { return }
            recordLog(span, trace, project: project.id)
            return
        case .task:
            break
        }
        guard let project = projectOf(origin, trace) else { return }
        let t = taskFor(project: project.id, id: e.task, source: .eigent, trace: trace.id)
        touch(t, by: trace)
        touchProject(project.id, span)
        tasks[t].spanCount += 1
        tasks[t].noteSpan(startingAt: span.startTime)
        if !e.parent.isEmpty, tasks[t].parentID != e.parent { setParent(t, e.parent) }
        switch e.role {
        case .taskCreated:
            tasks[t].createdAt = span.startTime
            if !e.description.isEmpty { tasks[t].name = e.description }
        case .taskAssigned:
            applyAssignment(e, span, t)
        case .taskExecution:
            applyAttempt(e, span, t, project: project.id)
            addTokens(e, t)
        case .workforceExecution:
            let r = rareSlot(t)
            taskTable.rare[r].workforceEnd = span.knownEnd
            taskTable.rare[r].workforceFailed = span.statusCode == StatusCode.error
            taskTable.rare[r].workforceError = span.statusMessage
            if tasks[t].name.isEmpty { tasks[t].name = span.name }
            if tasks[t].createdAt == nil { tasks[t].createdAt = span.startTime }
        default:
            addTokens(e, t)
        }
        markDirty(t)
        // A parent's status follows its subtasks.
        if !tasks[t].parentID.isEmpty, let p = taskIndex(project: project.id, id: tasks[t].parentID) { markDirty(p) }
    }

    private func applyWorker(_ e: EigentSpan, _ trace: TraceRecord) {
        let assigned = workerTable.announce(e.worker) { info in
            if !e.workerRole.isEmpty { info.role = e.workerRole }
            if !e.workerAgent.isEmpty { info.agent = e.workerAgent }
            if !e.workerModel.isEmpty { info.model = e.workerModel }
            if !e.workerType.isEmpty { info.type = e.workerType }
            info.trace = trace.serial
        }
        for t in assigned { markDirty(t) }
    }

    private func applyAssignment(_ e: EigentSpan, _ span: StoredSpan, _ t: TaskIndex) {
        let time = span.startTime
        if tasks[t].firstAssignedAt.map({ time < $0 }) ?? true {
            tasks[t].firstAssignedAt = time
            tasks[t].firstAssignmentQueue = e.queueSeconds
        }
        if !e.dependencies.isEmpty {
            let ids = JSONStringList.parse(strings.string(e.dependencies)).map { strings.intern($0) }
            if !ids.isEmpty { taskTable.dependencies[t] = ids }
        }
        if tasks[t].lastAssignedAt.map({ time >= $0 }) ?? true {
            tasks[t].lastAssignedAt = time
            if !e.worker.isEmpty {
                tasks[t].lastAssignedWorker = e.worker
                workerTable.assign(t, to: e.worker)
            }
        }
    }

    private func applyAttempt(_ e: EigentSpan, _ span: StoredSpan, _ t: TaskIndex, project: StringID) {
        // A zero-length failure with no (or zero) processing time is a task that never ran (Eigent
        // fails the dependents of a task that gave up that way): its processing time is unknown.
        let neverRan = e.failed && (e.processingSeconds ?? 0) == 0 && span.endTime <= span.startTime
        let attempt = Attempt(
            start: span.startTime, end: span.endTime, failed: e.failed,
            processingSeconds: neverRan ? nil : e.processingSeconds ?? span.durationSeconds, quality: e.quality,
            error: e.failed ? span.statusMessage : .empty, worker: e.worker)
        tasks[t].attempts += 1
        if e.failed {
            tasks[t].failedAttempts += 1
            tasks[t].wastedSeconds += span.durationSeconds ?? attempt.processingSeconds ?? 0
            if let tokens = e.tokensTotal {
                tasks[t].storedWastedTokens = max(0, tasks[t].storedWastedTokens) &+ tokens
            }
            projectTable.records[projectSlot(project)].failedAttempts.append(
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

    private func addTokens(_ e: EigentSpan, _ t: TaskIndex) {
        guard e.tokensTotal != nil || e.tokensPrompt != nil || e.tokensCompletion != nil else { return }
        tasks[t].tokens.add(input: e.tokensPrompt ?? 0, output: e.tokensCompletion ?? 0, total: e.tokensTotal)
    }
}
