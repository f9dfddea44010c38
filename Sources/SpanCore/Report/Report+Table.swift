extension Report {
    /// A readable summary per project: tasks by status, tokens, cost, quality, the slowest
    /// tasks and the failed ones with their errors.
    public func table(slowest: Int = 5) -> String {
        var out = "spantop report — \(spans) spans in \(traces) traces"
        var notes: [String] = []
        if rejectedSpans > 0 { notes.append("\(rejectedSpans) rejected") }
        if duplicateSpans > 0 { notes.append("\(duplicateSpans) duplicates ignored") }
        if evictedSpans > 0 { notes.append("\(evictedSpans) evicted") }
        if droppedProjects > 0 { notes.append("\(droppedProjects) project summaries dropped") }
        if content.droppedTraces > 0 {
            notes.append("message text of \(content.droppedTraces) traces dropped for the content budget")
        }
        if !content.kept { notes.append("message text not kept (--no-content)") }
        if !notes.isEmpty { out += " (" + notes.joined(separator: ", ") + ")" }
        out += "\n"
        if projects.isEmpty { out += "\nNo tasks found.\n" }
        if !unpricedModels.isEmpty {
            out += "No price for \(unpricedModels.map(Text.clean).joined(separator: ", ")) (see `spantop prices`)\n"
        }
        for p in projects {
            out += "\nProject \(Text.clean(p.id))"
            if p.evicted {
                out += " (evicted: totals only)\n"
            } else {
                out += p.evictedTasks > 0 ? " (\(p.evictedTasks) tasks evicted, counted in the totals)\n" : "\n"
            }
            let counts = TaskStatus.allCases.map { "\(p.counts[$0] ?? 0) \($0.name)" }.joined(separator: ", ")
            out += "  tasks    \(p.total): \(counts)\n"
            let cost = p.cost.map { (p.costIsEstimate ? "~" : "") + Text.usd($0) } ?? "—"
            let quality = p.qualityAverage.map { Text.fixed($0, 1) } ?? "—"
            out += "  tokens   \(p.tokens.map(Text.tokens) ?? "—")   cost \(cost)   quality \(quality)"
            out += p.overBudget ? "   OVER BUDGET\n" : "\n"
            if let path = p.criticalPath {
                let ids = path.taskIDs.map(Text.clean)
                let shown = ids.count > 6 ? ids.prefix(3) + ["…"] + ids.suffix(2) : ids[...]
                out += "  critical path  \(ids.count) task\(ids.count == 1 ? "" : "s"), \(Text.seconds(path.seconds)): "
                out += shown.joined(separator: " → ") + "\n"
            }
            if p.waste.seconds > 0 || p.etaSeconds != nil {
                var parts: [String] = []
                if p.waste.seconds > 0 {
                    var w = "retries wasted \(Text.seconds(p.waste.seconds))"
                    if let t = p.waste.tokens { w += ", \(Text.tokens(t)) tokens" }
                    if let c = p.waste.cost { w += ", ~\(Text.usd(c))" }
                    parts.append(w)
                }
                if let eta = p.etaSeconds { parts.append("ETA ~\(Text.seconds(eta))") }
                out += "  " + parts.joined(separator: "   ") + "\n"
            }
            out += "  queue    p50 \(Text.seconds(p.queueP50))  p95 \(Text.seconds(p.queueP95))"
            out += "   processing p50 \(Text.seconds(p.processingP50))  p95 \(Text.seconds(p.processingP95))\n"
            let slow = p.tasks.filter { $0.processingSeconds != nil }
                .sorted { $0.processingSeconds! > $1.processingSeconds! }.prefix(slowest)
            if !slow.isEmpty {
                out += "  slowest tasks\n"
                var rows = [["id", "status", "processing", "attempts", "tokens", "quality", "name"]]
                for t in slow {
                    rows.append([
                        t.id, t.status.name + (t.outlier ? " (outlier)" : ""), Text.seconds(t.processingSeconds),
                        String(t.attempts),
                        t.tokens.map(Text.tokens) ?? "—", t.quality.map { Text.fixed($0, 0) } ?? "—", t.name,
                    ])
                }
                out += Text.columns(rows, indent: 4, maxLast: 60)
            }
            let failed = p.tasks.filter { $0.status == .failed }
            if !failed.isEmpty {
                out += "  failed tasks\n"
                for t in failed {
                    out += "    \(Text.clean(t.id))  attempts \(t.attempts)  \(Text.clip(t.name, 60))\n"
                    out += "      error: \(Text.clip(t.error ?? "(no message)", 200))\n"
                }
            }
        }
        return out
    }

    /// Failed tasks with their errors and the `log.message` lines about them (`--failed`).
    public func failures() -> String {
        var out = ""
        var any = false
        for p in projects {
            let failed = p.tasks.filter { $0.status == .failed }
            guard !failed.isEmpty else { continue }
            any = true
            out += "Project \(Text.clean(p.id)): \(failed.count) failed task\(failed.count == 1 ? "" : "s")\n"
            for t in failed {
                out += "\n  \(Text.clean(t.id))  \(Text.clip(t.name, 70))\n"
                out +=
                    "    worker   \(Text.clean(t.agent ?? t.workerID ?? "—"))   attempts \(t.attempts) (\(t.failedAttempts) failed)\n"
                out += "    error    \(Text.clip(t.error ?? "(no message)", 300))\n"
                let related = p.logs.filter { $0.taskID == t.id }
                for l in related {
                    out += "    log      [\(Text.clean(l.level ?? "?"))] \(Text.clip(l.message, 300))\n"
                }
            }
            let unlinked = p.logs.filter { log in log.taskID == nil || !p.tasks.contains { $0.id == log.taskID } }
            if !unlinked.isEmpty {
                out += "\n  project log lines\n"
                for l in unlinked { out += "    [\(Text.clean(l.level ?? "?"))] \(Text.clip(l.message, 300))\n" }
            }
            out += "\n"
        }
        return any ? out : "No failed tasks.\n"
    }
}

/// Formatting helpers for plain-text output. Span text is untrusted: `clean` removes control
/// characters and escape sequences before anything is printed.
public enum Text {
    public static func clean(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) {
                out.unicodeScalars.append(u == "\n" || u == "\t" ? " " : "\u{FFFD}")
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    public static func clip(_ s: String, _ max: Int) -> String {
        let c = clean(s)
        return c.count <= max ? c : String(c.prefix(max - 1)) + "…"
    }

    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        if decimals == 0 { return String(Int64(r)) }
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let have = s.distance(from: dot, to: s.endIndex) - 1
            if have < decimals { s += String(repeating: "0", count: decimals - have) }
        }
        return s
    }

    public static func seconds(_ v: Double?) -> String {
        // Durations come from span attributes: negative, infinite or absurd ones are data errors.
        guard let v, v.isFinite, v >= 0 else { return "—" }
        if v >= 360_000_000 { return ">100000h" }
        if v < 1 { return "\(Int((v * 1000).rounded()))ms" }
        if v < 60 { return fixed(v, 1) + "s" }
        if v < 3600 { return "\(Int(v) / 60)m\(String(format2(Int(v) % 60)))s" }
        return "\(Int(v) / 3600)h\(format2(Int(v) % 3600 / 60))m"
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public static func tokens(_ n: Int64) -> String {
        if n >= 1_000_000 { return fixed(Double(n) / 1e6, 1) + "M" }
        if n >= 10_000 { return fixed(Double(n) / 1e3, 1) + "k" }
        return String(n)
    }

    public static func usd(_ v: Double) -> String { "$" + fixed(v, v < 1 ? 4 : 2) }

    /// A price as the data gives it: `10`, `2.5`, `0.075` (at most 6 decimals).
    public static func price(_ v: Double) -> String {
        var s = fixed(v, 6)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `2025-12-11` for days since 1970-01-01.
    public static func date(epochDay: Int64) -> String {
        // Howard Hinnant's civil_from_days.
        let z = epochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return "\(y)-\(format2(Int(m)))-\(format2(Int(d)))"
    }

    /// Left-aligned columns; the last column is clipped to `maxLast` characters.
    public static func columns(_ rows: [[String]], indent: Int, maxLast: Int) -> String {
        let cleaned = rows.map { row in
            row.enumerated().map { $0.offset == row.count - 1 ? clip($0.element, maxLast) : clean($0.element) }
        }
        var widths = [Int](repeating: 0, count: cleaned.first?.count ?? 0)
        for row in cleaned { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for row in cleaned {
            out += String(repeating: " ", count: indent)
            for (i, c) in row.enumerated() {
                out += c
                if i < row.count - 1 { out += String(repeating: " ", count: widths[i] - c.count + 2) }
            }
            out += "\n"
        }
        return out
    }
}
