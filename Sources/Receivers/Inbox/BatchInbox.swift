import Foundation
import SpanCore

/// The hand-off between receivers (many threads) and the single owner of a `TraceStore`.
///
/// Receivers `offer` each decoded request; the store owner takes everything pending with
/// `drain`, outside the lock, and ingests it on its own thread. The inbox is bounded by the
/// number of pending spans: when it is full an offer is *refused*, and the receiver answers
/// "try later" (HTTP 503 with `Retry-After`, gRPC UNAVAILABLE) so the client retries. Nothing
/// accepted is ever dropped.
///
/// Typical store owner (a TUI loop ticking every ~30 ms, or `spantop serve`):
///
/// ```swift
/// // every tick, on the thread that owns `store`:
/// let drained = inbox.drain { delivery in
///     store.ingest(delivery.batch)
///     if delivery.rejectedSpans > 0 { store.noteRejected(delivery.rejectedSpans) }
/// }
/// if drained > 0 { /* redraw */ }
/// ```
///
/// or simply `inbox.drain(into: store)`. A headless owner can block in `wait(timeout:)` until
/// something arrives instead of polling.
public final class BatchInbox: @unchecked Sendable {
    /// The default bound: about half a second of ingest at full speed, ~100 MB of batches.
    public static let defaultCapacity = 262_144

    /// Most spans allowed to wait for the store owner. A single request larger than this is
    /// still accepted when the inbox is empty, so no valid request is refused forever.
    public let capacity: Int

    // NSCondition doubles as the lock and lets the owner sleep until an offer arrives.
    private let condition = NSCondition()
    private var pending: [Delivery] = []
    private var pendingSpans = 0
    private var spare: [Delivery] = []
    private var woken = false

    public init(capacity: Int = BatchInbox.defaultCapacity) {
        precondition(capacity > 0, "inbox capacity must be positive")
        self.capacity = capacity
    }

    /// Spans waiting for the store owner right now (for status lines and tests).
    public var pendingSpanCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return pendingSpans
    }

    /// Queues a decoded request for the store owner.
    /// - Returns: `false` when the inbox is full; the caller must tell its client to retry.
    public func offer(_ delivery: Delivery) -> Bool {
        let weight = delivery.weight
        condition.lock()
        defer { condition.unlock() }
        if pendingSpans > 0 && pendingSpans + weight > capacity { return false }
        pending.append(delivery)
        pendingSpans += weight
        condition.signal()
        return true
    }

    /// Hands every pending delivery to `body`, oldest first, and returns how many there were.
    ///
    /// Never blocks on receivers: the pending list is swapped out under the lock and `body`
    /// runs outside it, so receivers keep accepting while the store ingests. Call it from the
    /// store's owner only (it is the one consumer).
    @discardableResult
    public func drain(_ body: (Delivery) -> Void) -> Int {
        condition.lock()
        var taken = spare
        swap(&taken, &pending)
        pendingSpans = 0
        condition.unlock()
        defer {
            taken.removeAll(keepingCapacity: true)
            condition.lock()
            spare = taken
            condition.unlock()
        }
        for delivery in taken { body(delivery) }
        return taken.count
    }

    /// Ingests every pending delivery into `store` (and counts its rejected spans there).
    /// - Returns: the number of requests ingested.
    @discardableResult
    public func drain(into store: TraceStore) -> Int {
        drain { delivery in
            if !delivery.batch.isEmpty { store.ingest(delivery.batch) }
            if delivery.rejectedSpans > 0 { store.noteRejected(delivery.rejectedSpans) }
        }
    }

    /// Sleeps until something is pending or `timeout` passes.
    /// - Returns: whether something is pending.
    @discardableResult
    public func wait(timeout: Duration) -> Bool {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !woken {
            if !condition.wait(until: deadline) { break }
        }
        woken = false
        return !pending.isEmpty
    }

    /// Wakes a store owner blocked in `wait(timeout:)` (on shutdown).
    public func wakeUp() {
        condition.lock()
        woken = true
        condition.broadcast()
        condition.unlock()
    }
}
