extension TraceStore {
    /// Completed tasks of a project that took abnormally long for their worker: processing
    /// above the worker's p95 when it has at least 20 completed tasks, else above 3× its median.
    public func outliers(_ project: ProjectRecord) -> Set<TaskIndex> {
        let limits = outlierLimits(project)
        guard !limits.isEmpty else { return [] }
        // One handle on the table: each `tasks[t]` would copy it (and the record) first.
        let records = tasks
        var result = Set<TaskIndex>()
        // `isOutlier`'s rule, written out: a call with the record copies it (+13% instructions on
        // the task tree's rebuild, callgrind), and the status read in place skips most tasks.
        for t in project.tasks where records[t].status == .completed {
            let task = records[t]
            guard let p = task.processingSeconds, let limit = limits[task.workerOrAgent], p > limit else { continue }
            result.insert(t)
        }
        return result
    }

    /// Each worker's (or agent's) outlier limit in `project`: only `workers` when given.
    public func outlierLimits(_ project: ProjectRecord, workers: Set<StringID>? = nil) -> [StringID: Double] {
        // One handle on the table: each `tasks[t]` would copy it (and the record) first.
        let records = tasks
        var byWorker: [StringID: [Double]] = [:]
        for t in project.tasks where records[t].status == .completed {
            let task = records[t]
            guard let p = task.processingSeconds else { continue }
            let worker = task.workerOrAgent
            if let workers, !workers.contains(worker) { continue }
            byWorker[worker, default: []].append(p)
        }
        var limits: [StringID: Double] = [:]
        for (worker, done) in byWorker where done.count >= 2 {
            let sorted = done.sorted()
            if sorted.count >= 20 {
                // Nearest rank.
                limits[worker] = sorted[Int((0.95 * Double(sorted.count)).rounded(.up)) - 1]
            } else {
                limits[worker] = 3 * sorted.medianOfSorted!
            }
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
