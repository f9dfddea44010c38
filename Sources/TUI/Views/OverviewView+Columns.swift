import SpanCore

extension OverviewView {
    /// What a project row's cells are drawn from.
    struct Cells {
        var project: ProjectRecord
        let state: AppState
        let data: ViewData
    }

    static let columns: [Column<Cells, Never>] = [
        Column(title: "PROJECT", width: 14, fitsContent: true) { name($0.project, $0.data.store) },
        Column(title: "STATUS", width: 12, priority: 60) { _ in
            ("", .normal)
        } overlay: { s, c, x, y, width in
            drawStatusBar(&s, c.project.aggregate, x: x, y: y, width: width)
        },
        Column(title: "DONE/TOTAL", width: 11, alignRight: true) { c in
            let a = c.project.aggregate
            return ("\(a.count(.completed))/\(a.total)", .normal)
        },
        Column(title: "RUN", width: 5, alignRight: true, priority: 80) { c in
            let running = c.project.aggregate.count(.running)
            return (String(running), running > 0 ? .statusRunning : .dim)
        },
        Column(title: "FAIL", width: 5, alignRight: true, priority: 90) { c in
            let failed = c.project.aggregate.count(.failed)
            return (String(failed), failed > 0 ? .statusFailed : .dim)
        },
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 70) { c in
            (Format.tokens(c.project.aggregate.knownTokens), .normal)
        },
        Column(title: "COST", width: 9, alignRight: true, priority: 75) { c in
            let a = c.project.aggregate
            return (Format.cost(a.knownCost, estimate: a.costIsEstimate), .normal)
        },
        Column(title: "WASTE", width: 6, alignRight: true, priority: 30) { c in
            let wasted = c.project.aggregate.wastedSeconds
            return (wasted > 0 ? Format.seconds(wasted) : "", .warning)
        },
        Column(title: "QUAL", width: 5, alignRight: true, priority: 50) { c in
            (Format.quality(c.project.aggregate.qualityAverage), .normal)
        },
        Column(title: "ELAPSED", width: 8, alignRight: true, priority: 40) { c in
            (elapsed(c.project, c.state), .normal)
        },
        Column(title: "BURN/MIN", width: 8, alignRight: true, priority: 35) { c in
            // Only while it runs: a finished project burns nothing.
            let a = c.project.aggregate
            let running = a.count(.running) + a.count(.pending) > 0 && !c.project.isSummary
            return (running ? c.state.burnRate(c.project.id).map { Format.cost($0) } ?? "" : "", .normal)
        },
        Column(title: "ETA", width: 6, alignRight: true, priority: 45) { c in
            let eta = c.data.eta(c.project.id, now: c.state.feed.clock ?? c.state.now)
            return (eta.map { "~" + Format.seconds($0) } ?? "", .normal)
        },
    ]
}
