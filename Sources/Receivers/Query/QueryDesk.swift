import SpanCore
import Synchronization

/// Where query requests wait for the store's owner: the HTTP receiver leaves each one here
/// with a way to reply, and the owner answers them between batches (`answerPending`), so a
/// query reads the store on the one thread that writes it and never holds ingest longer than
/// its own (paged, bounded) answer takes.
public final class QueryDesk: Sendable {
    public typealias Reply = @Sendable (_ status: Int, _ body: [UInt8]) -> Void

    private struct Pending {
        var target: String
        var reply: Reply
    }

    private let state = Mutex<(pending: [Pending], closed: Bool)>(([], false))
    /// Queries waiting at most; beyond it a query is refused with 503 (the owner is behind).
    public let capacity: Int
    /// Signalled when a query arrives, to wake the owner.
    public let wakeup: Wakeup?

    public init(capacity: Int = 256, wakeup: Wakeup? = nil) {
        self.capacity = capacity
        self.wakeup = wakeup
    }

    /// Whether no query waits (the owner's `hasWork` test before sleeping).
    public var isEmpty: Bool { state.withLock { $0.pending.isEmpty } }

    /// Leaves a query for the owner; replies 503 at once when the desk is closed or full.
    public func submit(_ target: String, reply: @escaping Reply) {
        let accepted = state.withLock { s -> Bool in
            guard !s.closed, s.pending.count < capacity else { return false }
            s.pending.append(Pending(target: target, reply: reply))
            return true
        }
        if accepted { wakeup?.signal() } else { reply(503, Self.busyBody) }
    }

    /// The owner's turn: answers every waiting query with `answer` (called on the owner's thread).
    /// - Returns: how many were answered.
    @discardableResult
    public func answerPending(_ answer: (String) -> (status: Int, body: [UInt8])) -> Int {
        let waiting = state.withLock { s -> [Pending] in
            defer { s.pending.removeAll() }
            return s.pending
        }
        for q in waiting {
            let a = answer(q.target)
            q.reply(a.status, a.body)
        }
        return waiting.count
    }

    /// The owner's turn with the store it owns: every waiting query answered from `store`.
    @discardableResult
    public func answerPending(from store: TraceStore) -> Int {
        answerPending { target in
            let answer = store.answer(target: target)
            return (answer.status, answer.body)
        }
    }

    /// No owner will answer any more: waiting queries and later ones get 503.
    public func close() {
        let waiting = state.withLock { s -> [Pending] in
            s.closed = true
            defer { s.pending.removeAll() }
            return s.pending
        }
        for q in waiting { q.reply(503, Self.busyBody) }
    }

    static let busyBody = Array(
        #"{"error": {"status": 503, "message": "spantop is shutting down or busy; try again"}}"#.utf8)
}
