import SpanCore

/// The parts around every view: tabs, global totals, the status line and the key hints.
enum Chrome {
    static func drawTabs(_ s: inout Screen, _ state: AppState) {
        s.fill(x: 0, y: 0, width: s.width, role: .tabInactive)
        s.put(" spantop ", x: 0, y: 0, role: .title)
        for (tab, range) in zip(Tab.allCases, Layout.tabRanges()) {
            s.put(Layout.tabLabel(tab), x: range.lowerBound, y: 0, role: tab == state.tab ? .tabActive : .tabInactive)
        }
        let mode = " \(state.feed.mode.rawValue) "
        let w = DisplayWidth.of(mode)
        if Layout.tabRanges().last!.upperBound + w + 1 <= s.width {
            s.put(mode, x: s.width - w, y: 0, role: .tabActive)
        }
    }

    /// Row 1: totals over every project, spans per second and the throughput sparkline.
    static func drawTotals(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let store = data.store
        var counts = [0, 0, 0, 0]
        var tokens: Int64?
        var cost: Double?
        var estimate = false
        for p in store.projects {
            for status in TaskStatus.allCases { counts[Int(status.rawValue)] += p.aggregate.count(status) }
            if let t = p.aggregate.knownTokens { tokens = (tokens ?? 0) + t }
            if let c = p.aggregate.knownCost {
                cost = (cost ?? 0) + c
                estimate = estimate || p.aggregate.costIsEstimate
            }
        }
        var x = 1
        func item(_ text: String, _ role: Role = .normal) {
            x += s.put(text, x: x, y: 1, role: role)
        }
        item("spans ", .dim)
        item(Format.count(store.statistics.spans))
        item("  tasks ", .dim)
        item(Format.count(counts.reduce(0, +)))
        item(" ")
        item("✓\(counts[Int(TaskStatus.completed.rawValue)])", .statusCompleted)
        item(" ")
        item("▶\(counts[Int(TaskStatus.running.rawValue)])", .statusRunning)
        item(" ")
        item("✗\(counts[Int(TaskStatus.failed.rawValue)])", .statusFailed)
        item(" ")
        item("·\(counts[Int(TaskStatus.pending.rawValue)])", .statusPending)
        item("  tokens ", .dim)
        item(Format.tokens(tokens))
        item("  cost ", .dim)
        item(Format.cost(cost, estimate: estimate))
        let rate = state.throughput.last ?? 0
        let tail = "spans/s \(Format.rate(rate)) "
        let sparkWidth = min(30, s.width - x - DisplayWidth.of(tail) - 3)
        if sparkWidth >= 5 {
            let spark = Format.sparkline(state.throughput, width: sparkWidth)
            let sx = s.width - DisplayWidth.of(spark) - 1
            s.put(spark, x: sx, y: 1, role: .sparkline)
            s.put(tail, x: sx - DisplayWidth.of(tail), y: 1, role: .dim)
        }
    }

    /// Row 2: where the user is, and any filter or search in force.
    static func drawContext(_ s: inout Screen, _ text: String, _ detail: String = "") {
        let w = s.put(" " + text, x: 0, y: 2, role: .accent)
        if !detail.isEmpty { s.put("  " + detail, x: w, y: 2, role: .dim) }
    }

    /// The row before last: receivers, forwarding, recording and replay state.
    static func drawStatusLine(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let y = s.height - 2
        s.fill(x: 0, y: y, width: s.width, role: .statusLine)
        let f = state.feed
        var parts: [String] = []
        parts.append(f.receivers.isEmpty ? "receivers off" : f.receivers.joined(separator: " │ "))
        if f.destinations.isEmpty {
            parts.append("forward off")
        }
        for d in f.destinations {
            var text = "→ \(d.name) \(Format.count(d.sent)) sent"
            if d.queued > 0 { text += " \(Format.count(d.queued)) queued" }
            if d.retrying { text += " retrying" }
            if d.dropped > 0 { text += " \(Format.count(d.dropped)) dropped" }
            if d.failed > 0 { text += " \(Format.count(d.failed)) failed" }
            parts.append(text)
        }
        parts.append("record " + (f.recording ?? "off"))
        if let r = f.replay { parts.append("replay " + r) }
        if let l = f.loading { parts.append("loading " + l) }
        let rejected = data.store.statistics.rejectedSpans
        if rejected > 0 { parts.append("rejected \(Format.count(rejected))") }
        let evicted = data.store.statistics.evictedSpans
        if evicted > 0 { parts.append("evicted \(Format.count(evicted))") }
        if state.view == .overview, data.store.hasUnpricedModels {
            parts.append("no price: " + data.store.unpricedModels.joined(separator: ", "))
        }
        s.put(" " + parts.joined(separator: " · "), x: 0, y: y, role: .statusLine)
    }

    /// The last row: the search prompt, a notice, or hints generated from the key tables.
    static func drawFooter(_ s: inout Screen, _ state: AppState) {
        let y = s.height - 1
        s.fill(x: 0, y: y, width: s.width, role: .footerText)
        if let prompt = state.prompt {
            let label = state.promptTarget == .contentSearch ? " said: " : " / "
            let w = s.put(label, x: 0, y: y, role: .footerKey)
            s.put(Text.clean(prompt) + "▏  enter keep · esc clear", x: w + 1, y: y, role: .normal)
            return
        }
        if let notice = state.notice {
            s.put(" " + notice, x: 0, y: y, role: .warning)
            return
        }
        var x = 0
        let hints = KeyBindings.table(for: state.view).filter(\.hint) + KeyBindings.global.filter(\.hint)
        for b in hints {
            let key = " " + b.keys[0].label + " "
            let need = DisplayWidth.of(key) + DisplayWidth.of(b.description) + 2
            if x + need > s.width { break }
            x += s.put(key, x: x, y: y, role: .footerKey)
            x += s.put(" " + b.description + " ", x: x, y: y, role: .footerText)
        }
    }

    static func drawTooSmall(_ s: inout Screen) {
        let lines = [
            "terminal too small: \(s.width)×\(s.height)",
            "spantop needs at least \(AppState.minimumWidth)×\(AppState.minimumHeight)", "q quits",
        ]
        for (i, line) in lines.enumerated() {
            let y = s.height / 2 - 1 + i
            s.put(line, x: max(0, (s.width - DisplayWidth.of(line)) / 2), y: y, role: i == 0 ? .warning : .normal)
        }
    }

    /// An empty list's explanation, centred in the body.
    static func drawEmpty(_ s: inout Screen, _ text: String) {
        let y = Layout.listTop + 1
        s.put(text, x: max(1, (s.width - DisplayWidth.of(text)) / 2), y: y, role: .dim)
    }
}
