import Foundation
import SpanCore

/// Loads recordings into a store with reading and decoding on a thread of their own, so that
/// on two cores the next lines are decoded while the last ones are ingested (`report`,
/// `diff`, `transcript`). Batches reach the store in file order, and the store is touched only
/// on the caller's thread.
public enum BackgroundLoad {
    /// Loads `paths` in order. A file that cannot be read stops the load there (the files
    /// before it are loaded) and is thrown once everything decoded before it is ingested.
    /// - Parameters:
    ///   - queueDepth: decoded batches waiting for the store at most; the decoder waits beyond.
    ///   - diagnostics: one `file:line: reason` message per skipped line, from the decoder's thread.
    public static func load(
        _ paths: [String], into store: TraceStore, queueDepth: Int = 4,
        diagnostics: @escaping @Sendable (String) -> Void
    ) throws(LoadError) -> LoadSummary {
        let pipe = DecodedBatchPipe(capacity: queueDepth)
        let decoder = Thread {
            let loader = RecordingLoader(
                batchSpans: 1024, diagnostics: diagnostics, rejected: { pipe.put(.rejected($0)) },
                deliver: { pipe.put(.batch($0)) })
            var failure: LoadError?
            for path in paths {
                do throws(LoadError) {
                    try loader.load(path: path)
                } catch {
                    failure = error
                    break
                }
            }
            pipe.finish(loader.summary, failure)
        }
        decoder.name = "spantop-decode"
        decoder.start()
        while let item = pipe.take() {
            switch item {
            case .batch(let batch): store.ingest(batch)
            case .rejected(let count): store.noteRejected(count)
            }
        }
        let (summary, failure) = pipe.outcome
        if let failure { throw failure }
        return summary
    }
}

/// What the decoder thread hands the store's thread, in order.
enum DecodedItem: Sendable {
    case batch(SpanBatch)
    case rejected(Int)
}

/// A bounded queue from one decoder thread to one consumer, closed with the load's outcome.
final class DecodedBatchPipe: @unchecked Sendable {  // state guarded by `condition`
    private let condition = NSCondition()
    private var items: [DecodedItem] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var summary = LoadSummary()
    private var failure: LoadError?

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Queues `item`, waiting while `capacity` items wait for the consumer.
    func put(_ item: DecodedItem) {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
    }

    /// The next item, or nil once the decoder finished and everything was taken.
    func take() -> DecodedItem? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Ends the queue: the consumer takes what is left, then gets nil.
    func finish(_ summary: LoadSummary, _ failure: LoadError?) {
        condition.lock()
        defer { condition.unlock() }
        self.summary = summary
        self.failure = failure
        finished = true
        condition.broadcast()
    }

    /// The decoder's summary and the error that stopped it, once `take` returned nil.
    var outcome: (LoadSummary, LoadError?) {
        condition.lock()
        defer { condition.unlock() }
        return (summary, failure)
    }
}
