extension TraceStore {
    /// Seconds until a running project finishes, estimated as its remaining (pending and
    /// running) tasks × the median processing time of its completed ones ÷ the workers active
    /// in the minute before `now`. Tasks with subtasks are not counted: they finish with them.
    /// nil when nothing remains or there is nothing to go on.
    public func eta(_ project: ProjectRecord, now: UInt64) -> Double? {
        var remaining = 0
        var processing: [Double] = []
        var active = Set<StringID>()
        let since = now > 60_000_000_000 ? now - 60_000_000_000 : 0
        for t in project.tasks {
            let task = tasks[t]
            if task.status == .completed, let p = task.processingSeconds { processing.append(p) }
            if (task.status == .pending || task.status == .running) && task.children.isEmpty { remaining += 1 }
            let worker = task.workerOrAgent
            guard !worker.isEmpty else { continue }
            if task.lastAssignedAt >= since || (task.endTime ?? 0) >= since { active.insert(worker) }
        }
        processing.sort()
        guard remaining > 0, let median = processing.medianOfSorted, !active.isEmpty else { return nil }
        return Double(remaining) * median / Double(active.count)
    }
}
