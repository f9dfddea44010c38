import SpanCore

/// The spans of a task or trace on a time axis scaled to the screen width.
enum WaterfallView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        guard case .waterfall(let target, let p)? = state.drills.last else { return }
        let store = data.store
        let (trace, rows) = data.waterfallRows(target)
        let title: String
        switch target {
        case .task(let t): title = "Waterfall › task " + store.string(store.tasks[t].id)
        case .trace(let id): title = "Waterfall › trace " + id.hex
        }
        guard let trace, !rows.isEmpty else {
            Chrome.drawContext(&s, title)
            Chrome.drawEmpty(&s, trace == nil ? "this trace is no longer stored (evicted by --max-spans)" : "no spans")
            return
        }
        let first = trace.spans[rows[0].span]
        var (start, end) = (first.startTime, first.latestTime)
        var errors = 0
        for r in rows {
            let span = trace.spans[r.span]
            start = min(start, span.startTime)
            end = max(end, span.latestTime)
            if span.statusCode == StatusCode.error { errors += 1 }
        }
        let length = end.since(start)
        let total = length.seconds
        var detail = "\(rows.count) spans · \(Format.seconds(total))" + (errors > 0 ? " · \(errors) failed" : "")
        if case .task(let t) = target {
            // An evaluated run: its score and the evaluator's label.
            if store.isAgentRun(t), let q = store.tasks[t].quality {
                detail += " · quality " + Format.quality(q) + (store.evaluationLabel(t).map { " (\($0))" } ?? "")
            }
            for loop in store.loops(of: t) { detail += " · " + Format.loop(loop) }
        }
        Chrome.drawContext(&s, title, detail)

        let nameWidth = min(48, max(20, s.width * 2 / 5))
        let durationWidth = 8
        let axisX = nameWidth + durationWidth + 2
        let axisWidth = max(1, s.width - axisX - 1)
        let header = Layout.listTop - 1
        s.fill(x: 0, y: header, width: s.width, role: .header)
        s.put("SPAN", x: 0, y: header, role: .header)
        s.put("DURATION", x: nameWidth + 1, y: header, width: durationWidth, role: .header, alignRight: true)
        s.put("0", x: axisX, y: header, role: .header)
        let endLabel = Format.seconds(total)
        s.put(endLabel, x: axisX + axisWidth - DisplayWidth.of(endLabel), y: header, role: .header)
        if axisWidth > 24 {
            let mid = Format.seconds(total / 2)
            s.put(mid, x: axisX + axisWidth / 2 - DisplayWidth.of(mid) / 2, y: header, role: .header)
        }

        let height = Layout.listHeight(.waterfall, height: s.height)
        let scale = end > start ? Double(axisWidth) / Double(length.rawValue) : 0
        for line in 0..<height where p.top + line < rows.count {
            let row = rows[p.top + line]
            let span = trace.spans[row.span]
            let y = Layout.listTop + line
            let failed = span.statusCode == StatusCode.error
            let indent = String(repeating: " ", count: min(row.depth, 16))
            let name = indent + (failed ? "✗ " : row.critical ? "◆ " : "") + store.string(span.name)
            s.put(name, x: 0, y: y, width: nameWidth, role: failed ? .statusFailed : row.critical ? .accent : .normal)
            let duration = span.endTime >= span.startTime ? Format.seconds(span.durationSeconds) : Format.unknown
            s.put(duration, x: nameWidth + 1, y: y, width: durationWidth, role: .dim, alignRight: true)
            let from = Int(Double(span.startTime.since(start).rawValue) * scale)
            let to = Int(Double(span.latestTime.since(start).rawValue) * scale)
            let x0 = min(axisWidth - 1, max(0, from))
            let width = max(1, min(axisWidth - x0, to - from))
            // Glyphs rather than background colour, so bars show in every theme and in text captures.
            let glyph = width == 1 ? (failed ? "✗" : "│") : (failed ? "▓" : "█")
            s.put(String(repeating: glyph, count: width), x: axisX + x0, y: y, role: failed ? .barError : .bar)
            if p.top + line == p.selected { s.paint(y: y, width: axisX, role: .selection) }
        }
    }
}
