import SpanCore

/// One row per project: status bar, done/total, running, failed, tokens, cost, quality, elapsed.
enum OverviewView {
    static let columns = [
        Column(title: "PROJECT", width: 14, fitsContent: true),
        Column(title: "STATUS", width: 12, priority: 60),
        Column(title: "DONE/TOTAL", width: 11, alignRight: true),
        Column(title: "RUN", width: 5, alignRight: true, priority: 80),
        Column(title: "FAIL", width: 5, alignRight: true, priority: 90),
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 70),
        Column(title: "COST", width: 9, alignRight: true, priority: 75),
        Column(title: "WASTE", width: 6, alignRight: true, priority: 30),
        Column(title: "QUAL", width: 5, alignRight: true, priority: 50),
        Column(title: "ELAPSED", width: 8, alignRight: true, priority: 40),
        Column(title: "BURN/MIN", width: 8, alignRight: true, priority: 35),
        Column(title: "ETA", width: 6, alignRight: true, priority: 45),
    ]

    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let rows = data.projectRows()
        Chrome.drawContext(&s, "Projects", "\(rows.count) project\(rows.count == 1 ? "" : "s") · enter opens one")
        // Sized to every project's name, not just the visible ones, so scrolling keeps the layout.
        let names = rows.map { DisplayWidth.of(name(data.store.projects[$0], data.store).text) }
        let table = TableLayout(columns, width: s.width - 1, contentWidths: names.max().map { [0: $0] } ?? [:])
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, emptyText(state.feed))
            return
        }
        let p = state.overview
        let height = Layout.listHeight(.overview, height: s.height)
        for line in 0..<height where p.top + line < rows.count {
            let project = data.store.projects[rows[p.top + line]]
            let y = Layout.listTop + line
            let a = project.aggregate
            table.drawRow(&s, y: y) { column in
                switch column {
                case 0: return name(project, data.store)
                case 1: return ("", .normal)
                case 2: return ("\(a.count(.completed))/\(a.total)", .normal)
                case 3: return (String(a.count(.running)), a.count(.running) > 0 ? .statusRunning : .dim)
                case 4: return (String(a.count(.failed)), a.count(.failed) > 0 ? .statusFailed : .dim)
                case 5: return (Format.tokens(a.knownTokens), .normal)
                case 6: return (Format.cost(a.knownCost, estimate: a.costIsEstimate), .normal)
                case 7: return (a.wastedSeconds > 0 ? Format.seconds(a.wastedSeconds) : "", .warning)
                case 8: return (Format.quality(a.qualityAverage), .normal)
                case 9: return (elapsed(project, state), .normal)
                case 10:
                    // Only while it runs: a finished project burns nothing.
                    let running = a.count(.running) + a.count(.pending) > 0 && !project.isSummary
                    return (running ? state.burnRate(project.id).map { Format.cost($0) } ?? "" : "", .normal)
                default:
                    return (
                        data.eta(project.id, now: state.feed.clock ?? state.now).map { "~" + Format.seconds($0) } ?? "",
                        .normal
                    )
                }
            }
            if state.budget.isExceeded(by: a) { s.paint(y: y, role: .error) }
            if let bar = table.placed.first(where: { $0.index == 1 }) {
                drawStatusBar(&s, a, x: bar.x, y: y, width: bar.width)
            }
            if p.top + line == p.selected { s.paint(y: y, role: .selection) }
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
