import Forward
import Recordings
import SpanCore
import TUI

/// Whatever fills the store while the TUI runs: a replay, the demo, the live receivers.
/// Called only from the UI loop's thread, which owns the store.
protocol SpanFeed: AnyObject {
    /// Ingests what is due; returns whether the store changed.
    func pump(into store: TraceStore, wall: Timestamp) -> Bool
    func status(wall: Timestamp) -> FeedStatus
    /// Replay transport keys; other feeds ignore them (the state already said so).
    func control(_ c: ReplayControl, store: TraceStore, wall: Timestamp)
    /// Messages for the footer (skipped lines, errors), since the last call.
    func takeNotices() -> [String]
    /// Signalled from other threads when something arrives for `pump`; the UI loop sleeps on it.
    var wakeup: Wakeup { get }
    /// Whether something waits for `pump` now (checked just before the loop sleeps).
    var hasWork: Bool { get }
    /// The wall time something falls due by the clock (a replayed batch, the demo's next
    /// span); nil when nothing is scheduled.
    func nextDue(wall: Timestamp) -> Timestamp?
    /// Whether the feed moves by itself (loading, playing, the demo): the screen ticks.
    var isMoving: Bool { get }
}

extension SpanFeed {
    func control(_ c: ReplayControl, store: TraceStore, wall: Timestamp) {}
    func takeNotices() -> [String] { [] }
}

/// Plays recordings back (see `Replayer`).
final class ReplayFeed: SpanFeed {
    let replayer: Replayer
    let forwarder: Forwarder?
    /// `replay --api`: queries answered from the store between steps.
    let queries: QueryServer?

    init(
        paths: [String], speed: ReplaySpeed, forwarder: Forwarder?, queries: QueryServer? = nil,
        wakeup: Wakeup = Wakeup()
    ) {
        replayer = Replayer(paths: paths, speed: speed, wakeup: wakeup)
        self.forwarder = forwarder
        self.queries = queries
        if let forwarder { replayer.onIngest = { forwarder.submit($0) } }
    }

    func pump(into store: TraceStore, wall: Timestamp) -> Bool {
        let changed = replayer.pump(into: store, wall: wall)
        queries?.answer(from: store)
        return changed
    }

    func status(wall: Timestamp) -> FeedStatus {
        let (replay, loading) = replayer.status(wall: wall)
        var f = FeedStatus(mode: .replay, replay: replay, loading: loading)
        f.clock = replayer.position(wall: wall)
        f.destinations = forwarder?.destinationStatus ?? []
        return f
    }

    func control(_ c: ReplayControl, store: TraceStore, wall: Timestamp) {
        switch c {
        case .togglePause: replayer.togglePause(wall: wall)
        case .faster: replayer.faster(wall: wall)
        case .slower: replayer.slower(wall: wall)
        case .step: replayer.step(into: store, wall: wall)
        }
    }

    func takeNotices() -> [String] { replayer.takeDiagnostics() }

    var wakeup: Wakeup { replayer.wakeup }

    var hasWork: Bool { replayer.hasNews || !(queries?.desk.isEmpty ?? true) }

    func nextDue(wall: Timestamp) -> Timestamp? { replayer.nextDue(wall: wall) }

    var isMoving: Bool { replayer.isMoving }
}
