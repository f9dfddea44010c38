import SpanCore

/// Per worker or agent: outcomes, queue and processing times, tokens, cost and cost per task,
/// quality and utilisation (busy time over the session's span of time).
enum WorkersView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        if state.showTools {
            drawTools(&s, state, data)
            return
        }
        let rows = data.workerRows()
        Chrome.drawContext(&s, "Workers", "\(rows.count) worker\(rows.count == 1 ? "" : "s") or agents")
        let table = TableLayout(columns, width: s.width - 1)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, "no worker or agent seen yet")
            return
        }
        let wall = sessionSeconds(data.store)
        table.drawList(&s, rows, at: state.workers, view: .workers) { id in
            Cells(worker: id, aggregate: data.store.workerAggregates[id] ?? Aggregate(), data: data, wall: wall)
        }
    }

    /// Every tool the agents called or were offered: calls, errors, p95 duration, and how many
    /// model calls offered it (a tool offered but never called shows 0 calls).
    static func drawTools(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let rows = data.toolRows()
        Chrome.drawContext(
            &s, "Workers › tools", "\(rows.count) tool\(rows.count == 1 ? "" : "s") · t: workers and agents")
        let table = TableLayout(toolColumns, width: s.width - 1)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, "no tool call seen yet")
            return
        }
        table.drawList(&s, rows, at: state.workers, view: .workers) { $0 }
    }

    /// Seconds from the first span seen to the last.
    static func sessionSeconds(_ store: TraceStore) -> Double? {
        var first: Timestamp?
        var last: Timestamp?
        for p in store.projects {
            if let f = p.firstSeen { first = min(first ?? f, f) }
            if let l = p.lastSeen { last = max(last ?? l, l) }
        }
        guard let first, let last, last > first else { return nil }
        return last.since(first).seconds
    }
}
