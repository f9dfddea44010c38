extension TraceStore {
    /// Evicts whole traces until the span budget holds again: finished traces oldest first,
    /// running ones only when no finished one is left. Whatever existed only because of an
    /// evicted trace goes with it (see `retireTasks`); project totals stay.
    func evictIfOverBudget() {
        guard statistics.spans > maxSpans else { return }
        var retired: [TaskIndex] = []
        var logTraces: [StringID: [TraceSerial]] = [:]
        while statistics.spans > maxSpans {
            guard let trace = traceTable.removeNext() else { break }
            statistics.spans -= trace.spans.count
            statistics.evictedSpans += trace.spans.count
            statistics.evictedTraces += 1
            forgetContent(of: trace)
            for t in trace.touchedTasks {
                guard tasks[t].liveTraces > 0 else { continue }
                tasks[t].liveTraces -= 1
                if tasks[t].liveTraces == 0 { retired.append(t) }
            }
            for p in trace.logProjects { logTraces[p, default: []].append(trace.serial) }
        }
        traceTable.prune()
        retireTasks(retired)
        for (project, serials) in logTraces { dropLogs(project, serials) }
        sweepStringsIfWorthIt()
    }

    /// Marks a trace finished (its root arrived), which makes it the first to go.
    func noteFinished(_ trace: TraceRecord) { traceTable.noteFinished(trace) }

    private func dropLogs(_ project: StringID, _ serials: [TraceSerial]) {
        guard let p = projectTable.position(of: project) else { return }
        let before = projectTable.records[p].logs.count
        projectTable.records[p].logs.removeAll { serials.contains($0.trace) }
        projectTable.records[p].evictedLogs += before - projectTable.records[p].logs.count
        if projectTable.records[p].isSummary { summarise(p) }
    }
}
