import OTLPWire
import SpanCore
import Testing

/// Encoding a batch as OTLP JSON and decoding it again gives back the same spans.
@Suite("OTLP JSON round trips")
struct JSONCodecTests {
    private func roundTrip(_ records: [SpanRecord], sourceLocation: SourceLocation = #_sourceLocation) throws {
        var batch = SpanBatch()
        batch.append(records: records)
        let json = OTLPJSON.encode(batch)
        #expect(!json.contains(UInt8(ascii: "\n")), sourceLocation: sourceLocation)
        let (decoded, outcome) = try decodeJSON(json)
        #expect(outcome.rejectedSpans == 0, "\(outcome.firstRejection ?? "")", sourceLocation: sourceLocation)
        #expect(decoded.records() == batch.records(), sourceLocation: sourceLocation)
        // Encoding is deterministic, so a second trip writes the same bytes.
        #expect(OTLPJSON.encode(decoded) == json, sourceLocation: sourceLocation)
    }

    @Test func everyValueKindAndFieldSurvives() throws {
        try roundTrip(JSONFixtures.richRecords())
    }

    @Test func eachValueKindAloneSurvives() throws {
        for (i, value) in JSONFixtures.allValues.enumerated() {
            var r = JSONFixtures.simpleRecord(name: "v\(i)")
            r.attributes = [KeyValue("value", value)]
            try roundTrip([r])
        }
    }

    @Test func twoHundredRandomBatchesSurvive() throws {
        var g = SplitMix64(seed: 0x5EED_0F_5BA7_70B)
        for _ in 0..<200 {
            try roundTrip(JSONFixtures.randomRecords(&g))
        }
    }

    @Test func largeListsSpillPastTheStackBuffer() throws {
        var r = JSONFixtures.simpleRecord(name: "lists")
        let wide = AttributeValue.array((0..<1_000).map { .int(Int64($0)) })
        let tree = AttributeValue.kvlist(
            (0..<100).map { i in
                KeyValue("k\(i)", .array((0..<40).map { j in .array([.string("\(i).\(j)"), .int(Int64(j))]) }))
            })
        r.attributes = [KeyValue("wide", wide), KeyValue("tree", tree), KeyValue("after", .array([.bool(true)]))]
        try roundTrip([r])
    }

    @Test func spansAreGroupedByResourceAndScopeInOrder() throws {
        let records = JSONFixtures.richRecords()
        var batch = SpanBatch()
        batch.append(records: records)
        let json = String(decoding: OTLPJSON.encode(batch), as: UTF8.self)
        // r1 (A, X), r2 + r3 (A, Y), r4 (B, X): two resources, three scope runs.
        #expect(json.components(separatedBy: "\"scopeSpans\"").count - 1 == 2)
        #expect(json.components(separatedBy: "\"spans\"").count - 1 == 3)
        let (decoded, _) = try decodeJSON(json)
        #expect(decoded.records().map(\.name) == records.map(\.name))
        #expect(decoded.resources.count == 2)
        #expect(decoded.scopes.count == 3)
    }

    @Test func encodingUsesTheProtobufJSONSpellings() {
        var r = JSONFixtures.simpleRecord(name: "n")
        r.traceID = TraceID(high: 0x0123_4567_89AB_CDEF, low: 0x0011_2233_4455_6677)
        r.spanID = SpanID(0xABCD_EF01_2345_6789)
        r.kind = 2
        r.statusCode = 2
        r.attributes = [
            KeyValue("i", .int(-5)), KeyValue("d", .double(.nan)), KeyValue("b", .bytes([0xFF, 0x00])),
            KeyValue("s", .string("a\"b\\c\u{1}é")),
        ]
        var batch = SpanBatch()
        batch.append(records: [r])
        let json = String(decoding: OTLPJSON.encode(batch), as: UTF8.self)
        #expect(json.contains(#""traceId":"0123456789abcdef0011223344556677","spanId":"abcdef0123456789""#))
        #expect(json.contains(#""kind":2"#))
        #expect(json.contains(#""startTimeUnixNano":"1700000000000000000""#))
        #expect(json.contains(#""status":{"code":2}"#))
        #expect(json.contains(#"{"key":"i","value":{"intValue":"-5"}}"#))
        #expect(json.contains(#"{"key":"d","value":{"doubleValue":"NaN"}}"#))
        #expect(json.contains(#"{"key":"b","value":{"bytesValue":"/wA="}}"#))
        #expect(json.contains(#"{"key":"s","value":{"stringValue":"a\"b\\c\u0001é"}}"#))
        // Zero and empty fields are left out.
        #expect(!json.contains("parentSpanId"))
        #expect(!json.contains("traceState"))
        #expect(!json.contains("dropped"))
        #expect(!json.contains("flags"))
    }

    @Test func emptyBatchEncodesAsAnEmptyRequest() throws {
        #expect(OTLPJSON.encode(SpanBatch()) == Array("{}".utf8))
        let (decoded, outcome) = try decodeJSON("{}")
        #expect(decoded.isEmpty && outcome.rejectedSpans == 0)
    }

    @Test func encodeAppendsToExistingOutput() {
        var batch = SpanBatch()
        batch.append(records: [JSONFixtures.simpleRecord(name: "x")])
        var out = Array("prefix ".utf8)
        OTLPJSON.encode(batch, into: &out)
        #expect(out == Array("prefix ".utf8) + OTLPJSON.encode(batch))
    }

    @Test func illFormedUTF8InABatchIsWrittenAsReplacementCharacters() throws {
        var batch = SpanBatch()
        batch.append(records: [JSONFixtures.simpleRecord(name: "x")])
        // A protobuf peer could hand us bytes that are not UTF-8; JSON output must stay valid.
        batch.spans[0].name = [UInt8]([0x61, 0xFF, 0x62]).withUnsafeBytes { batch.appendBytes($0) }
        let (decoded, _) = try decodeJSON(OTLPJSON.encode(batch))
        #expect(decoded.records()[0].name == "a\u{FFFD}b")
    }

    @Test func prettyPrintedRequestsDecodeTheSame() throws {
        var batch = SpanBatch()
        batch.append(records: JSONFixtures.richRecords())
        let compact = OTLPJSON.encode(batch)
        let (decoded, _) = try decodeJSON(Self.spreadOut(compact))
        #expect(decoded.records() == batch.records())
    }

    /// Adds whitespace after every structural character outside strings.
    static func spreadOut(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x20, 0x09]
        var inString = false
        var escaped = false
        for c in json {
            out.append(c)
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if "{[,:]}".utf8.contains(c) {
                out.append(contentsOf: [0x20, 0x0D, 0x0A, 0x09])
            }
        }
        return out
    }
}
