/// Draws the whole frame for `state`. Pure apart from the caches in `data`: the same state
/// and store give the same screen.
public func render(_ state: AppState, data: ViewData) -> Screen {
    var s = Screen(width: state.width, height: state.height)
    guard !state.isTooSmall else {
        Chrome.drawTooSmall(&s)
        return s
    }
    Chrome.drawTabs(&s, state)
    Chrome.drawTotals(&s, state, data)
    switch state.view {
    case .overview: OverviewView.draw(&s, state, data)
    case .tasks: TaskTreeView.draw(&s, state, data)
    case .workers: WorkersView.draw(&s, state, data)
    case .failures: FailuresView.draw(&s, state, data)
    case .forwarding: ForwardingView.draw(&s, state)
    case .models: ModelsView.draw(&s, state, data)
    case .waterfall: WaterfallView.draw(&s, state, data)
    case .timeline: TimelineView.draw(&s, state, data)
    case .detail: DetailView.draw(&s, state, data)
    case .transcript: TranscriptView.draw(&s, state, data)
    }
    Chrome.drawStatusLine(&s, state, data)
    Chrome.drawFooter(&s, state)
    if state.showHelp { HelpView.draw(&s, state) }
    return s
}
