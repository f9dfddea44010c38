/// A fully materialised attribute value; the convenient, allocating counterpart of `BatchValue`.
public indirect enum AttributeValue: Sendable, CustomStringConvertible {
    case empty
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case bytes([UInt8])
    case array([AttributeValue])
    case kvlist([KeyValue])

    public var description: String {
        switch self {
        case .empty: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bytes(let b): return "<\(b.count) bytes>"
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .kvlist(let l): return "{" + l.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

extension AttributeValue: Hashable {
    /// Doubles compare by bit pattern so that NaN round-trips compare equal.
    public static func == (a: AttributeValue, b: AttributeValue) -> Bool {
        switch (a, b) {
        case (.empty, .empty): return true
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.kvlist(let x), .kvlist(let y)): return x == y
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .empty: h.combine(0)
        case .string(let s): h.combine(s)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(i)
        case .double(let d): h.combine(d.bitPattern)
        case .bytes(let b): h.combine(b)
        case .array(let a): h.combine(a)
        case .kvlist(let l): h.combine(l)
        }
    }
}

public struct KeyValue: Hashable, Sendable {
    public var key: String
    public var value: AttributeValue
    public init(_ key: String, _ value: AttributeValue) {
        self.key = key
        self.value = value
    }
}

public struct ResourceRecord: Hashable, Sendable {
    public var attributes: [KeyValue] = []
    public var droppedAttributes: UInt32 = 0
    public var schemaURL: String = ""
    public init(attributes: [KeyValue] = []) { self.attributes = attributes }
}

public struct ScopeRecord: Hashable, Sendable {
    public var name: String = ""
    public var version: String = ""
    public var attributes: [KeyValue] = []
    public var droppedAttributes: UInt32 = 0
    public var schemaURL: String = ""
    public init(name: String = "", version: String = "") {
        self.name = name
        self.version = version
    }
}

public struct EventRecord: Hashable, Sendable {
    /// As the sender wrote it (OTLP's 0: not set).
    public var time = Timestamp(rawValue: 0)
    public var name: String = ""
    public var attributes: [KeyValue] = []
    public var droppedAttributes: UInt32 = 0
    public init(time: Timestamp = Timestamp(rawValue: 0), name: String = "", attributes: [KeyValue] = []) {
        self.time = time
        self.name = name
        self.attributes = attributes
    }
}

public struct LinkRecord: Hashable, Sendable {
    public var traceID: TraceID = .zero
    public var spanID: SpanID = .zero
    public var traceState: String = ""
    public var attributes: [KeyValue] = []
    public var droppedAttributes: UInt32 = 0
    public var flags: UInt32 = 0
    public init() {}
}

/// One span with its resource and scope, as plain values: used by tests, generators and
/// anything off the hot path.
public struct SpanRecord: Hashable, Sendable {
    public var resource = ResourceRecord()
    public var scope = ScopeRecord()
    public var traceID: TraceID = .zero
    public var spanID: SpanID = .zero
    public var parentSpanID: SpanID = .zero
    public var traceState: String = ""
    public var name: String = ""
    public var kind: UInt8 = 0
    public var statusCode: UInt8 = 0
    public var statusMessage: String = ""
    public var flags: UInt32 = 0
    /// Start and end as the sender wrote them (OTLP's 0: not set), like `BatchSpan`'s.
    public var startTime = Timestamp(rawValue: 0)
    public var endTime = Timestamp(rawValue: 0)
    public var attributes: [KeyValue] = []
    public var droppedAttributes: UInt32 = 0
    public var events: [EventRecord] = []
    public var droppedEvents: UInt32 = 0
    public var links: [LinkRecord] = []
    public var droppedLinks: UInt32 = 0
    public init() {}
}

/// OTLP status codes.
public enum StatusCode {
    public static let unset: UInt8 = 0
    public static let ok: UInt8 = 1
    public static let error: UInt8 = 2
}
