import Receivers
import SpanCore

/// The periodic status line of `spantop serve`: per receiver its address, requests, spans and
/// problems, then overall spans/s since the previous line and what the store holds.
struct ServeStatus {
    private(set) var lastLine: MonotonicInstant
    private var spans: RateMeter
    private var lastRequests = 0

    init(start: MonotonicInstant) {
        lastLine = start
        spans = RateMeter(at: start)
    }

    /// Whether any receiver saw a request since the last call (activity for --exit-after-idle).
    mutating func noteRequests(_ snapshots: [ReceiverStats.Snapshot]) -> Bool {
        let requests = snapshots.reduce(0) { $0 + $1.requests }
        defer { lastRequests = requests }
        return requests != lastRequests
    }

    mutating func line(_ snapshots: [ReceiverStats.Snapshot], store: TraceStore, now: MonotonicInstant)
        -> String
    {
        let rate = spans.note(snapshots.reduce(0) { $0 + $1.acceptedSpans }, at: now)
        lastLine = now
        let receivers = snapshots.map { s in
            "\(s.proto.rawValue) \(s.address) \(s.requests) req \(s.acceptedSpans) spans" + s.problems
        }
        let stats = store.statistics
        return receivers.joined(separator: " | ")
            + " | \(Int(rate.rounded())) spans/s | store \(stats.spans) spans, \(store.traceCount) traces"
    }
}
