extension TraceStore {
    /// Completed tasks of a project that took abnormally long for their worker: processing
    /// above the worker's p95 when it has at least 20 completed tasks, else above 3× its median.
    public func outliers(_ project: ProjectRecord) -> Set<TaskIndex> {
        var byWorker: [StringID: [(seconds: Double, task: TaskIndex)]] = [:]
        for t in project.tasks {
            let task = tasks[t]
            guard task.status == .completed, let p = task.processingSeconds else { continue }
            byWorker[task.workerID.isEmpty ? task.agent : task.workerID, default: []].append((p, t))
        }
        var result = Set<TaskIndex>()
        for (_, done) in byWorker where done.count >= 2 {
            let sorted = done.map(\.seconds).sorted()
            let limit: Double
            if sorted.count >= 20 {
                // Nearest rank.
                limit = sorted[Int((0.95 * Double(sorted.count)).rounded(.up)) - 1]
            } else {
                let mid = sorted.count / 2
                limit = 3 * (sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2)
            }
            for d in done where d.seconds > limit { result.insert(d.task) }
        }
        return result
    }
}
