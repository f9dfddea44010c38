extension TraceStore {
    /// Folds one freshly stored span into the task model: a workforce's spans through the
    /// Eigent rules, any other trace's as a trace task (its runs rebuilt at the batch's end).
    func applyToTasks(_ trace: TraceRecord, _ local: Int, _ originID: OriginIndex) {
        let origin = origins[originID.position]
        let view = SpanView(store: self, trace: trace, local: local)
        let isEigentSpan = EigentWorkforce.recognises(view, origin)
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
            if isEigentSpan { applyEigent(view, origin) }
        } else {
            applyTraceSpan(trace.spans[local], local, trace, origin)
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

    // MARK: Task bookkeeping

    func projectSlot(_ id: StringID) -> Int { projectTable.slot(id) }

    func touchProject(_ id: StringID, _ span: StoredSpan) {
        let p = projectSlot(id)
        projectTable.records[p].widenSeen(span.startTime, span.latestTime)
    }

    func taskFor(project: StringID, id: StringID, source: TaskSource, trace: TraceID) -> TaskIndex {
        let p = projectSlot(project)
        if let t = projectTable.records[p].taskIndex[id] { return t }
        let record = TaskRecord(source: source, project: project, id: id, traceID: trace)
        let t = taskTable.add(record)
        revive(p)
        projectTable.records[p].taskIndex[id] = t
        projectTable.records[p].tasks.append(t)
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

    func markDirty(_ t: TaskIndex) { taskTable.markDirty(t) }

    /// Moves a trace task whose project became known after it was filed under its service.
    func moveTask(_ t: TaskIndex, to project: StringID) {
        withdraw(t)
        let old = projectSlot(tasks[t].project)
        let id = tasks[t].id
        projectTable.records[old].taskIndex[id] = nil
        projectTable.records[old].tasks.removeAll { $0 == t }
        let p = projectSlot(project)
        projectTable.records[p].taskIndex[id] = t
        projectTable.records[p].tasks.append(t)
        tasks[t].project = project
        markDirty(t)
    }

    /// Drops a trace task when its trace turns out to be an Eigent workforce.
    func removeTask(_ t: TaskIndex) {
        withdraw(t)
        let p = projectSlot(tasks[t].project)
        projectTable.records[p].taskIndex[tasks[t].id] = nil
        projectTable.records[p].tasks.removeAll { $0 == t }
        tasks[t].spanCount = 0
    }

    /// Takes a task's contribution out of the aggregates.
    func withdraw(_ t: TaskIndex) {
        guard tasks[t].counted else { return }
        let old = tasks[t].contribution
        projectTable.records[projectSlot(tasks[t].project)].aggregate.apply(old, sign: -1)
        workerTable.contribute(old, sign: -1)
        tasks[t].counted = false
    }

    /// Recomputes every task touched by the batch and moves its contribution in the aggregates.
    func finishBatch() {
        rebuildAgentTraces()
        for t in taskTable.dirty {
            guard tasks[t].spanCount > 0 else { continue }
            withdraw(t)
            derive(t)
            tasks[t].countedTokens = tasks[t].tokens.seen ? tasks[t].tokens.total : -1
            tasks[t].countedWaste = tasks[t].wastedSeconds
            tasks[t].counted = true
            let c = tasks[t].contribution
            projectTable.records[projectSlot(tasks[t].project)].aggregate.apply(c, sign: 1)
            workerTable.contribute(c, sign: 1)
        }
        taskTable.clearDirty()
        evictIfOverBudget()
        enforceContentBudget()
    }
}

/// A parent task id that children named before the parent itself arrived.
struct OrphanKey: Hashable {
    var project: StringID
    var parent: StringID
}
