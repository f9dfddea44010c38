/// An attribute as the store keeps it: 12 bytes, key and value kind packed together.
///
/// Strings and byte values are interned ids; arrays and key-value lists point at a run of
/// the owning trace's `extraAttributes` (or the store's origin attributes).
public struct StoredAttribute: Sendable {
    /// Interned key id in the low 24 bits, `ValueKind` in the high 8.
    var keyAndKind: UInt32
    var low: UInt32
    var high: UInt32

    static let maxKey: UInt32 = 0xFF_FFFF

    init(key: StringID, kind: ValueKind, bits: UInt64) {
        keyAndKind = key.rawValue | UInt32(kind.rawValue) << 24
        low = UInt32(truncatingIfNeeded: bits)
        high = UInt32(truncatingIfNeeded: bits >> 32)
    }

    public var key: StringID { StringID(rawValue: keyAndKind & Self.maxKey) }
    public var kind: ValueKind { ValueKind(rawValue: UInt8(keyAndKind >> 24)) ?? .empty }
    public var bits: UInt64 { UInt64(high) << 32 | UInt64(low) }
    /// Interned id of a string or bytes value.
    public var stringID: StringID { StringID(rawValue: low) }
    /// First element and count of an array or key-value list.
    public var range: RecordRange { RecordRange(start: low, count: high) }

    /// The value as a number, when it is an int or a double.
    public var number: Double? {
        switch kind {
        case .int: return Double(Int64(bitPattern: bits))
        case .double: return Double(bitPattern: bits)
        default: return nil
        }
    }
}

/// A span as the store keeps it: 56 bytes plus its attributes. Rarely set fields
/// (trace state, dropped counts, events, links) live in `TraceRecord.rareFields`.
public struct StoredSpan: Sendable {
    public var spanID: UInt64
    public var parentSpanID: UInt64
    public var startTime: UInt64
    public var endTime: UInt64
    public var name: StringID
    public var statusMessage: StringID
    /// Index of the resource and scope pair in `TraceStore.origins`.
    public var origin: OriginIndex
    var attributeStart: UInt32
    /// W3C trace flags and the is-remote bits; SDKs set them on nearly every span.
    public var flags: UInt32
    var attributeCount: UInt16
    public var kind: UInt8
    public var statusCode: UInt8

    public var attributeRange: Range<Int> { Int(attributeStart)..<Int(attributeStart) + Int(attributeCount) }
    public var durationSeconds: Double? {
        endTime >= startTime && endTime != 0 ? Double(endTime - startTime) / 1e9 : nil
    }
}

public struct StoredEvent: Sendable {
    public var time: UInt64
    public var name: StringID
    var attributeStart: UInt32
    var attributeCount: UInt32
    public var droppedAttributes: UInt32
    public var attributeRange: Range<Int> { Int(attributeStart)..<Int(attributeStart + attributeCount) }
}

public struct StoredLink: Sendable {
    public var traceID: TraceID
    public var spanID: UInt64
    public var traceState: StringID
    var attributeStart: UInt32
    var attributeCount: UInt32
    public var droppedAttributes: UInt32
    public var flags: UInt32
    public var attributeRange: Range<Int> { Int(attributeStart)..<Int(attributeStart + attributeCount) }
}

/// Span fields that are almost always zero, kept out of `StoredSpan` to keep it small.
public struct RareSpanFields: Sendable {
    public var traceState = StringID.empty
    /// Range of `TraceRecord.events`; most agent spans have none.
    public var eventStart: UInt32 = 0
    public var eventCount: UInt32 = 0
    /// Range of `TraceRecord.links`; spans with links are rare in agent traces.
    public var linkStart: UInt32 = 0
    public var linkCount: UInt32 = 0
    public var droppedAttributes: UInt32 = 0
    public var droppedEvents: UInt32 = 0
    public var droppedLinks: UInt32 = 0
}

/// A resource and instrumentation scope pair, shared by all spans that came with it.
public struct Origin: Sendable {
    public var resourceAttributes: Range<Int>
    public var resourceDropped: UInt32
    public var resourceSchemaURL: StringID
    public var scopeName: StringID
    public var scopeVersion: StringID
    public var scopeAttributes: Range<Int>
    public var scopeDropped: UInt32
    public var scopeSchemaURL: StringID
    /// Project named by a resource attribute, if any.
    var resourceProject: StringID?
    var serviceName: StringID?
    var isEigentScope: Bool
}
