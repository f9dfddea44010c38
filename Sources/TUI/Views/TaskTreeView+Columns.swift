import SpanCore

extension TaskTreeView {
    /// What a task row's cells are drawn from.
    struct Cells {
        var row: TaskRow
        var task: TaskRecord
        let data: ViewData
        /// The feed's clock, for a running task's time so far.
        let clock: Timestamp?
    }

    static let columns: [Column<Cells, TaskSort>] = [
        Column(title: "ST", width: 2, sort: .status) { c in
            (Format.symbol(c.task.status), Format.role(c.task.status))
        },
        Column(title: "TASK", width: 22, flexible: true, sort: .id) { c in
            let store = c.data.store
            let fold = c.row.hasChildren ? (c.row.isCollapsed ? "▸ " : "▾ ") : "  "
            let mark = (c.row.critical ? "◆ " : "") + (store.loopCount(c.row.task) > 0 ? "↻ " : "")
            let label = Format.taskLabel(c.task, store)
            return (
                String(repeating: "  ", count: min(c.row.depth, 12)) + fold + mark + label,
                c.row.critical ? .accent : .normal
            )
        },
        Column(title: "WORKER", width: 16, priority: 60, sort: .worker) { c in
            let t = c.task
            let worker = !t.workerID.isEmpty ? c.data.workerName(t.workerID) : c.data.store.optionalString(t.agent)
            return (worker ?? Format.unknown, .dim)
        },
        Column(title: "MODEL", width: 14, priority: 30, sort: .model) { c in
            (c.data.store.optionalString(c.task.model) ?? Format.unknown, .dim)
        },
        Column(title: "ATT", width: 3, alignRight: true, priority: 50, sort: .attempts) { c in
            let t = c.task
            return (t.attempts > 0 ? String(t.attempts) : Format.unknown, t.failedAttempts > 0 ? .warning : .normal)
        },
        Column(title: "QUEUE", width: 7, alignRight: true, priority: 45, sort: .queue) { c in
            (Format.seconds(c.task.queueSeconds), .normal)
        },
        Column(title: "PROC", width: 7, alignRight: true, priority: 70, sort: .processing) { c in
            let t = c.task
            if t.status == .running, let since = t.runningSince, let clock = c.clock, clock > since {
                return (Format.seconds(clock.since(since).seconds), .statusRunning)
            }
            if c.row.outlier { return (Format.processing(t.processingSeconds) + "!", .warning) }
            return (Format.processing(t.processingSeconds), .normal)
        },
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 65, sort: .tokens) { c in
            if let r = c.row.rollup { return (Format.sum(Format.tokens(r.tokens), known: r.tokens != nil), .normal) }
            return (Format.tokens(c.task.tokens), .normal)
        },
        Column(title: "COST", width: 9, alignRight: true, priority: 55, sort: .cost) { c in
            let rollup = c.row.rollup
            let cost = rollup.map(\.cost) ?? c.task.cost
            let text = Format.cost(cost, estimate: rollup?.costIsEstimate ?? c.task.costIsEstimate)
            return (rollup == nil ? text : Format.sum(text, known: cost != nil), (cost ?? 0) >= 1 ? .costHigh : .normal)
        },
        Column(title: "WASTE", width: 6, alignRight: true, priority: 20) { c in
            (c.task.wastedSeconds > 0 ? Format.seconds(c.task.wastedSeconds) : "", .warning)
        },
        Column(title: "QUAL", width: 5, alignRight: true, priority: 48, sort: .quality) { c in
            // A parent without a score of its own shows its subtasks' average.
            let subtasks = c.task.quality == nil ? c.row.rollup?.subtaskQualityAverage : nil
            let quality = c.task.quality ?? subtasks
            let role: Role = (quality ?? 100) < 60 ? .warning : .normal
            return (Format.sum(Format.quality(quality), known: subtasks != nil), role)
        },
    ]
}
