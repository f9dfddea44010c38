import NIOConcurrencyHelpers

/// Which protocol a receiver speaks.
public enum ReceiverProtocol: String, Sendable {
    case http = "OTLP/HTTP"
    case grpc = "OTLP/gRPC"
}

/// Counters of one receiver, updated by its connections on any thread and read as a
/// `Snapshot` by whoever shows them (the TUI status line, `serve`'s status line, tests).
public final class ReceiverStats: Sendable {
    /// The counters at one moment.
    public struct Snapshot: Equatable, Sendable {
        public var proto: ReceiverProtocol
        /// Where the receiver listens, e.g. `127.0.0.1:4318` (the bound port, never 0).
        public var address: String
        /// Export requests received (whatever their outcome).
        public var requests = 0
        /// Spans handed to the store.
        public var acceptedSpans = 0
        /// Spans left out because they were invalid (reported to clients as partial success).
        public var rejectedSpans = 0
        /// Requests turned away because the store could not keep up (503 / UNAVAILABLE).
        public var refusedRequests = 0
        /// Requests that failed: bad data, wrong type or path, too large, unauthorised, timeouts.
        public var failedRequests = 0

        public init(proto: ReceiverProtocol, address: String) {
            self.proto = proto
            self.address = address
        }
    }

    /// How one request ended, as far as the counters care.
    public enum Outcome: Sendable {
        case accepted(spans: Int, rejected: Int)
        case refused
        case failed
    }

    private let state: NIOLockedValueBox<Snapshot>

    public init(proto: ReceiverProtocol, address: String) {
        state = NIOLockedValueBox(Snapshot(proto: proto, address: address))
    }

    public var snapshot: Snapshot { state.withLockedValue { $0 } }

    /// Sets the address once the listener is bound (the port may have been 0).
    public func setAddress(_ address: String) {
        state.withLockedValue { $0.address = address }
    }

    /// Counts one finished request.
    public func record(_ outcome: Outcome) {
        state.withLockedValue { s in
            s.requests += 1
            switch outcome {
            case .accepted(let spans, let rejected):
                s.acceptedSpans += spans
                s.rejectedSpans += rejected
            case .refused:
                s.refusedRequests += 1
            case .failed:
                s.failedRequests += 1
            }
        }
    }
}

extension ReceiverStats.Snapshot {
    /// " 3 rejected 2 refused 1 failed", only the non-zero counts; empty when all is well.
    public var problems: String {
        var text = ""
        if rejectedSpans > 0 { text += " \(rejectedSpans) rejected" }
        if refusedRequests > 0 { text += " \(refusedRequests) refused" }
        if failedRequests > 0 { text += " \(failedRequests) failed" }
        return text
    }
}
