extension TraceStore {
    /// Frees interned strings nothing refers to any more, once a quarter as many strings were
    /// added since the last sweep as it kept, and only after evictions (before, nothing can be
    /// unreferenced). The quarter bounds a long session's memory above the cap's; one pass over
    /// the stored spans per quarter of them keeps the sweep a small share of ingest.
    func sweepStringsIfWorthIt() {
        guard statistics.evictedTraces > evictedTracesAtSweep,
            strings.count > stringsAfterSweep + stringsAfterSweep / 4 + 16_384
        else { return }
        sweepStrings()
        // The sweep and the evictions before it freed memory in pieces: give the pages back.
        HeapTrim.returnFreePages()
    }

    /// Marks every string id still referenced, drops workers no live task or trace names, and
    /// frees the rest of the strings.
    func sweepStrings() {
        var marks = StringMarks(limit: strings.idLimit)
        marks.mark(0...failedWord.rawValue)
        for key in originIndex.keys { marks.mark(key) }
        for o in origins {
            marks.mark(o.resourceSchemaURL, o.scopeName, o.scopeVersion, o.scopeSchemaURL)
            marks.mark(o.resourceProject ?? .empty, o.serviceName ?? .empty)
        }
        marks.mark(originAttributes)
        var liveSerials: Set<TraceSerial> = []
        for trace in traces.values {
            liveSerials.insert(trace.serial)
            for s in trace.spans { marks.mark(s.name, s.statusMessage) }
            marks.mark(trace.attributes)
            marks.mark(trace.extraAttributes)
            for e in trace.events { marks.mark(e.name) }
            for l in trace.links { marks.mark(l.traceState) }
            for r in trace.rareFields.values { marks.mark(r.traceState) }
            if let summary = trace.agentSummary {
                for c in summary.toolCalls { marks.mark(c.tool, c.agent, c.arguments) }
                for l in summary.loops { marks.mark(l.agent, l.tool, l.arguments) }
                for o in summary.offered { marks.mark(o.agent, o.tool) }
            }
        }
        var liveWorkers: Set<StringID> = []
        for project in projects {
            marks.mark(project.id)
            for l in project.logs { marks.mark(l.level, l.message, l.mentionedTask) }
            for f in project.failedAttempts { marks.mark(f.error, f.worker) }
            for t in project.tasks { markTask(t, &marks, &liveWorkers) }
        }
        for ids in dependencies.values { for id in ids { marks.mark(id) } }
        for key in orphanChildren.keys { marks.mark(key.project, key.parent) }
        for model in unpricedModelIDs { marks.mark(model) }
        for key in priceCache.keys {
            marks.mark(
                StringID(rawValue: UInt32(truncatingIfNeeded: key >> 32)),
                StringID(rawValue: UInt32(truncatingIfNeeded: key)))
        }
        pruneWorkers(keeping: liveWorkers, liveSerials, &marks)

        // Cached name readings may point at subjects the sweep frees: read names afresh.
        nameMeanings.removeAll()
        toolSchemaKeys.removeAll()
        offeredToolNames.removeAll()
        let freed = strings.sweep(keeping: marks.bits)
        for id in freed where id.slot < nameRoles.count { nameRoles[id.slot] = .unclassified }
        forgetKeyClasses(freed)
        stringsAfterSweep = strings.count
        evictedTracesAtSweep = statistics.evictedTraces
    }

    private func markTask(_ t: TaskIndex, _ marks: inout StringMarks, _ workers: inout Set<StringID>) {
        let task = tasks[t]
        marks.mark(task.project, task.id, task.parentID, task.name)
        marks.mark(task.workerID, task.agent, task.model, task.error)
        let rare = rareFacts(of: task)
        marks.mark(task.lastAssignedWorker, rare.workforceError, rare.modelFromSpans, rare.agentFromSpans)
        marks.mark(rare.workerFromSpans, rare.firstError, rare.evaluationLabel)
        if let a = task.latestAttempt { marks.mark(a.error, a.worker) }
        workers.insert(task.workerID)
        workers.insert(task.agent)
        workers.insert(task.lastAssignedWorker)
    }

    /// Keeps workers a live task names or whose `worker.created` is still stored.
    private func pruneWorkers(keeping live: Set<StringID>, _ liveSerials: Set<TraceSerial>, _ marks: inout StringMarks)
    {
        workerTable.prune(keeping: live, liveTraces: liveSerials)
        workerTable.mark(&marks)
    }
}

/// One bit per interned string id: set when something still refers to the string.
struct StringMarks {
    var bits: [UInt64]

    init(limit: Int) {
        bits = Array(repeating: 0, count: (limit + 63) / 64)
    }

    @inline(__always)
    mutating func mark(_ id: StringID) {
        bits[id.slot >> 6] |= 1 << UInt64(id.rawValue & 63)
    }

    // Fixed arities rather than variadics: a variadic call allocates its array.
    mutating func mark(_ a: StringID, _ b: StringID) {
        mark(a)
        mark(b)
    }

    mutating func mark(_ a: StringID, _ b: StringID, _ c: StringID) {
        mark(a, b)
        mark(c)
    }

    mutating func mark(_ a: StringID, _ b: StringID, _ c: StringID, _ d: StringID) {
        mark(a, b)
        mark(c, d)
    }

    mutating func mark(_ a: StringID, _ b: StringID, _ c: StringID, _ d: StringID, _ e: StringID) {
        mark(a, b, c, d)
        mark(e)
    }

    mutating func mark(_ range: ClosedRange<UInt32>) {
        for id in range { mark(StringID(rawValue: id)) }
    }

    /// Keys and string values of stored attributes.
    mutating func mark(_ attributes: [StoredAttribute]) {
        for a in attributes {
            mark(a.key)
            if a.kind == .string || a.kind == .bytes { mark(a.stringID) }
        }
    }
}
