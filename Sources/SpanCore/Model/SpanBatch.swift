/// A byte range inside a batch's `bytes` arena.
public struct ByteRef: Hashable, Sendable {
    public var offset: UInt32
    public var length: UInt32
    public init(offset: UInt32, length: UInt32) {
        self.offset = offset
        self.length = length
    }
    public static let empty = ByteRef(offset: 0, length: 0)
}

/// A contiguous run of records in one of a batch's arrays.
public struct RecordRange: Hashable, Sendable {
    public var start: UInt32
    public var count: UInt32
    public init(start: UInt32, count: UInt32) {
        self.start = start
        self.count = count
    }
    public static let empty = RecordRange(start: 0, count: 0)
    public var indices: Range<Int> { Int(start)..<Int(start + count) }
}

/// The kinds of OTLP `AnyValue`.
public enum ValueKind: UInt8, Sendable {
    case empty = 0, string, bool, int, double, bytes, array, kvlist
}

/// An attribute value as decoded, without allocation: scalars inline, text as a `ByteRef`,
/// arrays and key-value lists as a range of `SpanBatch.nested`.
public struct BatchValue: Equatable, Sendable {
    public var kind: ValueKind
    public var bits: UInt64

    public init(kind: ValueKind, bits: UInt64) {
        self.kind = kind
        self.bits = bits
    }

    public static let empty = BatchValue(kind: .empty, bits: 0)
    public static func string(_ ref: ByteRef) -> BatchValue { .init(kind: .string, bits: pack(ref)) }
    public static func bytes(_ ref: ByteRef) -> BatchValue { .init(kind: .bytes, bits: pack(ref)) }
    public static func bool(_ v: Bool) -> BatchValue { .init(kind: .bool, bits: v ? 1 : 0) }
    public static func int(_ v: Int64) -> BatchValue { .init(kind: .int, bits: UInt64(bitPattern: v)) }
    public static func double(_ v: Double) -> BatchValue { .init(kind: .double, bits: v.bitPattern) }
    public static func array(_ r: RecordRange) -> BatchValue { .init(kind: .array, bits: pack(r)) }
    public static func kvlist(_ r: RecordRange) -> BatchValue { .init(kind: .kvlist, bits: pack(r)) }

    public var byteRef: ByteRef {
        ByteRef(offset: UInt32(truncatingIfNeeded: bits >> 32), length: UInt32(truncatingIfNeeded: bits))
    }
    public var range: RecordRange {
        RecordRange(start: UInt32(truncatingIfNeeded: bits >> 32), count: UInt32(truncatingIfNeeded: bits))
    }
    public var intValue: Int64 { Int64(bitPattern: bits) }
    public var doubleValue: Double { Double(bitPattern: bits) }
    public var boolValue: Bool { bits != 0 }

    @inline(__always) static func pack(_ r: ByteRef) -> UInt64 { UInt64(r.offset) << 32 | UInt64(r.length) }
    @inline(__always) static func pack(_ r: RecordRange) -> UInt64 { UInt64(r.start) << 32 | UInt64(r.count) }
}

/// A key and its value. Array elements are stored as attributes with an empty key.
public struct BatchAttribute: Equatable, Sendable {
    public var key: ByteRef
    public var value: BatchValue
    public init(key: ByteRef, value: BatchValue) {
        self.key = key
        self.value = value
    }
}

public struct BatchResource: Equatable, Sendable {
    public var attributes: RecordRange = .empty
    public var droppedAttributes: UInt32 = 0
    public var schemaURL: ByteRef = .empty
    public init() {}
}

public struct BatchScope: Equatable, Sendable {
    public var resourceIndex: UInt32 = 0
    public var name: ByteRef = .empty
    public var version: ByteRef = .empty
    public var attributes: RecordRange = .empty
    public var droppedAttributes: UInt32 = 0
    public var schemaURL: ByteRef = .empty
    public init(resourceIndex: UInt32) { self.resourceIndex = resourceIndex }
}

public struct BatchEvent: Equatable, Sendable {
    /// As the sender wrote it (OTLP's 0: not set).
    public var time = Timestamp(rawValue: 0)
    public var name: ByteRef = .empty
    /// Range of `SpanBatch.subAttributes`.
    public var attributes: RecordRange = .empty
    public var droppedAttributes: UInt32 = 0
    public init() {}
}

public struct BatchLink: Equatable, Sendable {
    public var traceID: TraceID = .zero
    public var spanID: SpanID = .zero
    public var traceState: ByteRef = .empty
    /// Range of `SpanBatch.subAttributes`.
    public var attributes: RecordRange = .empty
    public var droppedAttributes: UInt32 = 0
    public var flags: UInt32 = 0
    public init() {}
}

public struct BatchSpan: Equatable, Sendable {
    public var scopeIndex: UInt32 = 0
    public var traceID: TraceID = .zero
    public var spanID: SpanID = .zero
    public var parentSpanID: SpanID = .zero
    public var traceState: ByteRef = .empty
    public var name: ByteRef = .empty
    public var kind: UInt8 = 0
    public var statusCode: UInt8 = 0
    public var statusMessage: ByteRef = .empty
    public var flags: UInt32 = 0
    /// Start and end as the sender wrote them (OTLP's 0: not set); the codecs wrap the wire's
    /// numbers here, and the store decides what an unset one means.
    public var startTime = Timestamp(rawValue: 0)
    public var endTime = Timestamp(rawValue: 0)
    public var attributes: RecordRange = .empty
    public var droppedAttributes: UInt32 = 0
    public var events: RecordRange = .empty
    public var droppedEvents: UInt32 = 0
    public var links: RecordRange = .empty
    public var droppedLinks: UInt32 = 0
    public init() {}
}

/// Decoded spans in a flat, allocation-light layout: one byte arena for every string and
/// byte value, and arrays of fixed-size records that refer into it.
///
/// One batch is what a request or file line decodes to; it fans out to the store, the
/// recorder and the forwarder without being parsed again.
public struct SpanBatch: Sendable {
    public var bytes: [UInt8] = []
    public var resources: [BatchResource] = []
    public var scopes: [BatchScope] = []
    public var spans: [BatchSpan] = []
    /// Attributes of resources, scopes and spans.
    public var attributes: [BatchAttribute] = []
    /// Attributes of events and links (kept apart so a span's own attributes stay contiguous).
    public var subAttributes: [BatchAttribute] = []
    /// Elements of array and key-value list values.
    public var nested: [BatchAttribute] = []
    public var events: [BatchEvent] = []
    public var links: [BatchLink] = []

    public init() {}

    public var isEmpty: Bool { spans.isEmpty }

    /// Empties the batch but keeps its capacity, so a decoder can reuse it.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        resources.removeAll(keepingCapacity: true)
        scopes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        subAttributes.removeAll(keepingCapacity: true)
        nested.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        links.removeAll(keepingCapacity: true)
    }

    /// Copies `source` into the arena and returns where it went.
    @inlinable
    public mutating func appendBytes(_ source: UnsafeRawBufferPointer) -> ByteRef {
        let ref = ByteRef(offset: UInt32(bytes.count), length: UInt32(source.count))
        bytes.append(contentsOf: source)
        return ref
    }

    public mutating func appendString(_ s: String) -> ByteRef {
        var s = s
        return s.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    public func string(_ ref: ByteRef) -> String {
        let start = Int(ref.offset)
        return String(decoding: bytes[start..<start + Int(ref.length)], as: UTF8.self)
    }

    public func byteArray(_ ref: ByteRef) -> [UInt8] {
        let start = Int(ref.offset)
        return Array(bytes[start..<start + Int(ref.length)])
    }
}
