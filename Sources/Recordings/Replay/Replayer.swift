import Foundation
import SpanCore

/// Plays recordings back into a store by their original timestamps.
///
/// A background thread reads the files (one batch per recorded request) into a `ReplayInbox`;
/// the store owner calls `pump` from its loop, which ingests whatever is due. The first frame
/// never waits for the files: loading shows as progress while playback starts.
///
/// Single-owner: everything here belongs to the thread that pumps it (the UI loop). Only the
/// inbox is shared with the loading thread, and all of it is under the inbox's lock.
public final class Replayer {
    private let inbox: ReplayInbox
    /// The next batch to play.
    private var next = 0
    private var clock: ReplayClock
    /// The recording time of the first batch played.
    private var firstTime: Timestamp?
    private let totalBytes: Int?
    /// Told of every batch after it is ingested (the forwarder takes a replay's spans this way).
    public var onIngest: ((SpanBatch) -> Void)?
    /// Batches loaded, and whether loading had finished, when the owner last asked `nextDue`:
    /// a change since then is news.
    private var lastLook = (loaded: 0, finished: false)
    /// Time one `pump` may spend ingesting, so the screen stays responsive at `max` speed.
    public var pumpBudget = Nanoseconds.milliseconds(15)

    /// - Parameters:
    ///   - paths: recordings (OTLP JSON lines, flat span lines, `.gz`, `.pb`).
    ///   - wakeup: signalled whenever the loading thread read more (the owner sleeps on it).
    public init(paths: [String], speed: ReplaySpeed, wakeup: Wakeup = Wakeup()) {
        inbox = ReplayInbox(wakeup: wakeup)
        clock = ReplayClock(speed: speed)
        var total = 0
        var known = true
        for p in paths {
            let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? nil
            if let size, !p.hasSuffix(".gz") { total += size } else { known = false }
        }
        totalBytes = known && total > 0 ? total : nil
        let inbox = self.inbox
        let thread = Thread { inbox.load(paths) }
        thread.name = "spantop-replay-loader"
        thread.start()
    }

    /// Ingests the batches that are due. Returns whether the store changed.
    public func pump(into store: TraceStore, wall: Timestamp) -> Bool {
        let deadline = MonotonicClock.now() + pumpBudget
        var changed = false
        let rejected = inbox.withLock { state in
            defer { state.rejected = 0 }
            return state.rejected
        }
        if rejected > 0 {
            store.noteRejected(rejected)
            changed = true
        }
        while let (batch, time) = peek() {
            guard clock.isDue(time, wall: wall) else { break }
            play(batch, at: time, into: store)
            changed = true
            if MonotonicClock.now() >= deadline { break }
        }
        return changed
    }

    private func peek() -> (SpanBatch, Timestamp)? {
        let i = next
        return inbox.withLock { i < $0.batches.count ? ($0.batches[i], $0.times[i]) : nil }
    }

    /// Ingests the next batch, frees it, and hands it on.
    private func play(_ batch: SpanBatch, at time: Timestamp, into store: TraceStore) {
        if next == 0 { firstTime = time }
        let i = next
        inbox.withLock { $0.batches[i] = SpanBatch() }
        next += 1
        store.ingest(batch)
        onIngest?(batch)
    }

    public func togglePause(wall: Timestamp) { clock.togglePause(wall: wall) }
    public func faster(wall: Timestamp) { clock.setSpeed(clock.speed.faster, wall: wall) }
    public func slower(wall: Timestamp) { clock.setSpeed(clock.speed.slower, wall: wall) }

    /// Ingests exactly one batch, pausing first.
    public func step(into store: TraceStore, wall: Timestamp) {
        if !clock.paused { clock.togglePause(wall: wall) }
        guard let (batch, time) = peek() else { return }
        play(batch, at: time, into: store)
        clock.stepped(to: time, wall: wall)
    }

    /// Messages about skipped lines and unreadable files since the last call.
    public func takeDiagnostics() -> [String] {
        inbox.withLock { state in
            defer { state.diagnostics.removeAll() }
            return state.diagnostics
        }
    }

    /// Whether every file is read and every batch played.
    public var isFinished: Bool {
        let played = next
        return inbox.withLock { $0.finished && played == $0.batches.count }
    }

    public var isLoading: Bool { inbox.withLock { !$0.finished } }

    /// Signalled when the loading thread read more (or finished, or has a message).
    public var wakeup: Wakeup { inbox.wakeup }

    /// The wall time the next loaded batch falls due; nil when paused or none is loaded yet
    /// (then `hasNews` and `wakeup` tell when one is).
    public func nextDue(wall: Timestamp) -> Timestamp? {
        let i = next
        let (loaded, finished, time) = inbox.withLock {
            ($0.batches.count, $0.finished, i < $0.batches.count ? $0.times[i] : nil)
        }
        lastLook = (loaded, finished)
        return time.flatMap { clock.wallTime(due: $0, wall: wall) }
    }

    /// Whether the loading thread added something since `nextDue` looked (the owner's
    /// `hasWork` test before sleeping).
    public var hasNews: Bool {
        let look = lastLook
        return inbox.withLock {
            $0.batches.count != look.loaded || $0.finished != look.finished || !$0.diagnostics.isEmpty
                || $0.rejected > 0
        }
    }

    /// Whether playback still moves by itself: loading, or playing what is left.
    public var isMoving: Bool {
        let (played, paused) = (next, clock.paused)
        return inbox.withLock { !$0.finished || (!paused && played < $0.batches.count) }
    }

    /// Waits until every file is read (tests and benchmarks; the UI never waits).
    public func waitUntilLoaded() {
        while isLoading { wakeup.sleep(timeout: nil) { !isLoading } }
    }

    /// The recording's time now, for live elapsed times.
    public func position(wall: Timestamp) -> Timestamp? { next == 0 ? nil : clock.position(wall: wall) }

    /// "▶ 10× 1,204/5,000  +00:12", "⏸ …" while paused, "done" at the end.
    public func status(wall: Timestamp) -> (replay: String, loading: String?) {
        let (count, done, bytes, spans) = inbox.withLock { ($0.batches.count, $0.finished, $0.bytes, $0.spans) }
        let state = clock.paused ? "⏸" : (done && next == count ? "■" : "▶")
        var text = "\(state) \(clock.speed.label) \(next)/\(count)\(done ? "" : "+")"
        if next > 0, let firstTime {
            let at = clock.speed == .max ? firstTime : clock.position(wall: wall) ?? firstTime
            if at > firstTime { text += " +" + Text.seconds(at.since(firstTime).seconds) }
        }
        var loading: String?
        if !done {
            if let totalBytes, totalBytes > 0 {
                loading = "\(min(99, bytes * 100 / totalBytes))%"
            } else {
                loading = "\(Text.tokens(Int64(spans))) spans"
            }
        }
        return (text, loading)
    }
}

// Owned by one thread: the compiler keeps it from being shared.
@available(*, unavailable)
extension Replayer: Sendable {}
