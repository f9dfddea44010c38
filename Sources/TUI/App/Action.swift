import SpanCore

/// Replay transport requests, carried out by whoever feeds the store.
public enum ReplayControl: Equatable, Sendable {
    case togglePause, faster, slower, step
}

/// Everything that changes the app state.
public enum Action: Equatable, Sendable {
    // Moving in a list or a scrolled page.
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case select(row: Int)
    case scroll(Int)
    // Navigation.
    case open, back, nextTab, previousTab
    case showTab(Tab)
    case openTrace
    case toggleHelp
    // Task tree.
    case collapse, expand
    case cycleSort, reverseSort, cycleFilter, startSearch
    /// Task tree: a click on a column's title; the sorted column's title turns the order around.
    case sort(by: TaskSort)
    /// Task tree: which tasks' conversations contain a text.
    case startContentSearch
    /// Conversation page: the next (or previous) line with the searched text.
    case nextMatch(forward: Bool)
    // Timeline.
    case toggleLanes
    /// Workers tab: workers and agents ↔ tools.
    case toggleTools
    /// The selected task's conversation (tasks, failures, waterfall).
    case openTranscript
    // The search prompt.
    case promptInput(Character), promptBackspace, promptCommit, promptCancel
    // Effects handled outside.
    case exportTrace
    case replay(ReplayControl)
    case quit
    // From the loop.
    case resize(width: Int, height: Int)
    case tick(now: Timestamp)
    case throughput(spansPerSecond: Double)
    /// Each project's known cost now (feed clock), for burn rates.
    case costs(time: Timestamp, byProject: [StringID: Double])
    case feed(FeedStatus)
    case notice(String)
}

/// Work the loop must do after a reduce: the state itself never performs I/O.
public enum Effect: Equatable, Sendable {
    case quit
    case exportTrace(TraceID)
    case replay(ReplayControl)
}
