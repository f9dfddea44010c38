/// Where spans are forwarded: per destination, sent, queued, retrying, dropped, failed and the
/// last error.
enum ForwardingView {
    static let columns = [
        Column(title: "DESTINATION", width: 12),
        Column(title: "ENDPOINT", width: 20, flexible: true),
        Column(title: "SENT", width: 8, alignRight: true),
        Column(title: "QUEUED", width: 7, alignRight: true, priority: 80),
        Column(title: "STATE", width: 9, priority: 90),
        Column(title: "DROPPED", width: 8, alignRight: true, priority: 85),
        Column(title: "FAILED", width: 7, alignRight: true, priority: 84),
    ]

    static func draw(_ s: inout Screen, _ state: AppState) {
        let rows = state.feed.destinations
        Chrome.drawContext(
            &s, "Forwarding", rows.isEmpty ? "off" : "\(rows.count) destination\(rows.count == 1 ? "" : "s")")
        let table = TableLayout(columns, width: s.width - 1)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            let help = [
                "Forwarding is off.",
                "--forward-langfuse          to Langfuse (LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY, LANGFUSE_BASE_URL)",
                "--forward URL               to any OTLP/HTTP endpoint (a Collector, Jaeger, Tempo)",
                "--forward-otel              where OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT points",
                "--redact                    strip prompts, outputs and descriptions from what leaves",
            ]
            for (i, line) in help.enumerated() {
                s.put(line, x: 2, y: Layout.listTop + 1 + i, role: i == 0 ? .normal : .dim)
            }
            return
        }
        let p = state.forwarding
        var y = Layout.listTop
        for (i, d) in rows.enumerated() {
            table.drawRow(&s, y: y) { column in
                switch column {
                case 0: return (d.name, .accent)
                case 1: return (d.endpoint, .dim)
                case 2: return (Format.count(d.sent), .normal)
                case 3: return (Format.count(d.queued), .normal)
                case 4:
                    return d.retrying
                        ? ("retrying", .warning)
                        : (d.lastError == nil ? "ok" : "error", d.lastError == nil ? .statusCompleted : .error)
                case 5: return (Format.count(d.dropped), d.dropped > 0 ? .warning : .dim)
                default: return (Format.count(d.failed), d.failed > 0 ? .statusFailed : .dim)
                }
            }
            if i == p.selected { s.paint(y: y, role: .selection) }
            y += 1
            if let error = d.lastError {
                for line in Wrap.lines("last error: " + error, width: s.width - 4).prefix(3) where y < s.height - 2 {
                    s.put(line, x: 2, y: y, role: .error)
                    y += 1
                }
            }
            if y >= s.height - 2 { break }
        }
    }
}
