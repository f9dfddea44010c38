/// Where spans are forwarded: per destination, sent, queued, retrying, dropped, failed and the
/// last error.
enum ForwardingView {
    static let columns: [Column<DestinationStatus, Never>] = [
        Column(title: "DESTINATION", width: 12) { d in (d.name, .accent) },
        Column(title: "ENDPOINT", width: 20, flexible: true) { d in (d.endpoint, .dim) },
        Column(title: "SENT", width: 8, alignRight: true) { d in (Format.count(d.sent), .normal) },
        Column(title: "QUEUED", width: 7, alignRight: true, priority: 80) { d in (Format.count(d.queued), .normal) },
        Column(title: "STATE", width: 9, priority: 90) { d in
            d.retrying
                ? ("retrying", .warning)
                : (d.lastError == nil ? "ok" : "error", d.lastError == nil ? .statusCompleted : .error)
        },
        Column(title: "DROPPED", width: 8, alignRight: true, priority: 85) { d in
            (Format.count(d.dropped), d.dropped > 0 ? .warning : .dim)
        },
        Column(title: "FAILED", width: 7, alignRight: true, priority: 84) { d in
            (Format.count(d.failed), d.failed > 0 ? .statusFailed : .dim)
        },
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
            table.drawRow(&s, y: y, d)
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
