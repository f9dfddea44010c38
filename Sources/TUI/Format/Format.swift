import SpanCore

/// Short, fixed-width friendly formatting for table cells. Unknown values are "—".
enum Format {
    static let unknown = "—"

    static func seconds(_ v: Double?) -> String { Text.seconds(v) }

    /// A task's processing time; zero means it never ran, which is not "0ms".
    static func processing(_ v: Double?) -> String { seconds(v) }

    static func tokens(_ usage: TokenUsage) -> String { usage.seen ? Text.tokens(usage.total) : unknown }

    static func tokens(_ n: Int64?) -> String { n.map(Text.tokens) ?? unknown }

    static func cost(_ v: Double?, estimate: Bool = false) -> String {
        guard let v else { return unknown }
        return (estimate ? "~" : "") + Text.usd(v)
    }

    /// A value summed over a subtree, marked Σ (unknown stays a bare "—").
    static func sum(_ text: String, known: Bool) -> String { known ? "Σ" + text : text }

    static func quality(_ v: Double?) -> String { v.map { Text.fixed($0, 1) } ?? unknown }

    static func percent(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }

    /// 12,345
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 10_000 { return Text.fixed(perSecond / 1000, 0) + "k" }
        if perSecond >= 1000 { return Text.fixed(perSecond / 1000, 1) + "k" }
        return Text.fixed(perSecond, 0)
    }

    /// Time of day (UTC): "14:03:05"; unknown for nil and for a wire time left unset.
    static func clock(_ time: Timestamp?) -> String {
        guard let time = time?.ifSet else { return unknown }
        let s = Int(time.since(.epoch).wholeSeconds) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    static func symbol(_ status: TaskStatus) -> String {
        switch status {
        case .pending: return "·"
        case .running: return "▶"
        case .completed: return "✓"
        case .failed: return "✗"
        }
    }

    static func role(_ status: TaskStatus) -> Role {
        switch status {
        case .pending: return .statusPending
        case .running: return .statusRunning
        case .completed: return .statusCompleted
        case .failed: return .statusFailed
        }
    }

    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` samples as a sparkline scaled to their maximum.
    static func sparkline(_ samples: [Double], width: Int) -> String {
        let recent = samples.suffix(width)
        let top = recent.max() ?? 0
        guard top > 0 else { return String(repeating: "▁", count: recent.count) }
        return String(recent.map { sparks[min(7, Int(($0 / top) * 7.999))] })
    }
}

extension Text {
    /// `s` cleaned of control characters and cut to `columns` display columns, ending in `…`
    /// when cut.
    public static func fit(_ s: String, _ columns: Int) -> String {
        guard columns > 0 else { return "" }
        var width = 0
        var out = String.UnicodeScalarView()
        var cut = false
        var scalars = s.unicodeScalars.makeIterator()
        while let u = scalars.next() {
            let w = DisplayWidth.of(u) ?? 1
            if width + w > columns {
                cut = true
                break
            }
            out.append(DisplayWidth.of(u) == nil ? (u == "\n" || u == "\t" ? " " : "\u{FFFD}") : u)
            width += w
        }
        guard cut else { return String(out) }
        // Make room for the ellipsis.
        while width > columns - 1, let last = out.popLast() { width -= DisplayWidth.of(last) ?? 1 }
        out.append("…")
        return String(out)
    }
}

extension Format {
    /// One loop as a line: `↻ check_status ×4 {"job_id":"42"} · 812 tokens wasted`.
    static func loop(_ l: LoopStat) -> String {
        var line = "↻ " + (l.tool.map { "\($0) ×\(l.calls)" } ?? "same model request ×\(l.calls)")
        if let tool = l.tool, tool.isEmpty == false, let args = l.arguments { line += " " + args }
        if let t = l.wastedTokens { line += " · \(Text.tokens(t)) tokens wasted" }
        if let c = l.wastedCost { line += " (\(cost(c)))" }
        return line
    }
}

extension Format {
    /// How a task is named in lists: an Eigent task by its id (`…-9343.2`, the description
    /// after it); a trace's or agent run's by its name, then the first 8 hex digits of its id.
    static func taskLabel(_ t: TaskRecord, _ store: TraceStore, withName: Bool = true) -> String {
        if t.source == .eigent || t.name.isEmpty {
            return store.string(t.id) + (withName && !t.name.isEmpty ? " " + store.string(t.name) : "")
        }
        return store.string(t.name) + " " + String(store.string(t.id).prefix(8))
    }
}
