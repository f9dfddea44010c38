import SpanCore

/// Every failed attempt and failed task, newest first; the pane below shows the selected
/// one's error in full and the log lines that name its task.
enum FailuresView {
    /// What a failure row's cells are drawn from.
    struct Cells {
        var failure: FailureRow
        var task: TaskRecord
        let data: ViewData
    }

    static let columns: [Column<Cells, Never>] = [
        Column(title: "TIME", width: 8, priority: 40) { c in (Format.clock(c.failure.time), .dim) },
        Column(title: "TASK", width: 24) { c in (Format.taskLabel(c.task, c.data.store, withName: false), .normal) },
        Column(title: "ATTEMPT", width: 11, priority: 60) { c in
            let f = c.failure
            return (attemptText(f, c.task), f.attempt > 0 && f.attempt == c.task.attempts ? .statusFailed : .warning)
        },
        Column(title: "WORKER", width: 16, priority: 50) { c in
            (!c.failure.worker.isEmpty ? c.data.workerName(c.failure.worker) : Format.unknown, .dim)
        },
        Column(title: "ERROR", width: 20, flexible: true) { c in
            (!c.failure.error.isEmpty ? c.data.store.string(c.failure.error) : "(no error text)", .error)
        },
    ]

    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let rows = data.failureRows()
        Chrome.drawContext(&s, "Failures", "\(rows.count) failed attempt\(rows.count == 1 ? "" : "s") · newest first")
        let table = TableLayout(columns, width: s.width - 1)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, "no failures")
            return
        }
        let store = data.store
        let p = state.failures
        table.drawList(&s, rows, at: p, view: .failures) { f in
            Cells(failure: f, task: store.tasks[f.task], data: data)
        }
        if p.selected < rows.count { drawPane(&s, rows[p.selected], data) }
    }

    /// "2/3 failed", or "1/2 retried" when a later attempt exists.
    static func attemptText(_ f: FailureRow, _ task: TaskRecord) -> String {
        guard f.attempt > 0 else { return "task" }
        return "\(f.attempt)/\(task.attempts)" + (f.attempt < task.attempts ? " retried" : "")
    }

    private static func drawPane(_ s: inout Screen, _ f: FailureRow, _ data: ViewData) {
        let store = data.store
        let task = store.tasks[f.task]
        let top = s.height - 2 - Layout.failurePaneHeight(s.height) - 1
        s.fill(x: 0, y: top, width: s.width, role: .header)
        let name = !task.name.isEmpty ? " — " + store.string(task.name) : ""
        s.put(" \(store.string(task.id))\(name)", x: 0, y: top, role: .header)
        var lines: [(String, Role)] = []
        let status = "status \(task.status.name) · attempts \(task.attempts) · failed \(task.failedAttempts)"
        lines.append((status, Format.role(task.status)))
        let error = !f.error.isEmpty ? store.string(f.error) : "(no error text)"
        for l in Wrap.lines(error, width: s.width - 2) { lines.append((l, .error)) }
        for loop in store.loops(of: f.task) {
            lines.append((Format.loop(loop), .warning))
        }
        let logs = data.logs(mentioning: f.task)
        for log in logs.suffix(10) {
            let level = !log.level.isEmpty ? store.string(log.level) : "log"
            for l in Wrap.lines("\(Format.clock(log.time)) [\(level)] \(store.string(log.message))", width: s.width - 2)
            {
                lines.append((l, .dim))
            }
        }
        for (i, (text, role)) in lines.prefix(Layout.failurePaneHeight(s.height)).enumerated() {
            s.put(text, x: 1, y: top + 1 + i, role: role)
        }
    }
}
