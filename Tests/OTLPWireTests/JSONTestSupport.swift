import Foundation
import OTLPWire
import SpanCore
import Testing

/// Decodes one line into a fresh batch; throws what the decoder throws.
func decodeJSON(_ line: String) throws(WireError) -> (SpanBatch, DecodeOutcome) {
    try decodeJSON(Array(line.utf8))
}

func decodeJSON(_ bytes: [UInt8]) throws(WireError) -> (SpanBatch, DecodeOutcome) {
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    try OTLPJSON.decodeLine(bytes, into: &batch, outcome: &outcome)
    return (batch, outcome)
}

/// A batch that already holds a span, so tests can check a failed line leaves it untouched.
func prefilledBatch() -> SpanBatch {
    var batch = SpanBatch()
    batch.append(records: [JSONFixtures.simpleRecord(name: "already here")])
    return batch
}

/// Array sizes of a batch, to compare before and after.
func sizes(_ b: SpanBatch) -> [Int] {
    [
        b.bytes.count, b.resources.count, b.scopes.count, b.spans.count, b.attributes.count,
        b.subAttributes.count, b.nested.count, b.events.count, b.links.count,
    ]
}

/// Asserts that `line` is refused with a reason containing each of `fragments`, and that the
/// batch and outcome it was decoded into are exactly as before. Returns the reason.
@discardableResult
func expectRefused(
    _ line: [UInt8], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    var batch = prefilledBatch()
    let before = batch.records()
    let beforeSizes = sizes(batch)
    var outcome = DecodeOutcome()
    outcome.reject("earlier")
    let outcomeBefore = outcome
    var reason = ""
    do throws(WireError) {
        try OTLPJSON.decodeLine(line, into: &batch, outcome: &outcome)
        Issue.record(
            "line was accepted: \(String(decoding: line.prefix(200), as: UTF8.self))", sourceLocation: sourceLocation)
    } catch {
        reason = error.reason
    }
    for fragment in fragments {
        #expect(reason.contains(fragment), "reason \"\(reason)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    #expect(batch.records() == before, sourceLocation: sourceLocation)
    #expect(sizes(batch) == beforeSizes, sourceLocation: sourceLocation)
    #expect(outcome == outcomeBefore, sourceLocation: sourceLocation)
    return reason
}

@discardableResult
func expectRefused(_ line: String, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String
{
    var reason = ""
    let bytes = Array(line.utf8)
    // Variadic arguments cannot be forwarded, so check the fragments here.
    reason = expectRefused(bytes, sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(reason.contains(fragment), "reason \"\(reason)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    return reason
}

/// Hand-built and generated spans for the JSON tests.
enum JSONFixtures {
    static func simpleRecord(name: String, trace: UInt64 = 1, span: UInt64 = 1) -> SpanRecord {
        var r = SpanRecord()
        r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("svc"))])
        r.scope = ScopeRecord(name: "scope", version: "1")
        r.traceID = TraceID(high: 0xAB, low: trace)
        r.spanID = SpanID(span)
        r.name = name
        r.startTime = Timestamp(unixNanoseconds: 1_700_000_000_000_000_000)
        r.endTime = Timestamp(unixNanoseconds: 1_700_000_000_500_000_000)
        r.attributes = [KeyValue("k", .string("v"))]
        return r
    }

    /// Every kind of value, including the awkward ones.
    static let allValues: [AttributeValue] = [
        .empty,
        .string(""),
        .string("plain"),
        .string("quote \" backslash \\ slash / tab \t newline \n nul \u{0} unit-sep \u{1F} del \u{7F}"),
        .string("héllo wörld — 中文 — 😀 — \u{2028} — \u{FFFF} — \u{10FFFF}"),
        .bool(true),
        .bool(false),
        .int(0),
        .int(-1),
        .int(42),
        .int(Int64.min),
        .int(Int64.max),
        .double(0.1),
        .double(-0.0),
        .double(1.0),
        .double(123_456_789.125),
        .double(1e20),
        .double(1e-7),
        .double(.leastNonzeroMagnitude),
        .double(1.7976931348623157e308),
        .double(-2.5e-300),
        .double(.nan),
        .double(.infinity),
        .double(-.infinity),
        .bytes([]),
        .bytes([0]),
        .bytes([0xFF, 0xFE]),
        .bytes([0, 1, 2, 0xFB, 0xFF, 0x3E, 0x3F]),
        .array([]),
        .array([.int(1), .string("two"), .empty, .double(3.5), .bool(true)]),
        .array([.array([.array([.string("deep")])]), .kvlist([KeyValue("x", .int(-7))])]),
        .kvlist([]),
        .kvlist([KeyValue("", .empty), KeyValue("a", .array([])), KeyValue("b", .kvlist([KeyValue("c", .bytes([9]))]))]
        ),
    ]

    /// Spans across two resources and three scopes, using every field.
    static func richRecords() -> [SpanRecord] {
        var resourceA = ResourceRecord(attributes: [
            KeyValue("service.name", .string("agent")), KeyValue("host.cpu", .int(2)),
        ])
        resourceA.droppedAttributes = 3
        resourceA.schemaURL = "https://opentelemetry.io/schemas/1.26.0"
        let resourceB = ResourceRecord(attributes: [KeyValue("service.name", .string("other"))])

        var scopeX = ScopeRecord(name: "camel.agents", version: "0.2.1")
        scopeX.attributes = [KeyValue("scope.attr", .bool(true))]
        scopeX.droppedAttributes = 1
        scopeX.schemaURL = "https://example.com/scope"
        let scopeY = ScopeRecord(name: "", version: "")

        var r1 = SpanRecord()
        r1.resource = resourceA
        r1.scope = scopeX
        r1.traceID = TraceID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
        r1.spanID = SpanID(0x1122_3344_5566_7788)
        r1.parentSpanID = SpanID(0x99AA_BBCC_DDEE_FF00)
        r1.traceState = "vendor=abc,other=x"
        r1.name = "task.execution:42 — \"quoted\""
        r1.kind = 3
        r1.statusCode = StatusCode.error
        r1.statusMessage = "failed quality check (score: 41)\nsecond line"
        r1.flags = 0x301
        r1.startTime = Timestamp(unixNanoseconds: 1_700_000_000_000_000_001)
        r1.endTime = Timestamp(unixNanoseconds: .max)
        r1.attributes = allValues.enumerated().map { KeyValue("attr.\($0.offset)", $0.element) }
        r1.droppedAttributes = 7
        var event = EventRecord(
            time: Timestamp(unixNanoseconds: 1_700_000_000_100_000_000), name: "exception",
            attributes: [
                KeyValue("exception.message", .string("boom")), KeyValue("n", .array([.int(1), .int(2)])),
            ])
        event.droppedAttributes = 2
        r1.events = [event, EventRecord(), EventRecord(time: Timestamp(unixNanoseconds: 5), name: "only name")]
        r1.droppedEvents = 4
        var link = LinkRecord()
        link.traceID = TraceID(high: 1, low: 2)
        link.spanID = SpanID(3)
        link.traceState = "k=v"
        link.attributes = [KeyValue("link.kind", .string("follows")), KeyValue("x", .kvlist([KeyValue("y", .empty)]))]
        link.droppedAttributes = 1
        link.flags = 1
        r1.links = [link, LinkRecord()]
        r1.droppedLinks = 9

        var r2 = simpleRecord(name: "second", trace: 2, span: 2)
        r2.resource = resourceA
        r2.scope = scopeY
        r2.kind = 1
        r2.statusCode = StatusCode.ok
        var r3 = simpleRecord(name: "third", trace: 2, span: 3)
        r3.resource = resourceA
        r3.scope = scopeY
        r3.parentSpanID = SpanID(2)
        var r4 = simpleRecord(name: "", trace: 3, span: 4)
        r4.resource = resourceB
        r4.scope = scopeX
        r4.startTime = .epoch  // not set
        r4.endTime = .epoch
        r4.attributes = []
        return [r1, r2, r3, r4]
    }

    // MARK: Random batches

    static func randomRecords<G: RandomNumberGenerator>(_ g: inout G) -> [SpanRecord] {
        var records: [SpanRecord] = []
        var resource = randomResource(&g)
        var scope = randomScope(&g)
        for _ in 0..<Int.random(in: 1...8, using: &g) {
            if Int.random(in: 0..<4, using: &g) == 0 { resource = randomResource(&g) }
            if Int.random(in: 0..<3, using: &g) == 0 { scope = randomScope(&g) }
            var r = SpanRecord()
            r.resource = resource
            r.scope = scope
            r.traceID = TraceID(high: g.next(), low: g.next() | 1)
            r.spanID = SpanID(g.next() | 1)
            r.parentSpanID = Bool.random(using: &g) ? .zero : SpanID(g.next() | 1)
            r.traceState = maybe(&g) ? randomString(&g) : ""
            r.name = randomString(&g)
            r.kind = UInt8.random(in: 0...5, using: &g)
            r.statusCode = UInt8.random(in: 0...2, using: &g)
            r.statusMessage = maybe(&g) ? randomString(&g) : ""
            r.flags = maybe(&g) ? UInt32.random(in: 0...UInt32.max, using: &g) : 0
            r.startTime = maybe(&g) ? Timestamp(unixNanoseconds: g.next() >> 1) : .epoch
            r.endTime = r.startTime == .epoch ? .epoch : r.startTime + Nanoseconds(rawValue: g.next() >> 2)
            r.attributes = randomKeyValues(&g, depth: 0)
            r.droppedAttributes = maybe(&g) ? UInt32.random(in: 0...UInt32.max, using: &g) : 0
            for _ in 0..<Int.random(in: 0...2, using: &g) {
                var e = EventRecord(
                    time: Timestamp(unixNanoseconds: g.next()), name: randomString(&g),
                    attributes: randomKeyValues(&g, depth: 0))
                e.droppedAttributes = maybe(&g) ? 3 : 0
                r.events.append(e)
            }
            r.droppedEvents = maybe(&g) ? 1 : 0
            for _ in 0..<Int.random(in: 0...2, using: &g) {
                var l = LinkRecord()
                l.traceID = TraceID(high: g.next(), low: g.next())
                l.spanID = SpanID(g.next())
                l.traceState = maybe(&g) ? randomString(&g) : ""
                l.attributes = randomKeyValues(&g, depth: 0)
                l.flags = maybe(&g) ? UInt32.random(in: 0...UInt32.max, using: &g) : 0
                l.droppedAttributes = maybe(&g) ? 2 : 0
                r.links.append(l)
            }
            r.droppedLinks = maybe(&g) ? 8 : 0
            records.append(r)
        }
        return records
    }

    private static func maybe<G: RandomNumberGenerator>(_ g: inout G) -> Bool { Int.random(in: 0..<3, using: &g) == 0 }

    private static func randomResource<G: RandomNumberGenerator>(_ g: inout G) -> ResourceRecord {
        var r = ResourceRecord(attributes: randomKeyValues(&g, depth: 0))
        r.droppedAttributes = maybe(&g) ? 5 : 0
        r.schemaURL = maybe(&g) ? randomString(&g) : ""
        return r
    }

    private static func randomScope<G: RandomNumberGenerator>(_ g: inout G) -> ScopeRecord {
        var s = ScopeRecord(name: maybe(&g) ? "" : randomString(&g), version: maybe(&g) ? randomString(&g) : "")
        s.attributes = maybe(&g) ? randomKeyValues(&g, depth: 1) : []
        s.droppedAttributes = maybe(&g) ? 1 : 0
        s.schemaURL = maybe(&g) ? randomString(&g) : ""
        return s
    }

    private static let stringPieces: [String] = [
        "a", "Z", "9", " ", "_", ".", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}",
        "é", "ß", "中", "😀", "👩‍💻", "\u{2028}", "\u{FEFF}", "\u{10FFFF}", "gen_ai.usage.input_tokens", "{\"json\":[1]}",
    ]

    static func randomString<G: RandomNumberGenerator>(_ g: inout G) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...12, using: &g) { s += stringPieces.randomElement(using: &g)! }
        return s
    }

    private static func randomKeyValues<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> [KeyValue] {
        (0..<Int.random(in: 0...5, using: &g)).map { _ in KeyValue(randomString(&g), randomValue(&g, depth: depth)) }
    }

    static func randomValue<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> AttributeValue {
        switch Int.random(in: 0..<(depth < 3 ? 10 : 8), using: &g) {
        case 0: return .empty
        case 1: return .string(randomString(&g))
        case 2: return .bool(Bool.random(using: &g))
        case 3: return .int(Int64(bitPattern: g.next()) >> Int64.random(in: 0...63, using: &g))
        case 4:
            let specials: [Double] = [
                .nan, .infinity, -.infinity, 0, -0.0, .ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            ]
            if Bool.random(using: &g) { return .double(specials.randomElement(using: &g)!) }
            let d = Double(bitPattern: g.next())
            return .double(d.isNaN ? .nan : d)
        case 5: return .double(Double(Int.random(in: -1_000_000...1_000_000, using: &g)) / 100)
        case 6, 7:
            return .bytes((0..<Int.random(in: 0...9, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) })
        case 8: return .array((0..<Int.random(in: 0...4, using: &g)).map { _ in randomValue(&g, depth: depth + 1) })
        default: return .kvlist(randomKeyValues(&g, depth: depth + 1))
        }
    }
}
