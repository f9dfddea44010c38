extension TraceStore {
    /// Seconds until a running project finishes, estimated as its remaining (pending and
    /// running) tasks × the median processing time of its completed ones ÷ the workers active
    /// in the minute before `now`. nil when nothing remains or there is nothing to go on.
    public func eta(_ project: ProjectRecord, now: UInt64) -> Double? {
        let a = project.aggregate
        let remaining = a.count(.pending) + a.count(.running)
        guard remaining > 0 else { return nil }
        var processing: [Double] = []
        var active = Set<UInt32>()
        let since = now > 60_000_000_000 ? now - 60_000_000_000 : 0
        for t in project.tasks {
            let task = tasks[Int(t)]
            if task.status == .completed, let p = task.processingSeconds { processing.append(p) }
            let worker = task.workerID != 0 ? task.workerID : task.agent
            guard worker != 0 else { continue }
            if task.lastAssignedAt >= since || (task.endTime ?? 0) >= since { active.insert(worker) }
        }
        guard !processing.isEmpty, !active.isEmpty else { return nil }
        processing.sort()
        let mid = processing.count / 2
        let median = processing.count % 2 == 1 ? processing[mid] : (processing[mid - 1] + processing[mid]) / 2
        return Double(remaining) * median / Double(active.count)
    }
}
