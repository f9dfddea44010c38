import SpanCore

/// A conversation (`TraceStore.transcript`), a page that scrolls: each message under a role
/// line, delegated runs indented, tool errors in the error style, long texts folded to a few
/// lines until `enter`, lines with the searched text (`/`) marked.
enum TranscriptView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        guard case .transcript(let page)? = state.drills.last else { return }
        let store = data.store
        let title: String
        switch page.subject {
        case .task(let t):
            guard store.trace(store.tasks[t].traceID) != nil else { return drawGone(&s) }
            title = "Conversation › " + Format.taskLabel(store.tasks[t], store, withName: false)
        case .call(let trace, let span):
            guard let record = store.trace(trace), let i = record.index(of: SpanID(span)) else {
                return drawGone(&s)
            }
            title = "Conversation › model call " + Text.clean(store.string(record.spans[i].name))
        }
        let lines = data.transcriptLines(page, width: Layout.detailTextWidth(s.width))
        var hint = page.unfolded ? "enter folds long texts" : "enter unfolds long texts"
        if !page.search.isEmpty { hint = "\"\(Text.clean(page.search))\" · n next · N previous" }
        Chrome.drawContext(&s, title, hint)
        let height = Layout.listHeight(.transcript, height: s.height)
        let top = max(0, min(page.scroll, lines.count - height))
        for i in 0..<height where top + i < lines.count {
            let line = lines[top + i]
            let hit = ViewData.lineMatches(line.text, page.search)
            s.put(line.text, x: 1, y: Layout.detailTop + i, role: hit ? .match : line.role)
            if hit { s.put("›", x: 0, y: Layout.detailTop + i, role: .accent) }
        }
        if lines.count > height {
            let more = " \(top + 1)–\(min(lines.count, top + height)) of \(lines.count) "
            s.put(more, x: s.width - DisplayWidth.of(more), y: 2, role: .dim)
        }
    }

    private static func drawGone(_ s: inout Screen) {
        Chrome.drawContext(&s, "Conversation")
        s.put("this trace is no longer stored (evicted by --max-spans)", x: 2, y: Layout.detailTop + 1, role: .dim)
    }
}
