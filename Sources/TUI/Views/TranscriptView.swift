import SpanCore

/// A task's conversation (`TraceStore.transcript`), a page that scrolls: each message under a
/// role line, delegated runs indented, tool errors in the error style, long texts folded to a
/// few lines until `enter`.
enum TranscriptView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        guard case .transcript(let t, let scroll, let unfolded)? = state.drills.last else { return }
        let store = data.store
        guard store.trace(store.tasks[t].traceID) != nil else {
            Chrome.drawContext(&s, "Conversation")
            s.put("this trace is no longer stored (evicted by --max-spans)", x: 2, y: Layout.detailTop + 1, role: .dim)
            return
        }
        let lines = data.transcriptLines(t, width: Layout.detailTextWidth(s.width), unfolded: unfolded)
        Chrome.drawContext(
            &s, "Conversation › " + Format.taskLabel(store.tasks[t], store, withName: false),
            unfolded ? "enter folds long texts" : "enter unfolds long texts")
        let height = Layout.listHeight(.transcript, height: s.height)
        let top = max(0, min(scroll, lines.count - height))
        for i in 0..<height where top + i < lines.count {
            let line = lines[top + i]
            s.put(line.text, x: 1, y: Layout.detailTop + i, role: line.role)
        }
        if lines.count > height {
            let more = " \(top + 1)–\(min(lines.count, top + height)) of \(lines.count) "
            s.put(more, x: s.width - DisplayWidth.of(more), y: 2, role: .dim)
        }
    }
}
