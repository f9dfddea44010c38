import SpanCore

/// The search prompt: what it types into, and finding the text on a conversation page.
extension AppState {
    mutating func startSearch(_ target: PromptTarget) {
        promptTarget = target
        switch target {
        case .taskSearch: prompt = tasks.search
        case .contentSearch: prompt = tasks.contentSearch
        case .transcriptSearch:
            guard case .transcript(let page)? = drills.last else { return }
            prompt = page.search
        }
    }

    /// The prompt's text changed to `text`: narrow the task tree, or jump to the first match.
    mutating func typed(_ text: String, _ data: ViewData) {
        prompt = text
        switch promptTarget {
        case .taskSearch:
            tasks.search = text
            tasks.position = ListPosition()
        case .contentSearch:
            tasks.contentSearch = text
            tasks.position = ListPosition()
        case .transcriptSearch:
            guard case .transcript(var page)? = drills.last else { return }
            page.search = text
            // Folded texts would hide matches.
            if !text.isEmpty { page.unfolded = true }
            drills[drills.count - 1] = .transcript(page)
            findInTranscript(data, from: 0, forward: true)
        }
    }

    /// Scrolls the conversation so the next line with its search text (`from` lines past the
    /// first shown) sits near the top; says so when there is none.
    mutating func findInTranscript(_ data: ViewData, from offset: Int, forward: Bool) {
        guard case .transcript(var page)? = drills.last, !page.search.isEmpty else { return }
        let lines = data.transcriptLines(page, width: Layout.detailTextWidth(width))
        let hits = lines.indices.filter { ViewData.lineMatches(lines[$0].text, page.search) }
        guard !hits.isEmpty else {
            say("\"\(page.search)\" is not in this conversation")
            return
        }
        let margin = 2
        let anchor = page.scroll + margin
        let next =
            forward
            ? hits.first { $0 >= anchor + offset } ?? hits[0]
            : hits.last { $0 < anchor } ?? hits[hits.count - 1]
        page.scroll = max(0, next - margin)
        drills[drills.count - 1] = .transcript(page)
        let n = hits.firstIndex(of: next)! + 1
        say("match \(n) of \(hits.count)")
    }
}
