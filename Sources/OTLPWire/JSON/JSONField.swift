#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every object key the OTLP JSON and flat span decoders know, matched without building a `String`.
///
/// Case names are the lowerCamelCase JSON keys, so `"\(field)"` names a field in error paths.
enum JSONField: UInt8 {
    case unknown
    case resourceSpans, resource, scopeSpans, schemaUrl, attributes, droppedAttributesCount
    case scope, name, version, spans
    case traceId, spanId, parentSpanId, traceState, kind, flags, startTimeUnixNano, endTimeUnixNano
    case events, droppedEventsCount, links, droppedLinksCount, status, code, message, timeUnixNano
    case key, value, values, stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue
    case resourceAttributes

    /// Finds the field named by the `count` key bytes at `p` (lowerCamelCase or snake_case).
    static func lookup(_ p: UnsafePointer<UInt8>, _ count: Int) -> JSONField {
        let f = camel(p, count)
        if f != .unknown || count > 40 { return f }
        // Protobuf JSON parsers also accept the proto field names; only unknown keys pay for this.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buf in
            guard let out = buf.baseAddress else { return .unknown }
            var n = 0
            var i = 0
            var sawUnderscore = false
            while i < count {
                var c = p[i]
                if c == UInt8(ascii: "_"), i + 1 < count {
                    sawUnderscore = true
                    i += 1
                    c = p[i]
                    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { c -= 32 }
                }
                out[n] = c
                n += 1
                i += 1
            }
            return sawUnderscore ? camel(UnsafePointer(out), n) : .unknown
        }
    }

    @inline(__always)
    private static func eq(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
        memcmp(p, s.utf8Start, s.utf8CodeUnitCount) == 0
    }

    private static func camel(_ p: UnsafePointer<UInt8>, _ count: Int) -> JSONField {
        switch count {
        case 3:
            if eq(p, "key") { return .key }
        case 4:
            if eq(p, "name") { return .name }
            if eq(p, "kind") { return .kind }
            if eq(p, "code") { return .code }
        case 5:
            if eq(p, "value") { return .value }
            if eq(p, "spans") { return .spans }
            if eq(p, "scope") { return .scope }
            if eq(p, "flags") { return .flags }
            if eq(p, "links") { return .links }
        case 6:
            if eq(p, "spanId") { return .spanId }
            if eq(p, "values") { return .values }
            if eq(p, "status") { return .status }
            if eq(p, "events") { return .events }
        case 7:
            if eq(p, "traceId") { return .traceId }
            if eq(p, "version") { return .version }
            if eq(p, "message") { return .message }
        case 8:
            if eq(p, "intValue") { return .intValue }
            if eq(p, "resource") { return .resource }
        case 9:
            if eq(p, "boolValue") { return .boolValue }
            if eq(p, "schemaUrl") { return .schemaUrl }
        case 10:
            if eq(p, "attributes") { return .attributes }
            if eq(p, "scopeSpans") { return .scopeSpans }
            if eq(p, "traceState") { return .traceState }
            if eq(p, "arrayValue") { return .arrayValue }
            if eq(p, "bytesValue") { return .bytesValue }
        case 11:
            if eq(p, "stringValue") { return .stringValue }
            if eq(p, "doubleValue") { return .doubleValue }
            if eq(p, "kvlistValue") { return .kvlistValue }
        case 12:
            if eq(p, "parentSpanId") { return .parentSpanId }
            if eq(p, "timeUnixNano") { return .timeUnixNano }
        case 13:
            if eq(p, "resourceSpans") { return .resourceSpans }
        case 15:
            if eq(p, "endTimeUnixNano") { return .endTimeUnixNano }
        case 17:
            if eq(p, "startTimeUnixNano") { return .startTimeUnixNano }
            if eq(p, "droppedLinksCount") { return .droppedLinksCount }
        case 18:
            if eq(p, "droppedEventsCount") { return .droppedEventsCount }
            if eq(p, "resourceAttributes") { return .resourceAttributes }
        case 22:
            if eq(p, "droppedAttributesCount") { return .droppedAttributesCount }
        default:
            break
        }
        return .unknown
    }
}
