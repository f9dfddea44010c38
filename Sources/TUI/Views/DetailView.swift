import SpanCore

/// Everything about one span (`SpanDetail`), a page that scrolls.
enum DetailView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        guard case .detail(let traceID, let spanID, let scroll)? = state.drills.last else { return }
        guard let record = data.spanRecord(traceID, span: spanID) else {
            Chrome.drawContext(&s, "Span detail")
            s.put("this span is no longer stored (evicted by --max-spans)", x: 2, y: Layout.detailTop + 1, role: .dim)
            return
        }
        Chrome.drawContext(&s, "Span › " + record.name, "e exports the trace")
        let lines = SpanDetail.lines(record, width: Layout.detailTextWidth(s.width))
        let height = Layout.listHeight(.detail, height: s.height)
        let top = max(0, min(scroll, lines.count - height))
        for i in 0..<height where top + i < lines.count {
            let (text, role) = lines[top + i]
            s.put(text, x: 1, y: Layout.detailTop + i, role: role)
        }
        if lines.count > height {
            let more = " \(top + 1)–\(min(lines.count, top + height)) of \(lines.count) "
            s.put(more, x: s.width - DisplayWidth.of(more), y: 2, role: .dim)
        }
    }
}
