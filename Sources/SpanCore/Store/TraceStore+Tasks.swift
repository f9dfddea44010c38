extension TraceStore {
    /// Folds one freshly stored span into the task model.
    func applyToTasks(_ trace: TraceRecord, _ local: Int, _ originID: OriginIndex) {
        let span = trace.spans[local]
        let origin = origins[originID.position]
        let isEigentSpan =
            origin.isEigentScope || known(.eigentTaskID, trace) != nil || known(.eigentProjectID, trace) != nil
            || known(.eigentWorkerID, trace) != nil
        if isEigentSpan && !trace.isEigent {
            trace.isEigent = true
            if let generic = trace.genericTask {
                removeTask(generic)
                trace.genericTask = nil
            }
            for run in trace.runTasks { removeTask(run) }
            trace.runTasks = []
            trace.isAgentic = false
            trace.agentSummary = nil
        }
        if trace.isEigent {
            if isEigentSpan { applyEigent(span, trace, origin) }
        } else {
            applyGeneric(span, local, trace, origin)
        }
    }

    func role(of name: StringID) -> SpanRole {
        if name.slot < nameRoles.count, nameRoles[name.slot] != .unclassified { return nameRoles[name.slot] }
        if name.slot >= nameRoles.count {
            nameRoles.append(contentsOf: repeatElement(.unclassified, count: name.slot + 1 - nameRoles.count))
        }
        // `task.execution:{id}` names are classified by their prefix, without building them.
        let r = strings.compositePrefix(of: name).map { role(of: $0) } ?? SpanRole.classify(strings.string(name))
        nameRoles[name.slot] = r
        return r
    }

    private func applyEigent(_ span: StoredSpan, _ trace: TraceRecord, _ origin: Origin) {
        let role = role(of: span.name)
        if role == .workerCreated {
            guard let worker = knownString(.eigentWorkerID, trace) else { return }
            var info = workers[worker] ?? WorkerInfo()
            info.role = knownString(.eigentWorkerRole, trace) ?? info.role
            info.agent = knownString(.eigentWorkerAgent, trace) ?? info.agent
            info.model = knownString(.eigentWorkerModelType, trace) ?? info.model
            info.type = knownString(.eigentWorkerType, trace) ?? info.type
            info.trace = trace.serial
            workers[worker] = info
            for t in tasksByWorker[worker] ?? [] { markDirty(t) }
            return
        }
        guard let project = projectOf(origin, trace) else { return }
        if role == .logMessage {
            recordLog(span, trace, project: project.id)
            return
        }
        guard let taskID = knownString(.eigentTaskID, trace) else { return }
        let t = taskFor(project: project.id, id: taskID, source: .eigent, trace: trace.id)
        touch(t, by: trace)
        touchProject(project.id, span)
        tasks[t].spanCount += 1
        tasks[t].firstSpanAt = min(tasks[t].firstSpanAt, span.startTime)
        if let parent = knownString(.eigentTaskParentID, trace), parent != taskID, tasks[t].parentID != parent {
            setParent(t, parent)
        }
        switch role {
        case .taskCreated:
            tasks[t].createdAt = span.startTime
            if let d = knownString(.eigentTaskDescription, trace) { tasks[t].name = d }
        case .taskAssigned:
            let time = span.startTime
            if tasks[t].firstAssignedAt == 0 || time < tasks[t].firstAssignedAt {
                tasks[t].firstAssignedAt = time
                tasks[t].firstAssignmentQueue = knownNumber(.eigentQueueTime, trace)
            }
            if let deps = knownString(.eigentTaskDependencies, trace) {
                let ids = JSONStringList.parse(strings.string(deps)).map { strings.intern($0) }
                if !ids.isEmpty { dependencies[t] = ids }
            }
            if time >= tasks[t].lastAssignedAt {
                tasks[t].lastAssignedAt = time
                if let w = knownString(.eigentWorkerID, trace) {
                    tasks[t].lastAssignedWorker = w
                    tasksByWorker[w, default: []].append(t)
                }
            }
        case .taskExecution:
            let failed = span.statusCode == StatusCode.error || knownString(.eigentTaskStatus, trace) == failedWord
            var quality = knownNumber(.eigentQualityScore, trace)
            if quality == nil, failed, !span.statusMessage.isEmpty {
                quality = QualityScore.parse(strings.string(span.statusMessage))
            }
            let attempt = Attempt(
                start: span.startTime, end: span.endTime, failed: failed,
                processingSeconds: knownNumber(.eigentProcessingTime, trace) ?? span.durationSeconds,
                quality: quality, error: failed ? span.statusMessage : .empty,
                worker: knownString(.eigentWorkerID, trace) ?? .empty)
            tasks[t].attempts += 1
            if failed {
                tasks[t].failedAttempts += 1
                tasks[t].wastedSeconds += span.durationSeconds ?? attempt.processingSeconds ?? 0
                if let tokens = knownInt(.eigentTokensTotal, trace) {
                    tasks[t].storedWastedTokens = max(0, tasks[t].storedWastedTokens) &+ tokens
                }
                projects[projectSlot(project.id)].failedAttempts.append(
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
            addEigentTokens(t, trace)
        case .workforceExecution:
            let r = rareSlot(t)
            rareTaskFacts[r].workforceEnd = span.endTime
            rareTaskFacts[r].workforceFailed = span.statusCode == StatusCode.error
            rareTaskFacts[r].workforceError = span.statusMessage
            if tasks[t].name.isEmpty { tasks[t].name = span.name }
            if tasks[t].createdAt == 0 { tasks[t].createdAt = span.startTime }
        default:
            addEigentTokens(t, trace)
        }
        markDirty(t)
        // A parent's status follows its subtasks.
        if !tasks[t].parentID.isEmpty, let p = taskIndex(project: project.id, id: tasks[t].parentID) { markDirty(p) }
    }

    private func addEigentTokens(_ t: TaskIndex, _ trace: TraceRecord) {
        let total = knownInt(.eigentTokensTotal, trace)
        let input = knownInt(.eigentTokensPrompt, trace)
        let output = knownInt(.eigentTokensCompletion, trace)
        guard total != nil || input != nil || output != nil else { return }
        tasks[t].tokens.add(input: input ?? 0, output: output ?? 0, total: total)
    }

    private func applyGeneric(_ span: StoredSpan, _ local: Int, _ trace: TraceRecord, _ origin: Origin) {
        let project = projectOf(origin, trace) ?? (strings.intern("unknown_service"), false)
        let t: TaskIndex
        if let existing = trace.genericTask {
            t = existing
            // The root's project wins: a nested run may carry a conversation id of its own.
            let explicitBefore = rareTaskFacts[rareSlot(t)].projectIsExplicit
            if project.explicit && tasks[t].project != project.id && (!explicitBefore || span.parentSpanID == 0) {
                moveTask(t, to: project.id)
            }
        } else {
            let hex = trace.id.hex
            t = taskFor(project: project.id, id: strings.intern(hex), source: .trace, trace: trace.id)
            trace.genericTask = t
            touch(t, by: trace)
        }
        let r = rareSlot(t)
        if project.explicit { rareTaskFacts[r].projectIsExplicit = true }
        touchProject(tasks[t].project, span)
        tasks[t].spanCount += 1
        tasks[t].firstSpanAt = min(tasks[t].firstSpanAt, span.startTime)
        if span.parentSpanID == 0 {
            tasks[t].name = span.name
            rareTaskFacts[r].rootDuration = span.durationSeconds
            tasks[t].createdAt = span.startTime
        } else if tasks[t].name.isEmpty {
            tasks[t].name = span.name
        }
        if span.statusCode == StatusCode.error {
            rareTaskFacts[r].errorSpans &+= 1
            if rareTaskFacts[r].firstError.isEmpty {
                rareTaskFacts[r].firstError =
                    !span.statusMessage.isEmpty ? span.statusMessage : exceptionMessage(local, trace) ?? span.name
            }
        }
        if rareTaskFacts[r].modelFromSpans.isEmpty, let m = modelOf(trace) { rareTaskFacts[r].modelFromSpans = m }
        if rareTaskFacts[r].agentFromSpans.isEmpty, let a = knownString(.genAIAgentName, trace) {
            rareTaskFacts[r].agentFromSpans = a
        }
        if rareTaskFacts[r].workerFromSpans.isEmpty, let w = knownString(.genAIAgentID, trace) {
            rareTaskFacts[r].workerFromSpans = w
        }
        addGenericUsage(t, span, trace)
        noteAgentFacts(trace, local, task: t)
        markDirty(t)
    }

    /// Tokens and cost of one call, added to the trace's task.
    private func addGenericUsage(_ t: TaskIndex, _ span: StoredSpan, _ trace: TraceRecord) {
        let r = rareSlot(t)
        let charge = callCharge(span, trace, fallbackModel: rareTaskFacts[r].modelFromSpans)
        if charge.hasTokens { tasks[t].tokens.add(input: charge.input, output: charge.output, total: charge.total) }
        if let cost = charge.cost {
            rareTaskFacts[r].callCost = (rareTaskFacts[r].callCost ?? 0) + cost
            if charge.estimated { rareTaskFacts[r].callCostIsEstimate = true }
        }
    }

    /// Tokens and cost of one call, from the first convention present on the span. The cost is
    /// the span's own when it carries one, else its tokens at the price of its provider and
    /// model (`fallbackModel` when the span names none) on the day it was made. Reads the
    /// span's known-attribute slots.
    func callCharge(_ span: StoredSpan, _ trace: TraceRecord, fallbackModel: StringID) -> CallCharge {
        var charge = CallCharge()
        var explicit: Double?
        if let details = knownString(.langfuseCostDetails, trace) {
            explicit = UsageDetails.cost(strings.string(details))
        }
        explicit = explicit ?? knownNumber(.genAICost, trace) ?? knownNumber(.llmCostTotal, trace)
        if let cost = explicit, !cost.isFinite || cost < 0 { explicit = nil }
        let call = callUsage(trace)
        if let (usage, unsplit) = call {
            charge.hasTokens = true
            charge.input = usage.input
            charge.output = usage.output
            charge.total = usage.total &+ unsplit
        }
        if let explicit {
            charge.cost = explicit
            return charge
        }
        guard let (usage, unsplit) = call, let model = modelOf(trace) ?? (fallbackModel.isEmpty ? nil : fallbackModel)
        else { return charge }
        guard let pricer = pricer(model: model, provider: providerOf(trace) ?? .empty),
            let (cost, estimated) = pricer.cost(of: usage, unsplit: unsplit, atNanos: span.startTime, perCall: true)
        else { return charge }
        charge.cost = cost
        charge.estimated = estimated
        return charge
    }

    /// The span's token counts and the tokens known only as part of a total.
    private func callUsage(_ trace: TraceRecord) -> (CallUsage, unsplit: Int64)? {
        if let details = knownString(.langfuseUsageDetails, trace),
            let u = UsageDetails.usage(strings.string(details))
        {
            return (u.usage, u.unsplit)
        }
        let input = knownInt(.genAIInputTokens, trace) ?? knownInt(.genAIPromptTokens, trace)
        let output = knownInt(.genAIOutputTokens, trace) ?? knownInt(.genAICompletionTokens, trace)
        if input != nil || output != nil {
            let usage = CallUsage(
                input: input ?? 0, output: output ?? 0,
                cacheRead: knownInt(.genAICacheRead, trace) ?? knownInt(.genAICacheReadDeprecated, trace) ?? 0,
                cacheWrite: knownInt(.genAICacheCreation, trace) ?? knownInt(.genAICacheCreationDeprecated, trace) ?? 0)
            return (usage, 0)
        }
        let prompt = knownInt(.llmPromptTokens, trace)
        let completion = knownInt(.llmCompletionTokens, trace)
        let total = knownInt(.llmTotalTokens, trace)
        guard prompt != nil || completion != nil || total != nil else { return nil }
        let usage = CallUsage(
            input: prompt ?? 0, output: completion ?? 0, cacheRead: knownInt(.llmCacheRead, trace) ?? 0,
            cacheWrite: knownInt(.llmCacheWrite, trace) ?? 0)
        return (usage, max(0, (total ?? 0) &- usage.total))
    }

    /// The prices for an interned (model, provider) pair, looked up once per pair; a model with
    /// none is remembered for the report.
    func pricer(model: StringID, provider: StringID) -> CallPricer? {
        let key = UInt64(provider.rawValue) << 32 | UInt64(model.rawValue)
        if let cached = priceCache[key] { return cached }
        let source = prices.lookup(model: strings.string(model), provider: optionalString(provider))
        if source == nil { unpricedModelIDs.insert(model) }
        let pricer = source.map(CallPricer.init)
        priceCache[key] = pricer
        return pricer
    }

    func exceptionMessage(_ local: Int, _ trace: TraceRecord) -> StringID? {
        for e in trace.eventRange(of: local) {
            for a in trace.events[e].attributeRange
            where trace.extraAttributes[a].key == WellKnownKey.exceptionMessage.id
                && trace.extraAttributes[a].kind == .string
            {
                return trace.extraAttributes[a].stringID
            }
        }
        return nil
    }

    private func recordLog(_ span: StoredSpan, _ trace: TraceRecord, project: StringID) {
        let message = knownString(.logMessage, trace) ?? span.statusMessage
        let mentioned = LogMention.taskID(in: strings.string(message)).map { strings.intern($0) } ?? .empty
        let p = projectSlot(project)
        revive(p)
        projects[p].logs.append(
            LogEntry(
                time: span.startTime, level: knownString(.logLevel, trace) ?? .empty, message: message,
                mentionedTask: mentioned, trace: trace.serial))
        if trace.logProjects.last != project && !trace.logProjects.contains(project) {
            trace.logProjects.append(project)
        }
        touchProject(project, span)
    }

    // MARK: Task bookkeeping

    func projectSlot(_ id: StringID) -> Int {
        if let p = projectIndex[id] { return p }
        projects.append(ProjectRecord(id: id))
        projectIndex[id] = projects.count - 1
        return projects.count - 1
    }

    private func touchProject(_ id: StringID, _ span: StoredSpan) {
        let p = projectSlot(id)
        projects[p].firstSeen = min(projects[p].firstSeen, span.startTime)
        projects[p].lastSeen = max(projects[p].lastSeen, max(span.endTime, span.startTime))
    }

    func taskFor(project: StringID, id: StringID, source: TaskSource, trace: TraceID) -> TaskIndex {
        let p = projectSlot(project)
        if let t = projects[p].taskIndex[id] { return t }
        let record = TaskRecord(source: source, project: project, id: id, traceID: trace)
        let t: TaskIndex
        if let free = freeTasks.popLast() {
            t = free
            tasks[t] = record
        } else {
            t = TaskIndex(position: tasks.count)
            tasks.append(record)
        }
        revive(p)
        projects[p].taskIndex[id] = t
        projects[p].tasks.append(t)
        // Children that arrived before their parent.
        if let waiting = orphanChildren.removeValue(forKey: OrphanKey(project: project, parent: id)) {
            tasks[t].children = waiting
        }
        return t
    }

    func setParent(_ t: TaskIndex, _ parent: StringID) {
        let project = tasks[t].project
        tasks[t].parentID = parent
        if let p = taskIndex(project: project, id: parent) {
            if !tasks[p].children.contains(t) { tasks[p].children.append(t) }
            markDirty(p)
        } else {
            orphanChildren[OrphanKey(project: project, parent: parent), default: []].append(t)
        }
    }

    /// Records that `trace` holds spans of task `t`, which then lives at least as long as it.
    @inline(__always)
    func touch(_ t: TaskIndex, by trace: TraceRecord) {
        let serial = trace.serial
        guard tasks[t].lastTrace != serial || tasks[t].liveTraces == 0 else { return }
        tasks[t].lastTrace = serial
        tasks[t].liveTraces += 1
        trace.touchedTasks.append(t)
    }

    func markDirty(_ t: TaskIndex) {
        guard !tasks[t].dirty else { return }
        tasks[t].dirty = true
        dirtyTasks.append(t)
    }

    /// Moves a trace task whose project became known after it was filed under its service.
    private func moveTask(_ t: TaskIndex, to project: StringID) {
        withdraw(t)
        let old = projectSlot(tasks[t].project)
        let id = tasks[t].id
        projects[old].taskIndex[id] = nil
        projects[old].tasks.removeAll { $0 == t }
        let p = projectSlot(project)
        projects[p].taskIndex[id] = t
        projects[p].tasks.append(t)
        tasks[t].project = project
        markDirty(t)
    }

    /// Drops a trace task when its trace turns out to be an Eigent workforce.
    func removeTask(_ t: TaskIndex) {
        withdraw(t)
        let p = projectSlot(tasks[t].project)
        projects[p].taskIndex[tasks[t].id] = nil
        projects[p].tasks.removeAll { $0 == t }
        tasks[t].spanCount = 0
    }

    /// Takes a task's contribution out of the aggregates.
    private func withdraw(_ t: TaskIndex) {
        guard tasks[t].counted else { return }
        let old = tasks[t].contribution
        projects[projectSlot(tasks[t].project)].aggregate.apply(old, sign: -1)
        if !old.worker.isEmpty { workerAggregates[old.worker, default: Aggregate()].apply(old, sign: -1) }
        tasks[t].counted = false
    }

    /// Recomputes every task touched by the batch and moves its contribution in the aggregates.
    func finishBatch() {
        rebuildAgentTraces()
        for t in dirtyTasks {
            tasks[t].dirty = false
            guard tasks[t].spanCount > 0 else { continue }
            withdraw(t)
            derive(t)
            tasks[t].countedTokens = tasks[t].tokens.seen ? tasks[t].tokens.total : -1
            tasks[t].countedWaste = tasks[t].wastedSeconds
            tasks[t].counted = true
            let c = tasks[t].contribution
            projects[projectSlot(tasks[t].project)].aggregate.apply(c, sign: 1)
            if !c.worker.isEmpty { workerAggregates[c.worker, default: Aggregate()].apply(c, sign: 1) }
        }
        dirtyTasks.removeAll(keepingCapacity: true)
        evictIfOverBudget()
    }
}

/// One call's tokens and cost, as `callCharge` reads them from a span.
struct CallCharge {
    var hasTokens = false
    var input: Int64 = 0
    var output: Int64 = 0
    /// Input + output + tokens known only as part of a total.
    var total: Int64 = 0
    var cost: Double?
    /// Priced from a total only (a blended rate).
    var estimated = false
}

/// A parent task id that children named before the parent itself arrived.
struct OrphanKey: Hashable {
    var project: StringID
    var parent: StringID
}
