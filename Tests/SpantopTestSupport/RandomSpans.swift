import SpanCore

/// Random but valid spans covering every field and value kind (protobuf and JSON round trips,
/// forwarding).
public enum RandomSpans {
    public static let words = [
        "", "a", "task.execution:7", "ünïcödé", "日本語", "emoji 🎉", "quote\"back\\slash", "tab\tnew\nline",
        String(repeating: "x", count: 300),
    ]

    public static func string(_ g: inout SplitMix64) -> String { words.randomElement(using: &g)! }

    /// A value of any kind; arrays and kvlists nest no deeper than `maxDepth`.
    public static func value(_ g: inout SplitMix64, depth: Int = 0, maxDepth: Int = 3) -> AttributeValue {
        switch Int.random(in: 0..<(depth < maxDepth ? 8 : 6), using: &g) {
        case 0: return .string(string(&g))
        case 1: return .bool(Bool.random(using: &g))
        case 2:
            return .int(
                [0, 1, -1, Int64.max, Int64.min, Int64.random(in: -1000...1000, using: &g)].randomElement(using: &g)!)
        case 3:
            return .double(
                [0, -0.0, 1.5, -2.25e-300, .infinity, -.infinity, Double.random(in: -1e6...1e6, using: &g)]
                    .randomElement(using: &g)!)
        case 4: return .bytes((0..<Int.random(in: 0..<12, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) })
        case 5: return .empty
        case 6:
            return .array(
                (0..<Int.random(in: 0..<4, using: &g)).map { _ in value(&g, depth: depth + 1, maxDepth: maxDepth) })
        default:
            return .kvlist(
                (0..<Int.random(in: 0..<4, using: &g)).map { _ in
                    KeyValue(string(&g), value(&g, depth: depth + 1, maxDepth: maxDepth))
                })
        }
    }

    public static func attributes(_ g: inout SplitMix64) -> [KeyValue] {
        (0..<Int.random(in: 0..<6, using: &g)).map { i in KeyValue("key.\(i).\(string(&g))", value(&g)) }
    }

    public static func nonZero(_ g: inout SplitMix64) -> UInt64 { UInt64.random(in: 1...UInt64.max, using: &g) }

    public static func span(_ g: inout SplitMix64) -> SpanRecord {
        var r = SpanRecord()
        r.resource = ResourceRecord(attributes: attributes(&g))
        if Bool.random(using: &g) { r.resource.droppedAttributes = 3 }
        r.scope = ScopeRecord(name: string(&g), version: string(&g))
        r.scope.attributes = attributes(&g)
        r.traceID = TraceID(high: nonZero(&g), low: nonZero(&g))
        r.spanID = SpanID(nonZero(&g))
        r.parentSpanID = Bool.random(using: &g) ? SpanID(nonZero(&g)) : .zero
        r.traceState = Bool.random(using: &g) ? "k=v" : ""
        r.name = string(&g)
        r.kind = UInt8.random(in: 0...5, using: &g)
        r.statusCode = UInt8.random(in: 0...2, using: &g)
        r.statusMessage = r.statusCode == 2 ? string(&g) : ""
        r.flags = Bool.random(using: &g) ? 0x101 : 0
        r.startTime = Timestamp(unixNanoseconds: UInt64.random(in: 0...(1 << 62), using: &g))
        r.endTime = r.startTime + Nanoseconds(rawValue: UInt64.random(in: 0...1_000_000_000, using: &g))
        r.attributes = attributes(&g)
        r.droppedAttributes = UInt32.random(in: 0...2, using: &g)
        r.events = (0..<Int.random(in: 0..<3, using: &g)).map { _ in
            EventRecord(
                time: Timestamp(unixNanoseconds: UInt64.random(in: 0...UInt64.max, using: &g)), name: string(&g),
                attributes: attributes(&g))
        }
        r.links = (0..<Int.random(in: 0..<2, using: &g)).map { _ in
            var l = LinkRecord()
            l.traceID = TraceID(high: nonZero(&g), low: nonZero(&g))
            l.spanID = SpanID(nonZero(&g))
            l.attributes = attributes(&g)
            l.flags = Bool.random(using: &g) ? 1 : 0
            return l
        }
        return r
    }

    public static func spans(_ g: inout SplitMix64, count: Int) -> [SpanRecord] { (0..<count).map { _ in span(&g) } }
}
