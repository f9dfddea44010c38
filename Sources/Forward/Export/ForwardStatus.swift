import SpanCore

/// A snapshot of one destination's exporter, for the status line, the forwarding panel and
/// `serve`'s report. It names the destination but holds no credential.
public struct ForwardStatus: Sendable, Equatable {
    /// `langfuse`, `otel`, or the host of a `--forward` URL.
    public var name: String
    /// The endpoint without user-info or query.
    public var endpoint: String
    /// Spans the destination accepted (2xx).
    public var sent: Int = 0
    /// Spans waiting, including a request in flight or waiting to be retried.
    public var queued: Int = 0
    /// True while a request is waiting to be retried.
    public var retrying = false
    /// When the waiting request is tried again (wall clock), while `retrying`.
    public var nextAttempt: Timestamp?
    /// Spans dropped because the queue was full (oldest first) or submitted after shutdown.
    public var dropped: Int = 0
    /// Spans given up on: refused by the destination (non-retryable status, or rejected in a
    /// partial success) or retried too long.
    public var failed: Int = 0
    /// Spans still queued when the exporter stopped (drain timeout reached).
    public var unsent: Int = 0
    /// Requests answered with a 2xx.
    public var requests: Int = 0
    /// The latest failure, e.g. `HTTP 429: Too Many Requests`; kept after later successes.
    public var lastError: String?
    /// When `lastError` happened.
    public var lastErrorAt: Timestamp?

    public init(name: String, endpoint: String) {
        self.name = name
        self.endpoint = endpoint
    }

    /// One line for logs and `serve`'s stderr summary.
    public var summary: String {
        var parts = ["sent \(sent)", "queued \(queued)", "dropped \(dropped)", "failed \(failed)"]
        if unsent > 0 { parts.append("not sent \(unsent)") }
        if retrying { parts.append("retrying") }
        var line = "\(name) (\(endpoint)): " + parts.joined(separator: ", ")
        if let lastError { line += "; last error: \(lastError)" }
        return line
    }
}
