import Foundation
import NIOHTTP1

/// The checks an OTLP/HTTP request head must pass before its body is worth reading, in the
/// order clients find most useful: path (404), method (405), credentials (401), content type
/// (415), content encoding (415).
enum HTTPRequestValidation {
    enum Verdict: Equatable {
        case accept(PayloadEncoding, gzip: Bool)
        /// A query API request (`GET /api/…`), answered by the store's owner.
        case query(String)
        case refuse(HTTPReply)
    }

    static func validate(_ head: HTTPRequestHead, configuration: OTLPHTTPConfiguration) -> Verdict {
        let encoding = payloadEncoding(head.headers.first(name: "content-type"))
        let replyEncoding = encoding ?? .json
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        if let path, path.hasPrefix("/api/"), !OTLPHTTPConfiguration.tracePaths.contains(path) {
            return validateQuery(head, configuration: configuration)
        }
        if let refusal = configuration.exportRefusal {
            return .refuse(.error(.notFound, grpcCode: 5, refusal, encoding: replyEncoding))
        }
        guard let path, OTLPHTTPConfiguration.tracePaths.contains(path) else {
            return .refuse(
                .error(
                    .notFound, grpcCode: 5, "no such endpoint; send traces to POST /v1/traces",
                    encoding: replyEncoding))
        }
        guard head.method == .POST else {
            var reply = HTTPReply.error(
                .methodNotAllowed, grpcCode: 12, "use POST to export traces", encoding: replyEncoding)
            reply.headers.append(("Allow", "POST"))
            return .refuse(reply)
        }
        if let token = configuration.authToken, !authorized(head.headers, token: token) {
            var reply = HTTPReply.error(
                .unauthorized, grpcCode: 16, "missing or wrong bearer token", encoding: replyEncoding)
            reply.headers.append(("WWW-Authenticate", "Bearer"))
            return .refuse(reply)
        }
        guard let encoding else {
            let given = head.headers.first(name: "content-type") ?? "none"
            return .refuse(
                .error(
                    .unsupportedMediaType, grpcCode: 3,
                    "unsupported content type \(given); use application/x-protobuf or application/json"))
        }
        switch head.headers.first(name: "content-encoding")?.lowercased() {
        case nil, "identity", "":
            return .accept(encoding, gzip: false)
        case "gzip", "x-gzip", "deflate":
            return .accept(encoding, gzip: true)
        case let other?:
            return .refuse(
                .error(
                    .unsupportedMediaType, grpcCode: 3, "unsupported content encoding \(other); use gzip or none",
                    encoding: encoding))
        }
    }

    /// The query API: GET only, the receiver's token when it has one.
    private static func validateQuery(_ head: HTTPRequestHead, configuration: OTLPHTTPConfiguration) -> Verdict {
        guard configuration.queries != nil else {
            return .refuse(HTTPReply.queryError(.notFound, "the query API is not served here"))
        }
        if let refusal = configuration.queryRefusal { return .refuse(HTTPReply.queryError(.forbidden, refusal)) }
        guard head.method == .GET else {
            var reply = HTTPReply.queryError(.methodNotAllowed, "the query API is read-only: use GET")
            reply.headers.append(("Allow", "GET"))
            return .refuse(reply)
        }
        if let token = configuration.authToken, !authorized(head.headers, token: token) {
            var reply = HTTPReply.queryError(.unauthorized, "missing or wrong bearer token")
            reply.headers.append(("WWW-Authenticate", "Bearer"))
            return .refuse(reply)
        }
        return .query(head.uri)
    }

    /// `application/x-protobuf` (or `application/protobuf`) and `application/json`, ignoring
    /// parameters such as `; charset=utf-8`.
    static func payloadEncoding(_ contentType: String?) -> PayloadEncoding? {
        guard let contentType else { return nil }
        let media = contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        switch media {
        case "application/x-protobuf", "application/protobuf": return .protobuf
        case "application/json": return .json
        default: return nil
        }
    }

    /// Whether `Authorization` carries `Bearer <token>`; compares without an early exit.
    static func authorized(_ headers: HTTPHeaders, token: String) -> Bool {
        guard let value = headers.first(name: "authorization") else { return false }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return constantTimeEqual(Array(parts[1].utf8), Array(token.utf8))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = a.count ^ b.count
        for i in 0..<max(a.count, b.count) {
            difference |= Int((i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0))
        }
        return difference == 0
    }
}
