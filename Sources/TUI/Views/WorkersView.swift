import SpanCore

/// Per worker or agent: outcomes, queue and processing times, tokens, cost, quality and
/// utilisation (busy time over the session's span of time).
enum WorkersView {
    static let columns = [
        Column(title: "WORKER", width: 16, flexible: true),
        Column(title: "DONE", width: 5, alignRight: true),
        Column(title: "FAIL", width: 5, alignRight: true, priority: 95),
        Column(title: "RUN", width: 4, alignRight: true, priority: 85),
        Column(title: "Q AVG", width: 7, alignRight: true, priority: 50),
        Column(title: "Q P95", width: 7, alignRight: true, priority: 40),
        Column(title: "P AVG", width: 7, alignRight: true, priority: 70),
        Column(title: "P P95", width: 7, alignRight: true, priority: 60),
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 65),
        Column(title: "COST", width: 9, alignRight: true, priority: 55),
        Column(title: "WASTE", width: 6, alignRight: true, priority: 35),
        Column(title: "QUAL", width: 5, alignRight: true, priority: 45),
        Column(title: "UTIL", width: 5, alignRight: true, priority: 58),
    ]

    static let toolColumns = [
        Column(title: "TOOL", width: 20, flexible: true),
        Column(title: "CALLS", width: 6, alignRight: true),
        Column(title: "ERRORS", width: 6, alignRight: true, priority: 90),
        Column(title: "P95", width: 7, alignRight: true, priority: 70),
        Column(title: "OFFERED", width: 7, alignRight: true, priority: 60),
    ]

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
        let p = state.workers
        let height = Layout.listHeight(.workers, height: s.height)
        for line in 0..<height where p.top + line < rows.count {
            let id = rows[p.top + line]
            let a = data.store.workerAggregates[id] ?? Aggregate()
            let y = Layout.listTop + line
            table.drawRow(&s, y: y) { column in
                switch column {
                case 0: return (data.workerName(id), .normal)
                case 1: return (String(a.count(.completed)), .normal)
                case 2: return (String(a.count(.failed)), a.count(.failed) > 0 ? .statusFailed : .dim)
                case 3: return (String(a.count(.running)), a.count(.running) > 0 ? .statusRunning : .dim)
                case 4: return (Format.seconds(a.queue.mean), .normal)
                case 5: return (Format.seconds(a.queue.percentile(0.95)), .normal)
                case 6: return (Format.seconds(a.processing.mean), .normal)
                case 7: return (Format.seconds(a.processing.percentile(0.95)), .normal)
                case 8: return (Format.tokens(a.knownTokens), .normal)
                case 9: return (Format.cost(a.knownCost, estimate: a.costIsEstimate), .normal)
                case 10: return (a.wastedSeconds > 0 ? Format.seconds(a.wastedSeconds) : "", .warning)
                case 11: return (Format.quality(a.qualityAverage), .normal)
                default:
                    guard let wall, wall > 0, a.processing.count > 0 else { return (Format.unknown, .dim) }
                    return (Format.percent(min(1, a.processing.sum / wall)), .normal)
                }
            }
            if p.top + line == p.selected { s.paint(y: y, role: .selection) }
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
        let p = state.workers
        let height = Layout.listHeight(.workers, height: s.height)
        for line in 0..<height where p.top + line < rows.count {
            let tool = rows[p.top + line]
            let y = Layout.listTop + line
            table.drawRow(&s, y: y) { column in
                switch column {
                case 0: return (tool.name, .normal)
                case 1: return (String(tool.calls), tool.calls > 0 ? .normal : .dim)
                case 2: return (String(tool.errors), tool.errors > 0 ? .statusFailed : .dim)
                case 3: return (Format.seconds(tool.p95), .normal)
                default: return (tool.offered > 0 ? String(tool.offered) : Format.unknown, .dim)
                }
            }
            if p.top + line == p.selected { s.paint(y: y, role: .selection) }
        }
    }

    /// Seconds from the first span seen to the last.
    static func sessionSeconds(_ store: TraceStore) -> Double? {
        var first = UInt64.max
        var last: UInt64 = 0
        for p in store.projects where p.firstSeen != nil {
            first = min(first, p.firstSeen?.rawValue ?? .max)
            last = max(last, p.lastSeen?.rawValue ?? 0)
        }
        guard first != .max, last > first else { return nil }
        return Double(last - first) / 1e9
    }
}
