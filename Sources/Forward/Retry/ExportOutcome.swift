import Foundation
import SpanCore

/// What one attempt to deliver a request ended with, as the transport saw it.
///
/// The state machine decides from this alone, so the transport stays a thin adapter and every
/// decision can be tested without a socket.
public enum ExportOutcome: Sendable, Equatable {
    /// The server answered with this status code (any code, 2xx included).
    /// - Parameters:
    ///   - retryAfter: the parsed `Retry-After` header, when the server sent a valid one.
    ///   - message: a short, secret-free summary of the response body for the status line.
    case response(status: Int, retryAfter: RetryAfter?, message: String)
    /// A 2xx whose `ExportTraceServiceResponse` says some spans were refused anyway. The rest
    /// were accepted; per the OTLP specification this is never retried.
    case partialSuccess(rejectedSpans: Int, message: String)
    /// The connection could not be made or broke before a response arrived.
    case connectionFailed(String)
    /// No complete response arrived within the request timeout.
    case timedOut

    /// A response without `Retry-After` or message, for tests and simple call sites.
    public static func status(_ code: Int, retryAfter: RetryAfter? = nil) -> ExportOutcome {
        .response(status: code, retryAfter: retryAfter, message: "")
    }
}

/// A `Retry-After` header value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
public enum RetryAfter: Sendable, Equatable {
    case seconds(Int)
    case date(Timestamp)

    /// Parses a header value; returns nil for anything that is neither form.
    public init?(header: String) {
        let value = header.trimmingCharacters(in: .whitespaces)
        if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            self = .seconds(Int(value) ?? Int.max)
            return
        }
        guard let date = Self.parseHTTPDate(value) else { return nil }
        self = .date(Timestamp(date))
    }

    /// How long to wait from `now`; a date in the past means "now".
    public func delay(now: Timestamp) -> Nanoseconds {
        switch self {
        // Through Double so a huge value saturates instead of wrapping.
        case .seconds(let s): return .seconds(Double(s))
        case .date(let d): return d.since(now)
        }
    }

    /// IMF-fixdate is what servers send; RFC 850 and asctime are the obsolete forms a
    /// recipient must still accept. Foundation parses; the result leaves as a `Timestamp`.
    private static func parseHTTPDate(_ value: String) -> Date? {
        // asctime pads single-digit days with a second space.
        let value = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let d = f.date(from: value) { return d }
        }
        return nil
    }
}
