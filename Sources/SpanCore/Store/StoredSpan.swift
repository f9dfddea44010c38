/// An attribute as the store keeps it: 8 bytes, key and value kind packed together.
///
/// Strings and byte values are interned ids, booleans and ints that fit 32 bits are inline.
/// Other values take 64 bits, kept in the owner's wide-value table (`TraceRecord.wideValues`,
/// or the store's `originWideValues`): doubles, large ints, and for arrays and key-value lists
/// the run of the owner's `extraAttributes` (or `originAttributes`) holding their elements.
/// Most agent attributes are strings, so most cost 8 bytes instead of 12.
public struct StoredAttribute: Sendable {
    /// Interned key id in the low 24 bits, `ValueKind` in the next 7, "wide" in the top one.
    var keyAndKind: UInt32
    /// The inline value, or the position of a wide one.
    var payload: UInt32

    static let maxKey: UInt32 = 0xFF_FFFF
    private static var wideFlag: UInt32 { 1 << 31 }

    /// Packs `bits`, appending them to `wide` when they do not fit inline.
    init(key: StringID, kind: ValueKind, bits: UInt64, wide: inout [UInt64]) {
        keyAndKind = key.rawValue | UInt32(kind.rawValue) << 24
        let inline: Bool
        switch kind {
        case .empty, .string, .bytes, .bool: inline = true
        case .int: inline = Int64(Int32(truncatingIfNeeded: bits)) == Int64(bitPattern: bits)
        case .double, .array, .kvlist: inline = false
        }
        if inline {
            payload = UInt32(truncatingIfNeeded: bits)
        } else {
            payload = UInt32(wide.count)
            wide.append(bits)
            keyAndKind |= Self.wideFlag
        }
    }

    /// The key with no value (message text dropped for the content budget).
    init(emptyWithKey key: StringID) {
        keyAndKind = key.rawValue | UInt32(ValueKind.empty.rawValue) << 24
        payload = 0
    }

    public var key: StringID { StringID(rawValue: keyAndKind & Self.maxKey) }
    public var kind: ValueKind { ValueKind(rawValue: UInt8(keyAndKind >> 24 & 0x7F)) ?? .empty }
    var isWide: Bool { keyAndKind & Self.wideFlag != 0 }
    /// Interned id of a string or bytes value.
    public var stringID: StringID { StringID(rawValue: payload) }

    /// The value's 64 bits, as decoded; `wide` is the owner's wide-value table.
    public func bits(_ wide: [UInt64]) -> UInt64 {
        if isWide { return wide[Int(payload)] }
        // Inline ints are 32-bit: widen with their sign.
        return kind == .int ? UInt64(bitPattern: Int64(Int32(bitPattern: payload))) : UInt64(payload)
    }

    /// First element and count of an array or key-value list.
    public func range(_ wide: [UInt64]) -> RecordRange {
        let b = bits(wide)
        return RecordRange(start: UInt32(truncatingIfNeeded: b), count: UInt32(truncatingIfNeeded: b >> 32))
    }

    /// The value as a number, when it is an int or a double.
    public func number(_ wide: [UInt64]) -> Double? {
        switch kind {
        case .int: return Double(Int64(bitPattern: bits(wide)))
        case .double: return Double(bitPattern: bits(wide))
        default: return nil
        }
    }
}

/// A span as the store keeps it: 56 bytes plus its attributes. Rarely set fields
/// (trace state, dropped counts, events, links) live in `TraceRecord.rareFields`.
public struct StoredSpan: Sendable {
    public var spanID: UInt64
    public var parentSpanID: UInt64
    /// Start and end as the span gave them: OTLP requires both, and a sender that left the end
    /// unset gave 0 (see `knownEnd` and `duration`).
    public var startTime: Timestamp
    public var endTime: Timestamp
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

    /// The end, nil when the sender left it unset.
    public var knownEnd: Timestamp? { endTime.ifSet }

    /// nil when the span gives no end, or one before its start.
    public var duration: Nanoseconds? {
        guard let end = knownEnd, end >= startTime else { return nil }
        return end.since(startTime)
    }

    public var durationSeconds: Double? { duration?.seconds }

    /// When the span was last active: its end, or its start when it gives no end or one
    /// before it.
    public var latestTime: Timestamp { max(endTime, startTime) }
}

public struct StoredEvent: Sendable {
    /// As the sender wrote it.
    public var time: Timestamp
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
