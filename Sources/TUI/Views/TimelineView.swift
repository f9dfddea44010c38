import SpanCore

/// A project's tasks on one time axis (a Gantt): queue time light, attempts solid, failed
/// attempts in the failure style, the running one growing; `v` switches to a row per worker.
enum TimelineView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        guard case .timeline(let project, let lanes, let p)? = state.drills.last else { return }
        let store = data.store
        let rows = data.timelineRows(project: project, workerLanes: lanes)
        let title = "Timeline › " + store.string(project) + (lanes ? " · workers" : "")
        guard !rows.isEmpty else {
            Chrome.drawContext(&s, title)
            Chrome.drawEmpty(&s, lanes ? "no attempt has finished yet" : "no tasks")
            return
        }
        let now = state.feed.clock ?? state.now
        // A segment still going is drawn up to now.
        func until(_ seg: TimelineSegment) -> Timestamp { seg.end ?? max(now ?? seg.start, seg.start) }
        var axis: (start: Timestamp, end: Timestamp)?
        for r in rows {
            for seg in r.segments {
                axis = (min(axis?.start ?? seg.start, seg.start), max(axis?.end ?? until(seg), until(seg)))
            }
        }
        // No segments: an empty axis.
        let (start, end) = axis ?? (Timestamp.epoch, Timestamp.epoch)
        let length = end.since(start)
        let critical = rows.filter(\.critical).count
        var detail = "\(rows.count) \(lanes ? "workers" : "tasks") · \(Format.seconds(length.seconds))"
        if critical > 0 { detail += " · ◆ critical path \(critical) task\(critical == 1 ? "" : "s")" }
        Chrome.drawContext(&s, title, detail)

        let nameWidth = min(44, max(18, s.width * 2 / 5))
        let axisX = nameWidth + 1
        let axisWidth = max(1, s.width - axisX - 1)
        let header = Layout.listTop - 1
        s.fill(x: 0, y: header, width: s.width, role: .header)
        s.put(lanes ? "WORKER" : "TASK", x: 0, y: header, role: .header)
        s.put("0", x: axisX, y: header, role: .header)
        let total = length.seconds
        let endLabel = Format.seconds(total)
        s.put(endLabel, x: axisX + axisWidth - DisplayWidth.of(endLabel), y: header, role: .header)
        if axisWidth > 24 {
            let mid = Format.seconds(total / 2)
            s.put(mid, x: axisX + axisWidth / 2 - DisplayWidth.of(mid) / 2, y: header, role: .header)
        }

        let scale = end > start ? Double(axisWidth) / Double(length.rawValue) : 0
        let height = Layout.listHeight(.timeline, height: s.height)
        for line in 0..<height where p.top + line < rows.count {
            let row = rows[p.top + line]
            let y = Layout.listTop + line
            s.put(label(row, data), x: 0, y: y, width: nameWidth, role: row.critical ? .accent : .normal)
            // Queue first, so attempts drawn after it stay visible where they touch.
            for seg in row.segments.sorted(by: { ($0.kind == .queued ? 0 : 1) < ($1.kind == .queued ? 0 : 1) }) {
                let from = Int(Double(seg.start.since(start).rawValue) * scale)
                let to = Int(Double(max(until(seg), seg.start).since(start).rawValue) * scale)
                let x0 = min(axisWidth - 1, max(0, from))
                let width = max(1, min(axisWidth - x0, to - from))
                let (glyph, role) = style(seg.kind)
                s.put(String(repeating: glyph, count: width), x: axisX + x0, y: y, role: role)
            }
            if p.top + line == p.selected { s.paint(y: y, width: nameWidth, role: .selection) }
        }
    }

    /// Glyphs rather than colour alone, so the kinds show in every theme and in text captures.
    static func style(_ kind: TimelineSegment.Kind) -> (String, Role) {
        switch kind {
        case .queued: return ("░", .dim)
        case .attempt: return ("█", .bar)
        case .failedAttempt: return ("▓", .barError)
        case .running: return ("▒", .statusRunning)
        }
    }

    private static func label(_ row: TimelineRow, _ data: ViewData) -> String {
        let store = data.store
        if let worker = row.worker { return data.workerName(worker) }
        guard let t = row.task else { return "" }
        let task = store.tasks[t]
        return (row.critical ? "◆ " : "  ") + Format.symbol(task.status) + " " + Format.taskLabel(task, store)
    }
}
