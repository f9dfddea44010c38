extension RunDiff {
    /// A readable diff, worst news first: per project pair the totals side by side with their
    /// deltas, then the tasks that got worse, those that got better, the added ones, and a count
    /// of the unchanged ones.
    /// - Parameter limit: at most this many tasks per section (0: no limit).
    public func table(limit: Int = 20) -> String {
        var out = "spantop diff — \(pairs.count) project pair\(pairs.count == 1 ? "" : "s")\n"
        if !unpairedBefore.isEmpty || !unpairedAfter.isEmpty {
            let list = { (ids: [String]) in ids.isEmpty ? "—" : ids.map { Text.clip($0, 60) }.joined(separator: ", ") }
            out += "not paired: before \(list(unpairedBefore)); after \(list(unpairedAfter))"
            out += " (pair them with --pair BEFORE=AFTER)\n"
        }
        if pairs.isEmpty { out += "\nNo projects to compare.\n" }
        for p in pairs { out += Self.section(p, limit: limit) }
        return out
    }

    private static func section(_ p: Pair, limit: Int) -> String {
        var out = "\n\(Text.clip(p.before, 60)) → \(Text.clip(p.after, 60))\n"
        out += totals(p.beforeTotals, p.afterTotals)

        var worse: [TaskDiff] = []
        var better: [TaskDiff] = []
        var added: [TaskDiff] = []
        var unchanged = 0
        for t in p.tasks {
            if t.changes.isEmpty {
                unchanged += 1
            } else if t.changes.contains(.added) {
                added.append(t)
            } else if Change.worse.contains(where: t.changes.contains) {
                worse.append(t)
            } else {
                better.append(t)
            }
        }
        var rows = [["change", "id", "status", "processing", "cost", "attempts", "description"]]
        var titles: [(row: Int, title: String)] = []
        func add(_ title: String, _ tasks: [TaskDiff]) {
            guard !tasks.isEmpty else { return }
            // The first title goes above the column names.
            titles.append((titles.isEmpty ? 0 : rows.count, "  \(title) (\(tasks.count))"))
            let shown = limit > 0 ? tasks.prefix(limit) : tasks[...]
            rows += shown.map(row)
            if shown.count < tasks.count {
                titles.append((rows.count, "    … and \(tasks.count - shown.count) more (--json lists every task)"))
            }
        }
        add("worse", ordered(worse, by: Change.worse))
        add("better", ordered(better, by: Change.better))
        add("added", added)
        if rows.count > 1 {
            var lines = Text.columns(rows, indent: 4, maxLast: 60).split(separator: "\n").map(String.init)
            for (row, title) in titles.reversed() { lines.insert(title, at: row) }
            out += "\n" + lines.joined(separator: "\n") + "\n"
        }
        if unchanged > 0 { out += "  unchanged: \(unchanged) task\(unchanged == 1 ? "" : "s")\n" }
        return out
    }

    /// Tasks by their first tag in `order`, the biggest change of that kind first, else as they came.
    private static func ordered(_ tasks: [TaskDiff], by order: [Change]) -> [TaskDiff] {
        let keyed = tasks.enumerated().map { i, t -> (rank: Int, size: Double, index: Int, task: TaskDiff) in
            let rank = order.firstIndex(where: t.changes.contains) ?? order.count
            var size = 0.0
            let tag = rank < order.count ? order[rank] : nil
            if tag == .slower || tag == .faster, let b = t.before?.processingSeconds, let a = t.after?.processingSeconds
            {
                size = abs(a - b)
            } else if tag == .costlier || tag == .cheaper, let b = t.before?.cost, let a = t.after?.cost {
                size = abs(a - b)
            }
            return (rank, size, i, t)
        }
        return keyed.sorted { ($0.rank, -$0.size, $0.index) < ($1.rank, -$1.size, $1.index) }.map(\.task)
    }

    private static func row(_ t: TaskDiff) -> [String] {
        var description = t.description
        if let b = t.before, let a = t.after, b.name != a.name { description += " (was: \(b.name))" }
        return [
            t.changes.list.map(\.name).joined(separator: ","),
            t.after?.id ?? t.before?.id ?? "",
            both(t.before?.status.name, t.after?.status.name),
            both(
                t.before.map { Text.seconds($0.processingSeconds) }, t.after.map { Text.seconds($0.processingSeconds) }),
            both(t.before.map { $0.cost.map(Text.usd) ?? "—" }, t.after.map { $0.cost.map(Text.usd) ?? "—" }),
            both(t.before.map { String($0.attempts) }, t.after.map { String($0.attempts) }),
            description,
        ]
    }

    /// `old → new`, one value when they read the same or only one side exists.
    private static func both(_ before: String?, _ after: String?) -> String {
        switch (before, after) {
        case (let b?, let a?): return b == a ? a : "\(b) → \(a)"
        case (let b?, nil): return b
        case (nil, let a?): return a
        case (nil, nil): return "—"
        }
    }

    private static func totals(_ b: Totals, _ a: Totals) -> String {
        func delta<T>(_ x: T?, _ y: T?, _ f: (T, T) -> String) -> String {
            guard let x, let y else { return "—" }
            return f(x, y)
        }
        func signed(_ d: Double, _ format: (Double) -> String) -> String {
            d == 0 ? "0" : (d > 0 ? "+" : "-") + format(abs(d))
        }
        let rows: [[String]] = [
            ["", "before", "after", "delta"],
            ["tasks", String(b.tasks), String(a.tasks), signed(Double(a.tasks - b.tasks)) { String(Int($0)) }],
            ["failed", String(b.failed), String(a.failed), signed(Double(a.failed - b.failed)) { String(Int($0)) }],
            [
                "makespan", Text.seconds(b.makespan), Text.seconds(a.makespan),
                delta(b.makespan, a.makespan) { signed($1 - $0) { Text.seconds($0) } },
            ],
            [
                "tokens", b.tokens.map(Text.tokens) ?? "—", a.tokens.map(Text.tokens) ?? "—",
                delta(b.tokens, a.tokens) { x, y in y == x ? "0" : (y > x ? "+" : "-") + Text.tokens(abs(y - x)) },
            ],
            [
                "cost", b.cost.map(Text.usd) ?? "—", a.cost.map(Text.usd) ?? "—",
                delta(b.cost, a.cost) { signed($1 - $0, Text.usd) },
            ],
            [
                "quality", b.quality.map { Text.fixed($0, 1) } ?? "—", a.quality.map { Text.fixed($0, 1) } ?? "—",
                delta(b.quality, a.quality) { signed($1 - $0) { Text.fixed($0, 1) } },
            ],
        ]
        return Text.columns(rows, indent: 2, maxLast: 20)
    }
}
