/// Traces in the order they were queued, oldest first. An entry names the trace by id and
/// arrival number, so a trace evicted and later re-created under the same id is not mistaken
/// for its old entry.
struct TraceQueue {
    private var entries: [(id: TraceID, arrivalNumber: UInt64)] = []
    private var head = 0

    var isEmpty: Bool { head == entries.count }

    mutating func append(_ trace: TraceRecord) {
        entries.append((trace.id, trace.arrivalNumber))
    }

    /// Removes and returns the oldest entry still naming a stored trace.
    mutating func popFirst(in traces: [TraceID: TraceRecord]) -> TraceRecord? {
        while head < entries.count {
            let entry = entries[head]
            head += 1
            if let t = traces[entry.id], t.arrivalNumber == entry.arrivalNumber {
                compactIfSparse()
                return t
            }
        }
        compactIfSparse()
        return nil
    }

    /// Calls `body` with each stored trace, oldest first, until it returns false.
    func forEach(in traces: [TraceID: TraceRecord], while body: (TraceRecord) -> Bool) {
        for entry in entries[head...] {
            guard let t = traces[entry.id], t.arrivalNumber == entry.arrivalNumber else { continue }
            if !body(t) { return }
        }
    }

    /// Drops entries of traces no longer stored, once they could be most of the queue.
    mutating func prune(keeping traces: [TraceID: TraceRecord]) {
        guard count > 2 * traces.count + 1024 else { return }
        entries = entries[head...].filter { traces[$0.id]?.arrivalNumber == $0.arrivalNumber }
        head = 0
    }

    /// Drops consumed entries once they are most of the array.
    private mutating func compactIfSparse() {
        if head > 4096 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    var count: Int { entries.count - head }
    var capacity: Int { entries.capacity }
}
