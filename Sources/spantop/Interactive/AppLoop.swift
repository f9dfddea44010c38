import Foundation
import SpanCore
import TUI
import Terminal

/// The one UI loop: merges input, store changes and ticks, reduces actions into the state,
/// and redraws only when something changed, at most ~30 times a second.
final class AppLoop {
    private let store: TraceStore
    private let data: ViewData
    private let feed: SpanFeed
    private let terminal: CursesTerminal
    private let stop: StopFlag
    private var state: AppState
    private var dirty = true
    private var lastDraw = MonotonicInstant(rawValue: 0)
    private var lastSecond = MonotonicInstant(rawValue: 0)
    private var spansAtLastSecond = 0
    private var budgets: BudgetWatch

    static let frameInterval = Nanoseconds.milliseconds(33)

    /// - Parameters:
    ///   - stop: set when the session shuts down (a signal); checked every pass.
    init(
        store: TraceStore, feed: SpanFeed, terminal: CursesTerminal, stop: StopFlag, budget: Budget,
        notices: [String] = []
    ) {
        self.store = store
        self.stop = stop
        budgets = BudgetWatch(budget: budget)
        self.feed = feed
        self.terminal = terminal
        data = ViewData(store: store, clock: { MonotonicClock.now() })
        let size = terminal.size
        // The store, the feed and the app state keep span time as `Timestamp`s (Unix time).
        let wall = WallClock.now()
        state = AppState(width: size.width, height: size.height, feed: feed.status(wall: wall))
        state.now = wall
        state.budget = budget
        if !notices.isEmpty { _ = reduce(&state, .notice(notices.joined(separator: " · ")), data: data) }
    }

    /// Runs until `q` or `stop` is set.
    func run() {
        lastSecond = MonotonicClock.now()
        while !stop.isSet && !state.quitting {
            // Until the next frame is due (zero once it is), in whole milliseconds.
            let untilFrame = Self.frameInterval - (MonotonicClock.now() - lastDraw)
            let wait = dirty ? Int(untilFrame.rawValue / 1_000_000) : 33
            if let event = terminal.read(timeoutMilliseconds: wait) {
                handle(event)
                // Take everything already typed before drawing.
                var more = 0
                while more < 256, let e = terminal.read(timeoutMilliseconds: 0) {
                    handle(e)
                    more += 1
                }
            }
            let wall = WallClock.now()
            if feed.pump(into: store, wall: wall) { dirty = true }
            for notice in feed.takeNotices() { dispatch(.notice(notice)) }
            let mono = MonotonicClock.now()
            if mono - lastSecond >= .seconds(1) { everySecond(mono, wall) }
            if dirty && mono - lastDraw >= Self.frameInterval {
                terminal.draw(render(state, data: data))
                lastDraw = mono
                dirty = false
            }
        }
    }

    private func everySecond(_ mono: MonotonicInstant, _ wall: Timestamp) {
        let seconds = (mono - lastSecond).seconds
        let spans = store.statistics.spans + store.statistics.evictedSpans
        dispatch(.throughput(spansPerSecond: Double(spans - spansAtLastSecond) / seconds))
        spansAtLastSecond = spans
        lastSecond = mono
        dispatch(.tick(now: wall))
        dispatch(.feed(feed.status(wall: wall)))
        var costs: [StringID: Double] = [:]
        for p in store.projects { if let c = p.aggregate.knownCost { costs[p.id] = c } }
        dispatch(.costs(time: state.feed.clock ?? wall, byProject: costs))
        let over = budgets.newlyOver(store)
        if !over.isEmpty {
            terminal.bell()
            let names = over.map { Text.clean(store.string($0.id)) }.joined(separator: ", ")
            dispatch(.notice("over budget: \(names)"))
        }
        // Running tasks' elapsed times and the sparkline move every second.
        dirty = true
    }

    private func handle(_ event: InputEvent) {
        switch event {
        case .key(let key):
            let action =
                state.prompt != nil
                ? KeyBindings.promptAction(for: key) : KeyBindings.action(for: key, in: state.view)
            if let action { dispatch(action) }
        case .click(let x, let y):
            if let action = Layout.action(forClick: x, y: y, in: state) { dispatch(action) }
        case .wheel(_, _, let delta):
            dispatch(.scroll(delta))
        case .resize(let w, let h):
            dispatch(.resize(width: w, height: h))
        }
    }

    private func dispatch(_ action: Action) {
        let before = state
        let effects = reduce(&state, action, data: data)
        if state != before { dirty = true }
        for effect in effects {
            switch effect {
            case .quit: break
            case .exportTrace(let id):
                do {
                    let (path, spans) = try TraceExport.write(id, from: store)
                    dispatch(.notice("exported \(spans) spans to \(path)"))
                } catch {
                    dispatch(.notice("export failed: \(error)"))
                }
            case .replay(let control):
                feed.control(control, store: store, wall: WallClock.now())
                dispatch(.feed(feed.status(wall: WallClock.now())))
                dirty = true
            }
        }
    }
}
