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
    /// Spans stored per second (the throughput sparkline).
    private var spanRate = RateMeter()
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
    ///
    /// Between passes the loop sleeps until a key (or a resize), until the feed has something
    /// (a request, a query, a loaded batch), or until a time it asked for: the next frame when
    /// a change waits to be drawn, the feed's next due item, and the one-second tick while
    /// something on screen moves. Idle and quiet, it does not wake at all.
    func run() {
        let wakeup = feed.wakeup
        stop.wakes(wakeup)
        terminal.wakeOnResize(wakeup.descriptor)
        lastSecond = MonotonicClock.now()
        spanRate = RateMeter(count: storedSpans, at: lastSecond)
        while !stop.isSet && !state.quitting {
            readInput()
            let wall = WallClock.now()
            if feed.pump(into: store, wall: wall) { dirty = true }
            for notice in feed.takeNotices() { dispatch(.notice(notice)) }
            let mono = MonotonicClock.now()
            let ticking = needsTick
            if ticking && mono - lastSecond >= .seconds(1) { everySecond(mono, wall) }
            if dirty && mono - lastDraw >= Self.frameInterval {
                terminal.draw(render(state, data: data))
                lastDraw = mono
                dirty = false
            }
            if stop.isSet || state.quitting { break }
            var timeout: Nanoseconds?
            func soonest(_ t: Nanoseconds) { timeout = min(timeout ?? t, t) }
            if dirty { soonest(Self.frameInterval - (mono - lastDraw)) }
            if ticking { soonest(.seconds(1) - (mono - lastSecond)) }
            if let due = feed.nextDue(wall: wall) { soonest(due.since(wall)) }
            if timeout == .zero { continue }
            let feed = self.feed
            wakeup.sleep(timeout: timeout, also: [terminal.inputDescriptor]) { feed.hasWork }
        }
    }

    /// Handles every key, click and resize already waiting, without blocking.
    private func readInput() {
        var taken = 0
        while taken < 256, let event = terminal.read(timeoutMilliseconds: 0) {
            handle(event)
            taken += 1
        }
    }

    /// Spans taken in so far (evicted ones included).
    private var storedSpans: Int { store.statistics.spans + store.statistics.evictedSpans }

    /// Whether the screen changes by itself each second: a task runs (elapsed times), spans
    /// arrived or stopped arriving (the rate), or the feed moves (a replay, the demo).
    private var needsTick: Bool {
        if feed.isMoving || spanRate.perSecond > 0 { return true }
        if storedSpans != spanRate.lastCount { return true }
        return store.projects.contains { $0.aggregate.count(.running) > 0 }
    }

    private func everySecond(_ mono: MonotonicInstant, _ wall: Timestamp) {
        dispatch(.throughput(spansPerSecond: spanRate.note(storedSpans, at: mono)))
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
