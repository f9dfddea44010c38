import SpanCore

extension ViewData {
    /// Every failed attempt and every failed task without one, newest first.
    public func failureRows() -> [FailureRow] {
        cached(&failureCache, key: 0) { buildFailureRows() }
    }

    private func buildFailureRows() -> [FailureRow] {
        let tasks = store.tasks
        var rows: [FailureRow] = []
        // Failed attempts so far per task, by slot; numbered per project (a task moved between
        // projects leaves its earlier attempts behind), so each project's counts are reset.
        var seen = [Int32](repeating: 0, count: tasks.count)
        for p in store.projects {
            defer { for f in p.failedAttempts { seen[f.task.position] = 0 } }
            for f in p.failedAttempts.sorted(by: { $0.time < $1.time }) {
                seen[f.task.position] += 1
                rows.append(
                    FailureRow(
                        task: f.task, time: f.time, error: f.error, worker: f.worker, spanID: f.spanID,
                        attempt: Int(seen[f.task.position])))
            }
            for t in p.tasks where tasks[t].status == .failed {
                let task = tasks[t]
                guard task.failedAttempts == 0 else { continue }
                rows.append(
                    FailureRow(
                        task: t, time: task.sortTime, error: task.error,
                        worker: task.workerOrAgent, spanID: 0, attempt: 0))
            }
        }
        return newestFirst(rows)
    }

    /// `rows` by time then task, both descending; rows alike keep their order. The sort moves
    /// small integer keys, not the rows.
    private func newestFirst(_ rows: [FailureRow]) -> [FailureRow] {
        // An unknown time sorts after every known one (`TimeOrder`), then by task.
        var keys = rows.indices.map { i in
            let known = rows[i].time
            let time = known?.rawValue ?? .max
            let rest = UInt64(known == nil ? 1 : 0) << 32 | UInt64(rows[i].task.rawValue)
            return (time: time, rest: rest, row: UInt32(i))
        }
        keys.sort { a, b in a.time != b.time ? a.time > b.time : a.rest != b.rest ? a.rest > b.rest : a.row < b.row }
        return keys.map { rows[Int($0.row)] }
    }
}
