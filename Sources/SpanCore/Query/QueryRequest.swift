/// A read-only question to the store over HTTP (`GET /api/v1/…`), parsed from the request
/// target. Parsing never touches the store, so the receiver can refuse a bad request at once.
public enum QueryRequest: Equatable, Sendable {
    case overview(Page)
    case project(String)
    case tasks(TaskFilter, Page)
    case task(String, project: String?)
    case transcript(String, project: String?, Page)
    case search(String, Page)

    /// `limit` items from position `cursor` (an opaque number from the previous answer).
    public struct Page: Equatable, Sendable {
        public var limit: Int
        public var offset: Int
    }

    public struct TaskFilter: Equatable, Sendable {
        public var project: String?
        public var status: TaskStatus?
        public var agent: String?
    }

    /// Items per page when the request names none, and the most it may ask for.
    public static let defaultLimit = 50
    public static let maxLimit = 500
    public static let prefix = "/api/v1/"

    /// Parses `target` (path and query string).
    /// - Returns: the request, or the error to answer with (404 unknown path, 400 bad parameter).
    public static func parse(_ target: String) -> Result<QueryRequest, QueryError> {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(pieces[0])
        var parameters: [String: String] = [:]
        if pieces.count > 1 {
            for pair in pieces[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = percentDecoded(kv[0]), let value = percentDecoded(kv.count > 1 ? kv[1] : "") else {
                    return .failure(.badRequest("malformed percent-encoding in the query string"))
                }
                parameters[key] = value
            }
        }
        guard path.hasPrefix(prefix) else { return .failure(.notFound("no such endpoint: \(path)")) }
        let segments = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            .map { percentDecoded($0) }
        guard segments.allSatisfy({ $0 != nil }) else {
            return .failure(.badRequest("malformed percent-encoding in the path"))
        }
        let parts = segments.map { $0! }
        do throws(QueryError) {
            switch parts.count {
            case 1 where parts[0] == "overview":
                try check(parameters, allowed: ["limit", "cursor"])
                return .success(.overview(try page(parameters)))
            case 1 where parts[0] == "tasks":
                try check(parameters, allowed: ["project", "status", "agent", "limit", "cursor"])
                var filter = TaskFilter(project: parameters["project"], status: nil, agent: parameters["agent"])
                if let s = parameters["status"] {
                    guard let status = TaskStatus.allCases.first(where: { $0.name == s }) else {
                        let names = TaskStatus.allCases.map(\.name).joined(separator: ", ")
                        throw .badRequest("status must be one of \(names), not '\(s)'")
                    }
                    filter.status = status
                }
                return .success(.tasks(filter, try page(parameters)))
            case 1 where parts[0] == "search":
                try check(parameters, allowed: ["text", "limit", "cursor"])
                guard let text = parameters["text"], text.utf8.count >= ContentIndex.minimumQuery else {
                    throw .badRequest("search needs text= of at least \(ContentIndex.minimumQuery) characters")
                }
                return .success(.search(text, try page(parameters)))
            case 2 where parts[0] == "projects" && !parts[1].isEmpty:
                try check(parameters, allowed: [])
                return .success(.project(parts[1]))
            case 2 where parts[0] == "tasks" && !parts[1].isEmpty:
                try check(parameters, allowed: ["project"])
                return .success(.task(parts[1], project: parameters["project"]))
            case 3 where parts[0] == "tasks" && !parts[1].isEmpty && parts[2] == "transcript":
                try check(parameters, allowed: ["project", "limit", "cursor"])
                return .success(.transcript(parts[1], project: parameters["project"], try page(parameters)))
            default:
                throw .notFound(
                    "no such endpoint: \(path) (try /api/v1/overview, /api/v1/tasks, /api/v1/tasks/ID, "
                        + "/api/v1/tasks/ID/transcript, /api/v1/projects/ID, /api/v1/search?text=)")
            }
        } catch {
            return .failure(error)
        }
    }

    private static func check(_ parameters: [String: String], allowed: Set<String>) throws(QueryError) {
        if let unknown = parameters.keys.sorted().first(where: { !allowed.contains($0) }) {
            let known = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw .badRequest("unknown parameter '\(unknown)' (this endpoint takes: \(known))")
        }
    }

    private static func page(_ parameters: [String: String]) throws(QueryError) -> Page {
        var page = Page(limit: defaultLimit, offset: 0)
        if let l = parameters["limit"] {
            guard let n = Int(l), n >= 1, n <= maxLimit else {
                throw .badRequest("limit must be a number from 1 to \(maxLimit), not '\(l)'")
            }
            page.limit = n
        }
        if let c = parameters["cursor"] {
            guard let n = Int(c), n >= 0 else { throw .badRequest("cursor '\(c)' is not one this API gave") }
            page.offset = n
        }
        return page
    }

    /// `%XX` escapes and `+` as a space; nil when an escape is malformed or not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                guard h < utf8.endIndex, utf8.index(after: h) < utf8.endIndex,
                    let hi = hexValue(utf8[h]), let lo = hexValue(utf8[utf8.index(after: h)])
                else { return nil }
                bytes.append(hi << 4 | lo)
                i = utf8.index(h, offsetBy: 2)
                continue
            }
            bytes.append(b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
            i = utf8.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A question the API cannot answer, with its HTTP status.
public struct QueryError: Error, Equatable, Sendable {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public static func notFound(_ message: String) -> QueryError { QueryError(status: 404, message: message) }
    public static func badRequest(_ message: String) -> QueryError { QueryError(status: 400, message: message) }

    /// `{"error": {"status": N, "message": "…"}}`
    public var jsonBytes: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.beginObject("error")
        w.field("status", status)
        w.field("message", message)
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
