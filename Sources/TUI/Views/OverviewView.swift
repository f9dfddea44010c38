import SpanCore

/// One row per project: status bar, done/total, running, failed, tokens, cost, quality, elapsed.
enum OverviewView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let rows = data.projectRows()
        Chrome.drawContext(&s, "Projects", "\(rows.count) project\(rows.count == 1 ? "" : "s") · enter opens one")
        // Sized to every project's name, not just the visible ones, so scrolling keeps the layout.
        let all = rows.lazy.map { Cells(project: data.store.projects[$0], state: state, data: data) }
        let table = TableLayout(columns, width: s.width - 1, rows: all)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, emptyText(state.feed))
            return
        }
        let p = state.overview
        table.drawList(&s, rows, at: p, view: .overview) { i in
            Cells(project: data.store.projects[i], state: state, data: data)
        } styled: { s, y, cells in
            if state.budget.isExceeded(by: cells.project.aggregate) { s.paint(y: y, role: .error) }
            table.drawOverlays(&s, y: y, cells)
        }
    }

    static func name(_ project: ProjectRecord, _ store: TraceStore) -> (text: String, role: Role) {
        // Only totals are left of a project whose tasks were all evicted.
        if project.isSummary { return (store.string(project.id) + " (evicted)", .dim) }
        return (store.string(project.id), .normal)
    }

    static func emptyText(_ feed: FeedStatus) -> String {
        switch feed.mode {
        case .live: return "waiting for spans: point an OTLP exporter at the receivers below"
        case .replay, .file: return "no spans loaded yet"
        case .demo: return "the demo workforce is starting…"
        }
    }

    /// Completed, failed, running and pending as one small bar; distinct glyphs keep it
    /// readable without colour.
    static func drawStatusBar(_ s: inout Screen, _ a: Aggregate, x: Int, y: Int, width: Int) {
        let total = a.total
        guard total > 0, width > 0 else { return }
        let parts: [(TaskStatus, String)] = [(.completed, "█"), (.failed, "▓"), (.running, "▒"), (.pending, "░")]
        var cells = parts.map { Int((Double(a.count($0.0)) / Double(total) * Double(width)).rounded(.down)) }
        // Any status present gets at least one cell; rounding leftovers go to the largest.
        for i in parts.indices where a.count(parts[i].0) > 0 && cells[i] == 0 { cells[i] = 1 }
        while cells.reduce(0, +) > width, let i = cells.indices.max(by: { cells[$0] < cells[$1] }) { cells[i] -= 1 }
        if cells.reduce(0, +) < width, let i = cells.indices.max(by: { cells[$0] < cells[$1] }) {
            cells[i] += width - cells.reduce(0, +)
        }
        var cx = x
        for (i, (status, glyph)) in parts.enumerated() where cells[i] > 0 {
            cx += s.put(String(repeating: glyph, count: cells[i]), x: cx, y: y, role: Format.role(status))
        }
    }

    static func elapsed(_ project: ProjectRecord, _ state: AppState) -> String {
        guard let firstSeen = project.firstSeen, var end = project.lastSeen else { return Format.unknown }
        if project.aggregate.count(.running) > 0, let clock = state.feed.clock, clock > end { end = clock }
        return Format.seconds(end.since(firstSeen).seconds)
    }
}
