import Foundation
import SpanCore

/// What the loading thread hands to the `Replayer`: the batches read so far with their times,
/// progress and messages. All of it is under `lock`: the loading thread writes, the replayer
/// reads and frees what it played.
final class ReplayInbox: @unchecked Sendable {  // `state` is only touched under `lock`
    struct State {
        /// One per recorded request; a played one is replaced by an empty batch to free it.
        var batches: [SpanBatch] = []
        /// Each batch's latest span time (recording time), when it is due.
        var times: [Timestamp] = []
        var spans = 0
        var bytes = 0
        /// Spans rejected while reading, not yet counted in the store.
        var rejected = 0
        var finished = false
        /// Skipped lines and unreadable files, not yet shown.
        var diagnostics: [String] = []
    }

    private let lock = NSLock()
    private var state = State()
    /// Signalled whenever the loading thread changed the state, to wake the replay's owner.
    let wakeup: Wakeup

    init(wakeup: Wakeup) { self.wakeup = wakeup }

    func withLock<R>(_ body: (inout State) -> R) -> R { lock.withLock { body(&state) } }

    /// Changes the state from the loading thread and wakes the owner.
    private func update(_ body: (inout State) -> Void) {
        lock.withLock { body(&state) }
        wakeup.signal()
    }

    /// Reads `paths` in order; runs on the loading thread.
    func load(_ paths: [String]) {
        let loader = RecordingLoader(
            batchSpans: 1,
            diagnostics: { message in self.update { $0.diagnostics.append(message) } },
            rejected: { n in self.update { $0.rejected += n } },
            deliver: { batch in
                // A batch without spans is due at once.
                var latest = Timestamp.epoch
                for s in batch.spans { latest = max(latest, max(s.endTime, s.startTime)) }
                self.update {
                    $0.batches.append(batch)
                    $0.times.append(latest)
                    $0.spans += batch.spans.count
                }
            })
        for path in paths {
            do {
                try loader.load(path: path)
            } catch {
                update { $0.diagnostics.append(error.description) }
            }
            let bytes = loader.summary.bytes
            update { $0.bytes = bytes }
        }
        update { $0.finished = true }
    }
}
