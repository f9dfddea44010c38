/// Stored traces by id, and the order they leave in when the span cap is reached: finished
/// traces (their root arrived) oldest first, then the rest oldest first.
///
/// Invariants:
/// - Every stored trace has one entry in the arrival queue; entries of traces gone since are
///   skipped when met and pruned once they could be most of the queue.
/// - Arrival numbers increase with each trace created, so a trace evicted and later re-created
///   under the same id is a new trace to both queues, never its old entries.
struct TraceTable {
    private(set) var byID: [TraceID: TraceRecord] = [:]
    private var arrival = TraceQueue()
    private var finished = TraceQueue()
    /// Traces created so far (each one's `arrivalNumber`).
    private var created: UInt64 = 0

    subscript(id: TraceID) -> TraceRecord? { byID[id] }

    var count: Int { byID.count }

    /// The trace `id`, created (and queued) when new.
    mutating func record(for id: TraceID) -> (trace: TraceRecord, isNew: Bool) {
        if let t = byID[id] { return (t, false) }
        created += 1
        let t = TraceRecord(id: id, arrivalNumber: created)
        byID[id] = t
        arrival.append(t)
        return (t, true)
    }

    /// Marks a trace finished (its root arrived): it goes before running ones.
    mutating func noteFinished(_ trace: TraceRecord) { finished.append(trace) }

    /// Removes and returns the trace to evict next.
    mutating func removeNext() -> TraceRecord? {
        guard let trace = finished.popFirst(in: byID) ?? arrival.popFirst(in: byID) else { return nil }
        byID[trace.id] = nil
        return trace
    }

    /// Drops queue entries of evicted traces once they could be most of the queue.
    mutating func prune() { arrival.prune(keeping: byID) }

    /// Calls `body` with each stored trace, oldest first, until it returns false.
    func forEachOldestFirst(while body: (TraceRecord) -> Bool) { arrival.forEach(in: byID, while: body) }

    /// Whether the invariants hold (for tests): every stored trace is in the arrival queue.
    var isConsistent: Bool {
        var seen = 0
        forEachOldestFirst { _ in
            seen += 1
            return true
        }
        return seen == byID.count
    }
}
