import Foundation
import SpanCore

/// Plays recordings back into a store by their original timestamps.
///
/// A background thread reads the files (one batch per recorded request); the store owner
/// calls `pump` from its loop, which ingests whatever is due. The first frame never waits
/// for the files: loading shows as progress while playback starts.
public final class Replayer: @unchecked Sendable {
    private let lock = NSLock()
    // Shared with the loading thread, under `lock`.
    private var loaded: [SpanBatch] = []
    private var loadedTimes: [UInt64] = []
    private var loadedSpans = 0
    private var loadedBytes = 0
    private var rejectedSpans = 0
    private var finishedLoading = false
    private var diagnostics: [String] = []

    // Owned by the pumping thread.
    private var next = 0
    private var clock: ReplayClock
    private var firstTime: UInt64 = 0
    private let totalBytes: Int?
    /// Told of every batch after it is ingested (the forwarder takes a replay's spans this way).
    public var onIngest: ((SpanBatch) -> Void)?
    /// Time one `pump` may spend ingesting, so the screen stays responsive at `max` speed.
    public var pumpBudget: UInt64 = 15_000_000

    /// - Parameters:
    ///   - paths: recordings (OTLP JSON lines, flat span lines, `.gz`, `.pb`).
    public init(paths: [String], speed: ReplaySpeed) {
        clock = ReplayClock(speed: speed)
        var total = 0
        var known = true
        for p in paths {
            let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? nil
            if let size, !p.hasSuffix(".gz") { total += size } else { known = false }
        }
        totalBytes = known && total > 0 ? total : nil
        let thread = Thread { [self] in self.load(paths) }
        thread.name = "spantop-replay-loader"
        thread.start()
    }

    private func load(_ paths: [String]) {
        let loader = RecordingLoader(
            batchSpans: 1,
            diagnostics: { [self] message in
                lock.withLock { diagnostics.append(message) }
            },
            rejected: { [self] n in lock.withLock { rejectedSpans += n } },
            deliver: { [self] batch in
                var latest: UInt64 = 0
                for s in batch.spans { latest = max(latest, max(s.endTime, s.startTime)) }
                lock.withLock {
                    loaded.append(batch)
                    loadedTimes.append(latest)
                    loadedSpans += batch.spans.count
                }
            })
        for path in paths {
            do {
                try loader.load(path: path)
            } catch {
                lock.withLock { diagnostics.append(error.description) }
            }
            lock.withLock { loadedBytes = loader.summary.bytes }
        }
        lock.withLock { finishedLoading = true }
    }

    /// Ingests the batches that are due. Returns whether the store changed.
    public func pump(into store: TraceStore, wall: UInt64) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + pumpBudget
        var changed = false
        let rejected = lock.withLock { () -> Int in
            defer { rejectedSpans = 0 }
            return rejectedSpans
        }
        if rejected > 0 {
            store.noteRejected(rejected)
            changed = true
        }
        while let (batch, time) = peek() {
            guard clock.isDue(time, wall: wall) else { break }
            play(batch, at: time, into: store)
            changed = true
            if DispatchTime.now().uptimeNanoseconds >= deadline { break }
        }
        return changed
    }

    private func peek() -> (SpanBatch, UInt64)? {
        lock.withLock { next < loaded.count ? (loaded[next], loadedTimes[next]) : nil }
    }

    /// Ingests the next batch, frees it, and hands it on.
    private func play(_ batch: SpanBatch, at time: UInt64, into store: TraceStore) {
        if next == 0 { firstTime = time }
        lock.withLock {
            loaded[next] = SpanBatch()
            next += 1
        }
        store.ingest(batch)
        onIngest?(batch)
    }

    public func togglePause(wall: UInt64) { clock.togglePause(wall: wall) }
    public func faster(wall: UInt64) { clock.setSpeed(clock.speed.faster, wall: wall) }
    public func slower(wall: UInt64) { clock.setSpeed(clock.speed.slower, wall: wall) }

    /// Ingests exactly one batch, pausing first.
    public func step(into store: TraceStore, wall: UInt64) {
        if !clock.paused { clock.togglePause(wall: wall) }
        guard let (batch, time) = peek() else { return }
        play(batch, at: time, into: store)
        clock.stepped(to: time, wall: wall)
    }

    /// Messages about skipped lines and unreadable files since the last call.
    public func takeDiagnostics() -> [String] {
        lock.withLock {
            defer { diagnostics.removeAll() }
            return diagnostics
        }
    }

    /// Whether every file is read and every batch played.
    public var isFinished: Bool { lock.withLock { finishedLoading && next == loaded.count } }

    public var isLoading: Bool { lock.withLock { !finishedLoading } }

    /// The recording's time now, for live elapsed times.
    public func position(wall: UInt64) -> UInt64? { next == 0 ? nil : clock.position(wall: wall) }

    /// "▶ 10× 1,204/5,000  +00:12", "⏸ …" while paused, "done" at the end.
    public func status(wall: UInt64) -> (replay: String, loading: String?) {
        let (count, done, bytes, spans) = lock.withLock { (loaded.count, finishedLoading, loadedBytes, loadedSpans) }
        let state = clock.paused ? "⏸" : (done && next == count ? "■" : "▶")
        var text = "\(state) \(clock.speed.label) \(next)/\(count)\(done ? "" : "+")"
        if next > 0 {
            let at = clock.speed == .max ? (next > 0 ? firstTime : 0) : clock.position(wall: wall)
            if at > firstTime { text += " +" + Text.seconds(Double(at - firstTime) / 1e9) }
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
