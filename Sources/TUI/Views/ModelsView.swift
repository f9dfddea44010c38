import SpanCore

/// Per model, over every project: calls, errors, tokens, cost, call durations, cut-off answers
/// and calls served by another model than asked for; most cost first.
enum ModelsView {
    static let columns: [Column<ModelStat, Never>] = [
        Column(title: "MODEL", width: 16, flexible: true) { m in
            // A model without a price: its tokens cost nothing known, so say why.
            guard let name = m.model else { return ("(no model named)", .dim) }
            return m.unpriced ? (name + " · no price", .warning) : (name, .normal)
        },
        Column(title: "PROVIDER", width: 10, priority: 40) { m in
            m.providers.isEmpty ? (Format.unknown, .dim) : (m.providers.joined(separator: ","), .normal)
        },
        Column(title: "CALLS", width: 6, alignRight: true) { m in (Format.count(m.uses), .normal) },
        Column(title: "ERRORS", width: 6, alignRight: true, priority: 90) { m in
            (String(m.errors), m.errors > 0 ? .statusFailed : .dim)
        },
        Column(title: "IN", width: 7, alignRight: true, priority: 80) { m in (Format.tokens(m.inputTokens), .normal) },
        Column(title: "OUT", width: 7, alignRight: true, priority: 80) { m in
            (Format.tokens(m.outputTokens), .normal)
        },
        // Eigent tasks report a total only: IN and OUT stay unknown, the total does not.
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 85) { m in (Format.tokens(m.tokens), .normal) },
        Column(title: "COST", width: 9, alignRight: true) { m in
            (Format.cost(m.cost, estimate: m.costIsEstimate), m.cost == nil ? .dim : .normal)
        },
        Column(title: "P50", width: 7, alignRight: true, priority: 50) { m in (Format.seconds(m.p50), .normal) },
        Column(title: "P95", width: 7, alignRight: true, priority: 70) { m in (Format.seconds(m.p95), .normal) },
        Column(title: "TRUNC", width: 5, alignRight: true, priority: 65) { m in
            (String(m.truncated), m.truncated > 0 ? .warning : .dim)
        },
        Column(title: "MISMATCH", width: 8, alignRight: true, priority: 60) { m in
            (String(m.mismatches), m.mismatches > 0 ? .warning : .dim)
        },
    ]

    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let rows = data.modelRows()
        let count = "\(rows.count) model\(rows.count == 1 ? "" : "s")"
        Chrome.drawContext(&s, "Models", count + " · a call is a model-call span or an Eigent task with tokens")
        let table = TableLayout(columns, width: s.width - 1)
        table.drawHeader(&s, y: Layout.listTop - 1)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, "no model call seen yet")
            return
        }
        table.drawList(&s, rows, at: state.models, view: .models) { $0 }
    }
}
