import SpanCore

/// What the exporter does next with the request it just tried to deliver.
public enum ExportAction: Sendable, Equatable {
    /// Delivered (a partial success included: its rejected spans are counted as failed).
    case done
    /// Wait `after`, then send the same body again. `error` describes the failed attempt.
    case retry(after: Nanoseconds, error: String)
    /// Stop trying; count the spans as failed and show `failure.message`.
    case giveUp(ExportFailure)
}

/// Why a request was given up.
public struct ExportFailure: Sendable, Equatable, Error {
    public enum Reason: Sendable, Equatable {
        /// The server refused the data (a non-retryable status such as 400, 401, 403, 413, 500).
        case rejected(status: Int)
        /// Retryable failures went on past the policy's attempt or time limit.
        case retriesExhausted
    }

    public var reason: Reason
    /// One line for the status panel and the report; never contains credentials.
    public var message: String
    /// Attempts made, the first one included.
    public var attempts: Int
}

/// The retry and backoff rules for one request, as a pure state machine: feed it the outcome
/// of each attempt, carry out the action it returns.
///
/// It does no I/O and reads no clock or random source of its own: time and randomness come in
/// as arguments, so every path is testable without sockets or sleeps. Retryable per the OTLP
/// specification: 429, 502, 503, 504, connection failures and timeouts. `Retry-After` wins over
/// the computed backoff; a partial success (2xx) is never retried.
public struct ExportStateMachine: Sendable {
    public let policy: RetryPolicy
    public let startedAt: MonotonicInstant
    /// Attempts whose outcome has been recorded.
    public private(set) var attempts = 0
    /// Description of the most recent failed attempt.
    public private(set) var lastError: String?

    /// - Parameter startedAt: when the first attempt began; the policy's time limit counts from it.
    public init(policy: RetryPolicy, startedAt: MonotonicInstant) {
        self.policy = policy
        self.startedAt = startedAt
    }

    /// Records the outcome of the latest attempt and returns what to do next.
    /// - Parameters:
    ///   - now: the monotonic time the outcome arrived.
    ///   - wallClock: the calendar time, only used to turn an HTTP-date `Retry-After` into a delay.
    ///   - random: the jitter source.
    public mutating func record(
        _ outcome: ExportOutcome, now: MonotonicInstant, wallClock: Timestamp = WallClock.now(),
        using random: inout some RandomNumberGenerator
    ) -> ExportAction {
        attempts += 1
        let requested: Nanoseconds?
        switch outcome {
        case .response(let status, let retryAfter, let message):
            if (200..<300).contains(status) { return .done }
            lastError = Self.describe(status: status, message: message)
            guard Self.isRetryable(status: status) else {
                return .giveUp(
                    ExportFailure(reason: .rejected(status: status), message: lastError!, attempts: attempts))
            }
            requested = retryAfter?.delay(now: wallClock)
        case .partialSuccess:
            return .done
        case .connectionFailed(let reason):
            lastError = "connection failed: \(reason)"
            requested = nil
        case .timedOut:
            lastError = "timed out waiting for a response"
            requested = nil
        }
        let error = lastError!
        if let maxAttempts = policy.maxAttempts, attempts >= maxAttempts {
            return exhausted(error)
        }
        let delay = requested ?? policy.delay(retry: attempts, using: &random)
        // elapsed + delay > maxElapsed, written so a huge server-requested delay cannot wrap.
        let elapsed = now - startedAt
        if let maxElapsed = policy.maxElapsed, elapsed > maxElapsed || delay > maxElapsed - elapsed {
            return exhausted(error)
        }
        return .retry(after: delay, error: error)
    }

    /// 429 and 503 mean "throttled", 502 and 504 a gateway that lost its upstream: all are
    /// expected to pass. Anything else non-2xx will fail the same way again.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 502 || status == 503 || status == 504
    }

    private func exhausted(_ error: String) -> ExportAction {
        .giveUp(
            ExportFailure(
                reason: .retriesExhausted, message: "gave up after \(attempts) attempts: \(error)",
                attempts: attempts))
    }

    private static func describe(status: Int, message: String) -> String {
        let text = message.isEmpty ? HTTPStatusText.phrase(status) : message
        return text.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(text)"
    }
}

/// Reason phrases for the statuses an exporter commonly sees, for readable errors.
enum HTTPStatusText {
    static func phrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}
