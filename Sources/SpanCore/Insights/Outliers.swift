extension TraceStore {
    /// Completed tasks of a project that took abnormally long for their worker: processing
    /// above the worker's p95 when it has at least 20 completed tasks, else above 3× its median.
    public func outliers(_ project: ProjectRecord) -> Set<TaskIndex> {
        let limits = outlierLimits(project)
        guard !limits.isEmpty else { return [] }
        // One handle on the table: each `tasks[t]` would copy it (and the record) first.
        let records = tasks
        var result = Set<TaskIndex>()
        for t in project.tasks where records[t].status == .completed {
            let task = records[t]
            guard let p = task.processingSeconds, let limit = limits[task.workerOrAgent], p > limit else { continue }
            result.insert(t)
        }
        return result
    }

    /// Each worker's (or agent's) outlier limit in `project`: only `workers` when given.
    public func outlierLimits(_ project: ProjectRecord, workers: Set<StringID>? = nil) -> [StringID: Double] {
        // One list sorted by worker then time, cut per worker: no array and hash entry per worker.
        let records = tasks
        var done: [(worker: StringID, seconds: Double)] = []
        for t in project.tasks where records[t].status == .completed {
            let task = records[t]
            guard let p = task.processingSeconds else { continue }
            let worker = task.workerOrAgent
            if let workers, !workers.contains(worker) { continue }
            done.append((worker, p))
        }
        done.sort { $0.worker != $1.worker ? $0.worker < $1.worker : $0.seconds < $1.seconds }
        var limits: [StringID: Double] = [:]
        var start = 0
        while start < done.count {
            var end = start + 1
            while end < done.count, done[end].worker == done[start].worker { end += 1 }
            if end - start >= 2 {
                let sorted = done[start..<end].map(\.seconds)
                if sorted.count >= 20 {
                    // Nearest rank.
                    limits[done[start].worker] = sorted[Int((0.95 * Double(sorted.count)).rounded(.up)) - 1]
                } else {
                    limits[done[start].worker] = 3 * sorted.medianOfSorted!
                }
            }
            start = end
        }
        return limits
    }

    /// Whether a completed task took longer than its worker's limit (`outlierLimits`).
    public func isOutlier(_ t: TaskIndex, _ limits: [StringID: Double]) -> Bool {
        let task = tasks[t]
        guard task.status == .completed, let p = task.processingSeconds,
            let limit = limits[task.workerOrAgent]
        else { return false }
        return p > limit
    }
}
