import OTLPWire
import SpanCore
import Testing

/// Lines that must be refused with a clear reason, leaving the batch as it was, and spans that
/// must be rejected while the rest of their line is kept.
@Suite("OTLP JSON bad input")
struct JSONBadInputTests {
    static let traceA = "0000000000000000000000000000000a"

    /// A request line with the given spans (each a JSON object body without braces).
    static func request(_ spans: String...) -> String {
        #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"scope":{"name":"s"},"spans":[\#(spans.map { "{\($0)}" }.joined(separator: ","))]}]}]}"#
    }

    static func span(_ id: Int, _ extra: String = "") -> String {
        #""traceId":"\#(traceA)","spanId":"000000000000000\#(id)","name":"span \#(id)","attributes":[{"key":"k","value":{"stringValue":"v\#(id)"}}]\#(extra)"#
    }

    // MARK: Whole-line failures

    @Test func everyTruncationOfALineIsRefused() {
        var batch = SpanBatch()
        batch.append(records: JSONFixtures.richRecords())
        let line = OTLPJSON.encode(batch)
        for cut in stride(from: 1, to: line.count, by: 1) {
            expectRefused(Array(line[..<cut]))
        }
        expectRefused(Array(line[..<(line.count / 2)]), "truncated")
    }

    @Test(arguments: [
        (#"{"resourceSpans":[}"#, "resourceSpans[0]: expected an object, got '}'"),
        (#"{"a":[}"#, "invalid JSON at byte 6: expected a JSON value, got '}'"),
        (#"{"resourceSpans" []}"#, "expected ':' after a key"),
        (#"{"a":1,}"#, "expected a quoted key"),
        (#"{'a':1}"#, "expected a quoted key or '}'"),
        (#"{"a":tru}"#, "expected a JSON value"),
        (#"{"a":01}"#, "expected ',' or '}'"),
        (#"{"a":1.}"#, "expected a digit after '.'"),
        (#"{"a":-}"#, "expected a digit"),
        (#"{"a":"x\q"}"#, "unknown escape"),
        (#"{"a":"\u12G4"}"#, "4 hex digits"),
        (#"{"a":[1 2]}"#, "expected ',' or ']'"),
        (#"{} trailing"#, "expected the end of the line"),
        (#"{}{}"#, "expected the end of the line"),
        (#"[]"#, "expected a JSON object"),
        (#""just a string""#, "expected a JSON object"),
        ("{\"a\":\"tab\there\"}", "control character 0x9"),
        (#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x",}]}]}]}"#, "resourceSpans[0].scopeSpans[0].spans[0]"),
    ])
    func invalidJSONIsRefused(_ line: String, _ reason: String) {
        expectRefused(line, reason)
    }

    @Test func invalidJSONInsideASpanSaysWhere() {
        let line = Self.request(
            Self.span(1), Self.span(2, #","attributes":[{"key":"x","value":{"intValue":"1"}} {"key":"y"}]"#))
        expectRefused(line, "resourceSpans[0].scopeSpans[0].spans[1].attributes", "expected ',' or ']'")
    }

    @Test(
        arguments: [
            [0xC3, 0x28],  // lead byte without its continuation
            [0xC0, 0xAF],  // overlong "/"
            [0xED, 0xA0, 0x80],  // UTF-16 surrogate encoded as UTF-8
            [0x80],  // continuation byte alone
            [0xE2, 0x82],  // cut short
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xFF],
        ] as [[UInt8]])
    func invalidUTF8InStringsIsRefused(_ bad: [UInt8]) {
        let before = Array(
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"\#(Self.traceA)","spanId":"0000000000000001","name":"ok "#
                .utf8)
        let after = Array(#" ok"}]}]}]}"#.utf8)
        let reason = expectRefused(before + bad + after, "invalid UTF-8")
        #expect(reason.hasPrefix("resourceSpans[0].scopeSpans[0].spans[0].name: "))
        // Also inside values nobody reads, and inside keys.
        expectRefused(Array(#"{"ignored":["#.utf8) + [0x22] + bad + [0x22] + Array("]}".utf8), "invalid UTF-8")
        expectRefused([0x7B, 0x22] + bad + Array(#"":1}"#.utf8), "invalid UTF-8")
    }

    @Test(arguments: [#"\uD83D"#, #"\uDE00"#, #"\uD83Dx"#, #"\uD83D\u0041"#, #"\uD83D\uD83D"#, #"a\uDBFF"#])
    func loneSurrogatesAreRefused(_ escape: String) {
        expectRefused(
            #"{"traceId":"\#(Self.traceA)","spanId":"0000000000000001","name":"\#(escape)"}"#, "lone UTF-16 surrogate",
            "name: ")
    }

    @Test func absurdNestingIsRefusedWithoutDeepRecursion() {
        let depth = 10_000
        // In a value nobody reads.
        let skipped =
            #"{"unknown":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        expectRefused(skipped, "nested deeper than 128 levels", "unknown: ")
        // In a flat line's plain attribute value.
        let plain =
            #"{"traceId":"\#(Self.traceA)","spanId":"0000000000000001","attributes":{"a":"#
            + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}}"
        expectRefused(plain, "attribute values nested deeper than 32 levels", #"attributes["a"]"#)
        // In OTLP AnyValues.
        let open = String(repeating: #"{"arrayValue":{"values":["#, count: depth)
        let close = String(repeating: "]}}", count: depth)
        expectRefused(
            Self.request(Self.span(1, #","attributes":[{"key":"deep","value":"# + open + close + "}]")),
            "nested deeper than 32 levels")
        // Where an object belongs.
        expectRefused(
            #"{"resourceSpans":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}",
            "expected an object")
        // And one level past the limit, precisely.
        var value = #"{"stringValue":"bottom"}"#
        for _ in 0...WireLimits.maxValueDepth { value = #"{"arrayValue":{"values":[\#(value)]}}"# }
        expectRefused(
            Self.request(Self.span(1, #","attributes":[{"key":"deep","value":\#(value)}]"#)),
            "nested deeper than 32 levels")
    }

    @Test(arguments: [
        (#"{"resourceSpans":["oops"]}"#, "resourceSpans[0]: expected an object, got a string"),
        (#"{"resourceSpans":{"a":1}}"#, "resourceSpans: expected an array, got an object"),
        (request(span(1, #","status":[]"#)), "spans[0].status: expected a status object, got an array"),
        (request(span(1, #","attributes":"none""#)), "spans[0].attributes: expected an attribute list, got a string"),
        (
            request(span(1, #","attributes":[{"key":"k","value":"v"}]"#)),
            "spans[0].attributes[0].value: expected an object, got a string"
        ),
        (
            request(#""traceId":12,"spanId":"0000000000000001""#),
            "spans[0].traceId: expected a hex string, got a number"
        ),
        (request(span(1, #","name":5"#)), "spans[0].name: expected a string, got a number"),
        (request(span(1, #","kind":"SPAN_KIND_SIDEWAYS""#)), #"spans[0].kind: unknown span kind "SPAN_KIND_SIDEWAYS""#),
        (request(span(1, #","status":{"code":"BROKEN"}"#)), #"status.code: unknown status code "BROKEN""#),
        (
            request(span(1, #","startTimeUnixNano":"soon""#)),
            #"startTimeUnixNano: expected an unsigned integer, got "soon""#
        ),
        (request(span(1, #","startTimeUnixNano":-5"#)), "startTimeUnixNano: -5 is out of range"),
        (
            request(span(1, #","attributes":[{"key":"b","value":{"boolValue":"yes"}}]"#)),
            "boolValue: expected true or false"
        ),
        (
            request(span(1, #","attributes":[{"key":"b","value":{"bytesValue":"not base64!"}}]"#)),
            "bytesValue is not valid base64"
        ),
        (request(span(1, #","attributes":[{"key":"b","value":{"intValue":1.5}}]"#)), "intValue: 1.5 is out of range"),
        (#"{"resourceSpans":[],"name":"flat"}"#, "mixes \"resourceSpans\" with flat span fields"),
    ])
    func wrongTypesAreRefusedWithTheirPath(_ line: String, _ reason: String) {
        expectRefused(line, reason)
    }

    @Test(arguments: [
        (
            #""startTimeUnixNano":"99999999999999999999""#,
            "99999999999999999999 is out of range for an unsigned 64-bit integer"
        ),
        (#""endTimeUnixNano":18446744073709551616"#, "18446744073709551616 is out of range"),
        (#""droppedAttributesCount":4294967296"#, "4294967296 is out of range for an unsigned 32-bit integer"),
        (#""flags":1e10"#, "1e10 is out of range"),
        (#""kind":256"#, "span kind 256 is out of range"),
        (
            #""attributes":[{"key":"i","value":{"intValue":"9223372036854775808"}}]"#,
            "9223372036854775808 is out of range for a 64-bit integer"
        ),
        (#""attributes":[{"key":"i","value":{"intValue":-9223372036854775809}}]"#, "out of range for a 64-bit integer"),
        (#""attributes":[{"key":"d","value":{"doubleValue":1e400}}]"#, "1e400 is out of range for a double"),
        (#""attributes":[{"key":"d","value":{"doubleValue":"-1e99999999999"}}]"#, "out of range for a double"),
        (#""attributes":[{"key":"i","value":{"intValue":"1"#, "truncated"),
    ])
    func hugeNumbersAreRefused(_ field: String, _ reason: String) {
        expectRefused(Self.request(Self.span(1, "," + field)), reason)
    }

    @Test func aTruncatedHugeNumberIsNotAccepted() {
        expectRefused(#"{"traceId":"\#(Self.traceA)","spanId":"0000000000000001","startTimeUnixNano":123"#, "truncated")
    }

    @Test func mutatedLinesNeverCrashAndFailCleanly() {
        var g = SplitMix64(seed: 0xBAD_5EED)
        var accepted = 0
        for _ in 0..<300 {
            var source = SpanBatch()
            source.append(records: JSONFixtures.randomRecords(&g))
            var line = OTLPJSON.encode(source)
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let i = Int.random(in: 0..<line.count, using: &g)
                switch Int.random(in: 0..<4, using: &g) {
                case 0: line[i] = UInt8.random(in: 0...255, using: &g)
                case 1: line.remove(at: i)
                case 2: line.insert(Array(#"{}[]",:\0e-9"#.utf8).randomElement(using: &g)!, at: i)
                default: line[i] = UInt8(ascii: "\"")
                }
            }
            var batch = prefilledBatch()
            let before = sizes(batch)
            var outcome = DecodeOutcome()
            do throws(WireError) {
                try OTLPJSON.decodeLine(line, into: &batch, outcome: &outcome)
                accepted += 1
                // Whatever was accepted can be written out and read back.
                let (again, _) = try decodeJSON(OTLPJSON.encode(batch))
                #expect(again.records() == batch.records())
            } catch {
                #expect(!error.reason.isEmpty)
                #expect(sizes(batch) == before)
                #expect(outcome == DecodeOutcome())
            }
        }
        #expect(accepted < 300)
    }

    // MARK: Rejected spans (the rest of the line is kept)

    private func decodeKeepingRest(_ line: String) throws -> (names: [String], outcome: DecodeOutcome, batch: SpanBatch)
    {
        var batch = prefilledBatch()
        var outcome = DecodeOutcome()
        try OTLPJSON.decodeLine(Array(line.utf8), into: &batch, outcome: &outcome)
        return (batch.records().map(\.name), outcome, batch)
    }

    @Test(arguments: [
        (#","traceId":"000000000000000000000000000000a""#, "trace id has 31 hex digits, expected 32"),
        (#","traceId":"00000000000000000000000000000a""#, "trace id is 15 bytes, expected 16"),
        (#","traceId":"0000000000000000000000000000000000a0""#, "trace id is 18 bytes, expected 16"),
        (#","traceId":"""#, "span has no trace id"),
        (#","traceId":"00000000000000000000000000000000""#, "trace id is all zeros"),
        (#","traceId":"0000000000000000000000000000000g""#, #"trace id "0000000000000000000000000000000g" is not hex"#),
        (#","traceId":"0000000000000000000000000000\u0030\u0030a""#, "is not hex"),
        (#","spanId":"00000000000001""#, "span id is 7 bytes, expected 8"),
        (#","spanId":"0000000000000000""#, "span id is all zeros"),
        (#","parentSpanId":"0001""#, "parent span id is 2 bytes, expected 8 or none"),
        (#","startTimeUnixNano":"20","endTimeUnixNano":"10""#, "ends before it starts"),
        (#","links":[{"traceId":"abc","spanId":"0000000000000001"}]"#, "link 0 trace id has 3 hex digits, expected 32"),
        (#","links":[{},{"traceId":"\#(traceA)","spanId":"01"}]"#, "link 1 span id has 2 hex digits, expected 16"),
    ])
    func invalidSpansAreRejectedAndTheRestKept(_ override: String, _ reason: String) throws {
        // JSON keeps the last of duplicate keys, so the override replaces the good id.
        let line = Self.request(Self.span(1), Self.span(2, override), Self.span(3))
        let (names, outcome, batch) = try decodeKeepingRest(line)
        #expect(names == ["already here", "span 1", "span 3"])
        #expect(outcome.rejectedSpans == 1)
        let first = try #require(outcome.firstRejection)
        #expect(first.contains(reason), "\(first)")
        #expect(first.hasPrefix("resourceSpans[0].scopeSpans[0].spans[1]: "), "\(first)")
        // Nothing of the rejected span stays behind in the batch.
        // (two from the prefilled span, the resource's one, one each for spans 1 and 3)
        #expect(batch.attributes.count == 2 + 1 + 2)
        #expect(!batch.string(ByteRef(offset: 0, length: UInt32(batch.bytes.count))).contains("span 2"))
    }

    @Test func missingSpanIDRejectsTheSpan() throws {
        let line = Self.request(Self.span(1), #""traceId":"\#(Self.traceA)","name":"no id""#)
        let (names, outcome, _) = try decodeKeepingRest(line)
        #expect(names == ["already here", "span 1"])
        #expect(outcome.firstRejection == "resourceSpans[0].scopeSpans[0].spans[1]: span has no span id")
    }

    @Test func endBeforeStartRejectsAFlatSpan() throws {
        let line =
            #"{"name":"backwards","traceId":"\#(Self.traceA)","spanId":"0000000000000001","startTimeUnixNano":200,"endTimeUnixNano":100,"resourceAttributes":{"a":"b"}}"#
        let (names, outcome, batch) = try decodeKeepingRest(line)
        #expect(names == ["already here"])
        #expect(outcome.rejectedSpans == 1)
        #expect(outcome.firstRejection == "span 0000000000000001 ends before it starts")
        #expect(sizes(batch) == sizes(prefilledBatch()))
    }

    @Test func aLineWhoseSpansAreAllRejectedLeavesNoResource() throws {
        let line = Self.request(#""traceId":"","spanId":"0000000000000001""#)
        let (_, outcome, batch) = try decodeKeepingRest(line)
        #expect(outcome.rejectedSpans == 1)
        #expect(sizes(batch) == sizes(prefilledBatch()))
    }

    @Test func rejectionsAreUndoneWhenTheLineFailsLater() {
        // The first span is rejected, then the line turns out to be broken: nothing is counted.
        let line = Self.request(#""traceId":"","spanId":"0000000000000001""#, Self.span(2)) + "garbage"
        expectRefused(line, "expected the end of the line")
    }
}
