import SpanCore

extension WorkersView {
    /// What a worker row's cells are drawn from.
    struct Cells {
        var worker: StringID
        var aggregate: Aggregate
        let data: ViewData
        /// Seconds the session has spanned so far, for utilisation.
        let wall: Double?
    }

    static let columns: [Column<Cells, Never>] = [
        Column(title: "WORKER", width: 16, flexible: true) { c in (c.data.workerName(c.worker), .normal) },
        Column(title: "DONE", width: 5, alignRight: true) { c in (String(c.aggregate.count(.completed)), .normal) },
        Column(title: "FAIL", width: 5, alignRight: true, priority: 95) { c in
            let failed = c.aggregate.count(.failed)
            return (String(failed), failed > 0 ? .statusFailed : .dim)
        },
        Column(title: "RUN", width: 4, alignRight: true, priority: 85) { c in
            let running = c.aggregate.count(.running)
            return (String(running), running > 0 ? .statusRunning : .dim)
        },
        Column(title: "Q AVG", width: 7, alignRight: true, priority: 50) { c in
            (Format.seconds(c.aggregate.queue.mean), .normal)
        },
        Column(title: "Q P95", width: 7, alignRight: true, priority: 40) { c in
            (Format.seconds(c.aggregate.queue.percentile(0.95)), .normal)
        },
        Column(title: "P AVG", width: 7, alignRight: true, priority: 70) { c in
            (Format.seconds(c.aggregate.processing.mean), .normal)
        },
        Column(title: "P P95", width: 7, alignRight: true, priority: 60) { c in
            (Format.seconds(c.aggregate.processing.percentile(0.95)), .normal)
        },
        Column(title: "TOKENS", width: 7, alignRight: true, priority: 65) { c in
            (Format.tokens(c.aggregate.knownTokens), .normal)
        },
        Column(title: "COST", width: 9, alignRight: true, priority: 55) { c in
            (Format.cost(c.aggregate.knownCost, estimate: c.aggregate.costIsEstimate), .normal)
        },
        // Which agent is dear per piece of work, whatever its volume; over the tasks with a known
        // cost only, so unpriced tasks do not make a worker look cheap. Narrow screens drop it first.
        Column(title: "COST/TASK", width: 9, alignRight: true, priority: 30) { c in
            let a = c.aggregate
            return (Format.cost(a.knownCost.map { $0 / Double(a.costedTasks) }, estimate: a.costIsEstimate), .normal)
        },
        Column(title: "WASTE", width: 6, alignRight: true, priority: 35) { c in
            (c.aggregate.wastedSeconds > 0 ? Format.seconds(c.aggregate.wastedSeconds) : "", .warning)
        },
        Column(title: "QUAL", width: 5, alignRight: true, priority: 45) { c in
            (Format.quality(c.aggregate.qualityAverage), .normal)
        },
        Column(title: "UTIL", width: 5, alignRight: true, priority: 58) { c in
            guard let wall = c.wall, wall > 0, c.aggregate.processing.count > 0 else { return (Format.unknown, .dim) }
            return (Format.percent(min(1, c.aggregate.processing.sum / wall)), .normal)
        },
    ]

    static let toolColumns: [Column<ToolStat, Never>] = [
        Column(title: "TOOL", width: 20, flexible: true) { tool in (tool.name, .normal) },
        Column(title: "CALLS", width: 6, alignRight: true) { tool in
            (String(tool.calls), tool.calls > 0 ? .normal : .dim)
        },
        Column(title: "ERRORS", width: 6, alignRight: true, priority: 90) { tool in
            (String(tool.errors), tool.errors > 0 ? .statusFailed : .dim)
        },
        Column(title: "P95", width: 7, alignRight: true, priority: 70) { tool in (Format.seconds(tool.p95), .normal) },
        Column(title: "OFFERED", width: 7, alignRight: true, priority: 60) { tool in
            (tool.offered > 0 ? String(tool.offered) : Format.unknown, .dim)
        },
    ]
}
