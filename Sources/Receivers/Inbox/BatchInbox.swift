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
/// The store owner sleeps on the inbox's `Wakeup` (shared with whatever else may wake it) and
/// drains when woken:
///
/// ```swift
/// while running {
///     inbox.drain(into: store)
///     wakeup.sleep(timeout: nil) { !inbox.isEmpty }
/// }
/// ```
public final class BatchInbox: @unchecked Sendable {  // its state is only touched under `lock`
    /// The default bound: about half a second of ingest at full speed, ~100 MB of batches.
    public static let defaultCapacity = 262_144

    /// Most spans allowed to wait for the store owner. A single request larger than this is
    /// still accepted when the inbox is empty, so no valid request is refused forever.
    public let capacity: Int

    /// Signalled after each accepted offer, to wake the store owner.
    public let wakeup: Wakeup?
    private let lock = NSLock()
    private var pending: [Delivery] = []
    private var pendingSpans = 0
    private var spare: [Delivery] = []

    public init(capacity: Int = BatchInbox.defaultCapacity, wakeup: Wakeup? = nil) {
        precondition(capacity > 0, "inbox capacity must be positive")
        self.capacity = capacity
        self.wakeup = wakeup
    }

    /// Whether nothing waits for the store owner (its `hasWork` test before sleeping).
    public var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return pending.isEmpty
    }

    /// Spans waiting for the store owner right now (for status lines and tests).
    public var pendingSpanCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return pendingSpans
    }

    /// Queues a decoded request for the store owner.
    /// - Returns: `false` when the inbox is full; the caller must tell its client to retry.
    public func offer(_ delivery: Delivery) -> Bool {
        let weight = delivery.weight
        lock.lock()
        if pendingSpans > 0 && pendingSpans + weight > capacity {
            lock.unlock()
            return false
        }
        pending.append(delivery)
        pendingSpans += weight
        lock.unlock()
        wakeup?.signal()
        return true
    }

    /// Hands every pending delivery to `body`, oldest first, and returns how many there were.
    ///
    /// Never blocks on receivers: the pending list is swapped out under the lock and `body`
    /// runs outside it, so receivers keep accepting while the store ingests. Call it from the
    /// store's owner only (it is the one consumer).
    @discardableResult
    public func drain(_ body: (Delivery) -> Void) -> Int {
        lock.lock()
        var taken = spare
        swap(&taken, &pending)
        pendingSpans = 0
        lock.unlock()
        defer {
            taken.removeAll(keepingCapacity: true)
            lock.lock()
            spare = taken
            lock.unlock()
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
}
