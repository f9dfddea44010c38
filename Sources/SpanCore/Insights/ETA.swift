extension TraceStore {
    /// Seconds until a running project finishes, estimated as its remaining (pending and
    /// running) tasks × the median processing time of its completed ones ÷ the workers active
    /// in the minute before `now`. Tasks with subtasks are not counted: they finish with them.
    /// nil when nothing remains or there is nothing to go on.
    /// - Parameter now: nil (or a time within a minute of the epoch) counts every worker as active.
    public func eta(_ project: ProjectRecord, now: Timestamp?) -> Double? {
        var remaining = 0
        var processing: [Double] = []
        var active = Set<StringID>()
        // A window reaching back to the epoch takes in every worker, dated or not.
        let since = now.flatMap { $0 > .epoch + Self.activeWindow ? $0 - Self.activeWindow : nil }
        func recent(_ time: Timestamp?) -> Bool { since.map { s in time.map { $0 >= s } ?? false } ?? true }
        // One handle on the table: each `tasks[t]` would copy it (and the record) first.
        let records = tasks
        for t in project.tasks where records[t].status == .pending || records[t].status == .running {
            if records[t].children.isEmpty { remaining += 1 }
        }
        // Nothing left to do: a finished project (most of a long session's) stops here.
        guard remaining > 0 else { return nil }
        for t in project.tasks {
            let task = records[t]
            if task.status == .completed, let p = task.processingSeconds { processing.append(p) }
            let worker = task.workerOrAgent
            guard !worker.isEmpty else { continue }
            if recent(task.lastAssignedAt) || recent(task.endTime) { active.insert(worker) }
        }
        processing.sort()
        guard remaining > 0, let median = processing.medianOfSorted, !active.isEmpty else { return nil }
        return Double(remaining) * median / Double(active.count)
    }
}

extension TraceStore {
    /// A worker assigned a task or ending an attempt within this long before now is active.
    static var activeWindow: Nanoseconds { .seconds(60) }
}
