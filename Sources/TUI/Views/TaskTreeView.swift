import SpanCore

/// The tasks of one project as a tree, with status, worker, model, attempts, times, tokens,
/// cost and quality.
enum TaskTreeView {
    static let columns = [
        Column(title: "ST", width: 2),
        Column(title: "TASK", width: 22, flexible: true),
        Column(title: "WORKER", width: 16, priority: 60),
        Column(title: "MODEL", width: 14, priority: 30),
        Column(title: "ATT", width: 3, alignRight: true, priority: 50),
        Column(title: "QUEUE", width: 7, alignRight: true, priority: 45),
        Column(title: "PROC", width: 7, alignRight: true, priority: 70),
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 65),
        Column(title: "COST", width: 9, alignRight: true, priority: 55),
        Column(title: "WASTE", width: 6, alignRight: true, priority: 20),
        Column(title: "QUAL", width: 5, alignRight: true, priority: 48),
    ]

    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let tree = state.tasks
        let project = data.taskProject(tree)
        let rows = data.taskRows(tree)
        var detail = "\(rows.count) shown · sort \(tree.sort.title)\(tree.descending ? " ↓" : " ↑")"
        if let f = tree.filter { detail += " · filter \(f.name)" }
        if !tree.search.isEmpty { detail += " · search \"\(tree.search)\"" }
        if !tree.contentSearch.isEmpty {
            if tree.contentSearch.utf8.count < ContentIndex.minimumQuery {
                detail += " · said \"\(tree.contentSearch)\": type \(ContentIndex.minimumQuery)+ characters"
            } else {
                let found = data.contentMatches(tree.contentSearch)
                detail +=
                    " · said \"\(tree.contentSearch)\": \(found.tasks.count) task\(found.tasks.count == 1 ? "" : "s")"
            }
        }
        Chrome.drawContext(&s, "Tasks › " + (project.map { data.store.string($0.id) } ?? "no project"), detail)
        var table = TableLayout(columns, width: s.width - 1)
        if let c = sortColumn(tree.sort), let i = table.placed.firstIndex(where: { $0.index == c }) {
            table.placed[i].column.title += tree.descending ? "↓" : "↑"
        }
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, project == nil ? OverviewView.emptyText(state.feed) : "no task matches")
            return
        }
        let p = tree.position
        let height = Layout.listHeight(.tasks, height: s.height)
        for line in 0..<height where p.top + line < rows.count {
            let row = rows[p.top + line]
            let y = Layout.listTop + line
            draw(row, &s, y, table, state, data)
            if p.top + line == p.selected { s.paint(y: y, role: .selection) }
        }
    }

    /// The column a sort orders by (none for arrival time).
    static func sortColumn(_ sort: TaskSort) -> Int? {
        switch sort {
        case .time: return nil
        case .quality: return 10  // after WASTE, which has no sort of its own
        default: return sort.rawValue - 1
        }
    }

    private static func draw(
        _ row: TaskRow, _ s: inout Screen, _ y: Int, _ table: TableLayout, _ state: AppState, _ data: ViewData
    ) {
        let store = data.store
        let t = store.tasks[row.task]
        table.drawRow(&s, y: y) { column in
            switch column {
            case 0: return (Format.symbol(t.status), Format.role(t.status))
            case 1:
                let fold = row.hasChildren ? (row.isCollapsed ? "▸ " : "▾ ") : "  "
                let mark = (row.critical ? "◆ " : "") + (store.loopCount(row.task) > 0 ? "↻ " : "")
                let label = Format.taskLabel(t, store)
                return (
                    String(repeating: "  ", count: min(row.depth, 12)) + fold + mark + label,
                    row.critical ? .accent : .normal
                )
            case 2:
                let worker = !t.workerID.isEmpty ? data.workerName(t.workerID) : store.optionalString(t.agent)
                return (worker ?? Format.unknown, .dim)
            case 3: return (store.optionalString(t.model) ?? Format.unknown, .dim)
            case 4:
                return (t.attempts > 0 ? String(t.attempts) : Format.unknown, t.failedAttempts > 0 ? .warning : .normal)
            case 5: return (Format.seconds(t.queueSeconds), .normal)
            case 6:
                if t.status == .running, let since = t.runningSince, let clock = state.feed.clock, clock > since {
                    return (Format.seconds(clock.since(since).seconds), .statusRunning)
                }
                if row.outlier { return (Format.processing(t.processingSeconds) + "!", .warning) }
                return (Format.processing(t.processingSeconds), .normal)
            case 7:
                if let r = row.rollup { return (Format.sum(Format.tokens(r.tokens), known: r.tokens != nil), .normal) }
                return (Format.tokens(t.tokens), .normal)
            case 8:
                let cost = row.rollup.map(\.cost) ?? t.cost
                let text = Format.cost(cost, estimate: row.rollup?.costIsEstimate ?? t.costIsEstimate)
                return (
                    row.rollup == nil ? text : Format.sum(text, known: cost != nil),
                    (cost ?? 0) >= 1 ? .costHigh : .normal
                )
            case 9: return (t.wastedSeconds > 0 ? Format.seconds(t.wastedSeconds) : "", .warning)
            default:
                // A parent without a score of its own shows its subtasks' average.
                let subtasks = t.quality == nil ? row.rollup?.subtaskQualityAverage : nil
                let quality = t.quality ?? subtasks
                let role: Role = (quality ?? 100) < 60 ? .warning : .normal
                return (Format.sum(Format.quality(quality), known: subtasks != nil), role)
            }
        }
    }
}
