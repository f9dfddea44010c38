import NIOHTTP1
import SpanCore

/// A response the HTTP receiver decided to send, before any channel is involved.
struct HTTPReply: Equatable {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]
    /// Extra headers, e.g. `Retry-After` or `WWW-Authenticate`.
    var headers: [(String, String)] = []

    static func == (a: HTTPReply, b: HTTPReply) -> Bool {
        a.status == b.status && a.contentType == b.contentType && a.body == b.body
            && a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" }
    }

    /// The content type of replies in `encoding`.
    static func contentType(_ encoding: PayloadEncoding) -> String {
        encoding == .protobuf ? "application/x-protobuf" : "application/json"
    }

    /// A query API error: `{"error": {"status", "message"}}`.
    static func queryError(_ status: HTTPResponseStatus, _ message: String) -> HTTPReply {
        HTTPReply(
            status: status, contentType: "application/json",
            body: QueryError(status: Int(status.code), message: message).jsonBytes)
    }

    /// An error reply with a `google.rpc.Status` body in the request's encoding.
    static func error(
        _ status: HTTPResponseStatus, grpcCode: Int, _ message: String, encoding: PayloadEncoding = .json
    ) -> HTTPReply {
        HTTPReply(
            status: status, contentType: contentType(encoding),
            body: ExportResponseBody.status(code: grpcCode, message: message, encoding: encoding))
    }

    /// The reply to a finished export, as the OTLP/HTTP specification asks.
    static func forExport(_ result: ExportResult, encoding: PayloadEncoding, retryAfter: Int) -> HTTPReply {
        switch result {
        case .accepted(_, let rejected, let firstRejection):
            let message = rejected > 0 ? "\(rejected) span(s) rejected: \(firstRejection ?? "invalid span")" : nil
            return HTTPReply(
                status: .ok, contentType: contentType(encoding),
                body: ExportResponseBody.exportResponse(rejected: rejected, message: message, encoding: encoding))
        case .invalid(let reason):
            return .error(.badRequest, grpcCode: 3, "cannot decode the request: \(reason)", encoding: encoding)
        case .refused:
            var reply = HTTPReply.error(
                .serviceUnavailable, grpcCode: 14, "spantop is busy ingesting; retry later", encoding: encoding)
            reply.headers.append(("Retry-After", String(retryAfter)))
            return reply
        }
    }
}
