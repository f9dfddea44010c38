import Foundation
import OTLPWire
import SpanCore
import SpantopTestSupport
import Testing

/// Decoding the line forms people and exporters actually write.
@Suite("OTLP JSON decoding")
struct JSONDecodeTests {
    /// Two spans as Python's opentelemetry-exporter-otlp-json-file 0.66b1 writes them (one export, one line).
    static let pythonLine = #"""
        {"resourceSpans":[{"resource":{"attributes":[{"key":"telemetry.sdk.language","value":{"stringValue":"python"}},{"key":"telemetry.sdk.name","value":{"stringValue":"opentelemetry"}},{"key":"telemetry.sdk.version","value":{"stringValue":"1.45.2"}},{"key":"service.instance.id","value":{"stringValue":"i-1"}},{"key":"service.name","value":{"stringValue":"svc"}},{"key":"n","value":{"intValue":"3"}},{"key":"f","value":{"doubleValue":1.5}}]},"scopeSpans":[{"scope":{"name":"my.scope","version":"1.2.3"},"spans":[{"traceId":"f405a4f2e66ed5f01a89332ccf8cd2c5","spanId":"b7c431e18f3617a1","parentSpanId":"9992eff9b9dc896a","flags":256,"name":"child","kind":1,"startTimeUnixNano":"1795291457339366075","endTimeUnixNano":"1795291457339403167","attributes":[{"key":"nan","value":{"doubleValue":"NaN"}},{"key":"inf","value":{"doubleValue":"Infinity"}}],"links":[{"traceId":"f405a4f2e66ed5f01a89332ccf8cd2c5","spanId":"9992eff9b9dc896a","attributes":[{"key":"l","value":{"intValue":"1"}}],"flags":256}],"status":{"message":"boom","code":2}},{"traceId":"f405a4f2e66ed5f01a89332ccf8cd2c5","spanId":"9992eff9b9dc896a","flags":256,"name":"root","kind":1,"startTimeUnixNano":"1795291457339261066","endTimeUnixNano":"1795291457339426941","attributes":[{"key":"s","value":{"stringValue":"h\u00e9llo \"q\" \n"}},{"key":"b","value":{"boolValue":true}},{"key":"i","value":{"intValue":"-42"}},{"key":"d","value":{"doubleValue":0.1}},{"key":"arr","value":{"arrayValue":{"values":[{"stringValue":"a"},{"stringValue":"b"}]}}},{"key":"ia","value":{"arrayValue":{"values":[{"intValue":"1"},{"intValue":"2"}]}}},{"key":"big","value":{"intValue":"4611686018427387904"}}],"events":[{"timeUnixNano":"1795291457339294090","name":"ev","attributes":[{"key":"k","value":{"stringValue":"v"}}]}],"status":{}}]}]}]}
        """#

    @Test func pythonExporterLineDecodes() throws {
        let (batch, outcome) = try decodeJSON(Self.pythonLine + "\n")
        #expect(outcome.rejectedSpans == 0)
        let records = batch.records()
        try #require(records.count == 2)
        let child = records[0]
        let root = records[1]
        #expect(child.resource.attributes.first { $0.key == "service.name" }?.value == .string("svc"))
        #expect(child.resource.attributes.first { $0.key == "n" }?.value == .int(3))
        #expect(child.resource.attributes.first { $0.key == "f" }?.value == .double(1.5))
        #expect(child.scope == ScopeRecord(name: "my.scope", version: "1.2.3"))
        #expect(child.traceID == TraceID(hex: "f405a4f2e66ed5f01a89332ccf8cd2c5"))
        #expect(child.spanID == SpanID(hex: "b7c431e18f3617a1"))
        #expect(child.parentSpanID == SpanID(hex: "9992eff9b9dc896a"))
        #expect(child.flags == 256)
        #expect(child.kind == 1)
        #expect(child.startTime.unixNanoseconds == 1_795_291_457_339_366_075)
        #expect(child.endTime.unixNanoseconds == 1_795_291_457_339_403_167)
        #expect(child.statusCode == StatusCode.error)
        #expect(child.statusMessage == "boom")
        #expect(child.attributes == [KeyValue("nan", .double(.nan)), KeyValue("inf", .double(.infinity))])
        #expect(child.links.count == 1)
        #expect(child.links.first?.spanID == root.spanID)
        #expect(child.links.first?.flags == 256)
        #expect(child.links.first?.attributes == [KeyValue("l", .int(1))])
        #expect(root.parentSpanID == .zero)
        #expect(root.statusCode == StatusCode.unset)
        #expect(
            root.attributes == [
                KeyValue("s", .string("héllo \"q\" \n")), KeyValue("b", .bool(true)), KeyValue("i", .int(-42)),
                KeyValue("d", .double(0.1)), KeyValue("arr", .array([.string("a"), .string("b")])),
                KeyValue("ia", .array([.int(1), .int(2)])), KeyValue("big", .int(4_611_686_018_427_387_904)),
            ])
        #expect(
            root.events == [
                EventRecord(
                    time: Timestamp(unixNanoseconds: 1_795_291_457_339_294_090), name: "ev",
                    attributes: [KeyValue("k", .string("v"))])
            ])
        // Both spans share one resource and one scope, as on the wire.
        #expect(batch.resources.count == 1 && batch.scopes.count == 1)
    }

    @Test func flatSpanLineDecodesToTheExpectedRecord() throws {
        let line = #"""
            {"name":"llm.call","traceId":"0123456789ABCDEF0123456789abcdef","spanId":"00000000000000a1","parentSpanId":"","startTimeUnixNano":1700000000000000000,"endTimeUnixNano":"1700000001000000000","status":{"code":"ERROR","message":"rate limited"},"attributes":{"s":"x","b":true,"f":false,"i":42,"neg":-7,"d":1.5,"e":1e3,"big":123456789012345678901,"arr":[1,"two",null,[true]],"obj":{"k":"v","n":{"m":0}},"nul":null},"resourceAttributes":{"service.name":"agent"},"scope":{"name":"camel","version":"0.2"},"kind":"CLIENT","events":[{"name":"exception","timeUnixNano":"1700000000500000000","attributes":{"exception.message":"bad"}}],"unknown":{"deep":[1,{"x":null}]}}
            """#
        let (batch, outcome) = try decodeJSON(line)
        #expect(outcome.rejectedSpans == 0)
        var expected = SpanRecord()
        expected.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("agent"))])
        expected.scope = ScopeRecord(name: "camel", version: "0.2")
        expected.traceID = TraceID(high: 0x0123_4567_89AB_CDEF, low: 0x0123_4567_89AB_CDEF)
        expected.spanID = SpanID(0xA1)
        expected.name = "llm.call"
        expected.kind = 3
        expected.statusCode = StatusCode.error
        expected.statusMessage = "rate limited"
        expected.startTime = Timestamp(unixNanoseconds: 1_700_000_000_000_000_000)
        expected.endTime = Timestamp(unixNanoseconds: 1_700_000_001_000_000_000)
        expected.attributes = [
            KeyValue("s", .string("x")), KeyValue("b", .bool(true)), KeyValue("f", .bool(false)),
            KeyValue("i", .int(42)),
            KeyValue("neg", .int(-7)), KeyValue("d", .double(1.5)), KeyValue("e", .double(1000)),
            KeyValue("big", .double(123_456_789_012_345_683_968)),
            KeyValue("arr", .array([.int(1), .string("two"), .empty, .array([.bool(true)])])),
            KeyValue("obj", .kvlist([KeyValue("k", .string("v")), KeyValue("n", .kvlist([KeyValue("m", .int(0))]))])),
            KeyValue("nul", .empty),
        ]
        expected.events = [
            EventRecord(
                time: Timestamp(unixNanoseconds: 1_700_000_000_500_000_000), name: "exception",
                attributes: [KeyValue("exception.message", .string("bad"))])
        ]
        #expect(batch.records() == [expected])
    }

    @Test func flatLinesAppendOneSpanEach() throws {
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        for i in 1...3 {
            let line =
                #"{"traceId":"000000000000000000000000000000ff","spanId":"000000000000000\#(i)","name":"s\#(i)"}"#
            try OTLPJSON.decodeLine(Array(line.utf8), into: &batch, outcome: &outcome)
        }
        #expect(batch.records().map(\.name) == ["s1", "s2", "s3"])
        #expect(batch.records().map(\.spanID.raw) == [1, 2, 3])
    }

    @Test(arguments: [
        (#""ERROR""#, StatusCode.error), (#""STATUS_CODE_ERROR""#, StatusCode.error), (#""ok""#, StatusCode.ok),
        (#""Unset""#, StatusCode.unset), ("2", StatusCode.error), (#""1""#, StatusCode.ok), ("0", StatusCode.unset),
    ])
    func statusCodeForms(_ code: String, _ expected: UInt8) throws {
        let flat =
            #"{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","status":{"code":\#(code)}}"#
        #expect(try decodeJSON(flat).0.records().first?.statusCode == expected)
        let bare = #"{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","status":\#(code)}"#
        #expect(try decodeJSON(bare).0.records().first?.statusCode == expected)
        let otlp =
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","status":{"code":\#(code)}}]}]}]}"#
        #expect(try decodeJSON(otlp).0.records().first?.statusCode == expected)
    }

    @Test(arguments: [
        (#""SPAN_KIND_SERVER""#, UInt8(2)), (#""SPAN_KIND_INTERNAL""#, 1), (#""consumer""#, 5), ("4", 4),
        (#""SPAN_KIND_UNSPECIFIED""#, 0), (#""3""#, 3),
    ])
    func spanKindForms(_ kind: String, _ expected: UInt8) throws {
        let line =
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","kind":\#(kind)}]}]}]}"#
        #expect(try decodeJSON(line).0.records().first?.kind == expected)
    }

    @Test func snakeCaseFieldNamesAreAccepted() throws {
        let line = #"""
            {"resource_spans":[{"resource":{"attributes":[{"key":"a","value":{"int_value":"5"}}],"dropped_attributes_count":2},"schema_url":"r","scope_spans":[{"scope":{"name":"s"},"schema_url":"u","spans":[{"trace_id":"0000000000000000000000000000000a","span_id":"000000000000000b","parent_span_id":"000000000000000c","trace_state":"t=1","start_time_unix_nano":"10","end_time_unix_nano":20,"dropped_attributes_count":1,"dropped_events_count":2,"dropped_links_count":3,"attributes":[{"key":"k","value":{"string_value":"v"}},{"key":"d","value":{"double_value":2}},{"key":"b","value":{"bool_value":false}},{"key":"y","value":{"bytes_value":"AQI="}},{"key":"l","value":{"array_value":{"values":[{"kvlist_value":{"values":[{"key":"z","value":{}}]}}]}}}],"events":[{"time_unix_nano":"7","name":"e"}]}]}]}]}
            """#
        let (batch, _) = try decodeJSON(line)
        let r = try #require(batch.records().first)
        #expect(r.resource.attributes == [KeyValue("a", .int(5))])
        #expect(r.resource.droppedAttributes == 2)
        #expect(r.resource.schemaURL == "r")
        #expect(r.scope.schemaURL == "u")
        #expect(r.parentSpanID == SpanID(0xC))
        #expect(r.traceState == "t=1")
        #expect((r.startTime.unixNanoseconds, r.endTime.unixNanoseconds) == (10, 20))
        #expect((r.droppedAttributes, r.droppedEvents, r.droppedLinks) == (1, 2, 3))
        #expect(
            r.attributes == [
                KeyValue("k", .string("v")), KeyValue("d", .double(2)), KeyValue("b", .bool(false)),
                KeyValue("y", .bytes([1, 2])),
                KeyValue("l", .array([.kvlist([KeyValue("z", .empty)])])),
            ])
        #expect(r.events == [EventRecord(time: Timestamp(unixNanoseconds: 7), name: "e")])
    }

    @Test func lenientButValidSpellingsAreAccepted() throws {
        // Keys in any order (resource after its spans), unknown keys with any value, nulls as
        // absent, escaped keys, numbers for 64-bit ints, doubles as strings, URL-safe base64.
        let line = #"""
            {"extra":[1,{"a":[null,true,"\u00e9"]}],"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"000000000000000B","tr\u0061ceId":"0000000000000000000000000000000A","name":null,"endTimeUnixNano":2e3,"startTimeUnixNano":1000,"attributes":[{"value":{"intValue":-9223372036854775808},"key":"min"},{"key":"d","value":{"doubleValue":"-Infinity"}},{"key":"d2","value":{"doubleValue":"2.5"}},{"key":"u","value":{"bytesValue":"-_8"}},{"key":"slash","value":{"bytesValue":"\/w=="}},{"key":"n","value":null},{"key":"future","value":{"stringValueStrindex":3}}],"status":null,"newField":{"x":[[[]]]}}],"scope":{"name":"late"}}],"resource":{"attributes":[{"key":"svc","value":{"stringValue":"late too"}}]}}]}
            """#
        let (batch, outcome) = try decodeJSON(line)
        #expect(outcome.rejectedSpans == 0)
        let r = try #require(batch.records().first)
        #expect(r.traceID == TraceID(high: 0, low: 0xA))
        #expect(r.spanID == SpanID(0xB))
        #expect((r.startTime.unixNanoseconds, r.endTime.unixNanoseconds) == (1000, 2000))
        #expect(r.scope.name == "late")
        #expect(r.resource.attributes == [KeyValue("svc", .string("late too"))])
        #expect(
            r.attributes == [
                KeyValue("min", .int(.min)), KeyValue("d", .double(-.infinity)), KeyValue("d2", .double(2.5)),
                KeyValue("u", .bytes([0xFB, 0xFF])), KeyValue("slash", .bytes([0xFF])), KeyValue("n", .empty),
                KeyValue("future", .empty),
            ])
    }

    @Test func surrogatePairsAndEscapesDecode() throws {
        let line =
            #"{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","name":"\uD83D\uDE00 \u00e9 \u4e2d \"\\\/\b\f\n\r\t \u0000"}"#
        #expect(try decodeJSON(line).0.records().first?.name == "😀 é 中 \"\\/\u{8}\u{C}\n\r\t \u{0}")
    }

    @Test func blankLinesAndEmptyRequestsAddNothing() throws {
        for line in [
            "", "   ", "\n", "\r\n", "{}", "{\"resourceSpans\":[]}", "{\"resourceSpans\":[{}]}",
            "{\"resourceSpans\":null}",
        ] {
            let (batch, outcome) = try decodeJSON(line)
            #expect(batch.isEmpty && sizes(batch) == sizes(SpanBatch()), "\(line)")
            #expect(outcome.rejectedSpans == 0)
        }
    }

    @Test func aByteOrderMarkBeforeTheLineIsIgnored() throws {
        let (batch, _) = try decodeJSON([0xEF, 0xBB, 0xBF] + Array(Self.pythonLine.utf8))
        #expect(batch.spans.count == 2)
    }

    @Test func resourcesAndScopesWithoutSpansAreNotKept() throws {
        let line =
            #"{"resourceSpans":[{"resource":{"attributes":[{"key":"a","value":{"stringValue":"gone"}}]},"scopeSpans":[{"scope":{"name":"empty"},"spans":[]}]},{"scopeSpans":[{"scope":{"name":"kept"},"spans":[{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b"}]}]}]}"#
        let (batch, _) = try decodeJSON(line)
        #expect(batch.resources.count == 1 && batch.scopes.count == 1 && batch.attributes.isEmpty)
        #expect(batch.records().first?.scope.name == "kept")
    }

    @Test func valuesNestedExactlyToTheLimitDecode() throws {
        var value = #"{"stringValue":"bottom"}"#
        for _ in 0..<WireLimits.maxValueDepth { value = #"{"arrayValue":{"values":[\#(value)]}}"# }
        let line =
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b","events":[{"attributes":[{"key":"deep","value":\#(value)}]}]}]}]}]}"#
        let (batch, _) = try decodeJSON(line)
        var v = try #require(batch.records().first?.events.first?.attributes.first?.value)
        var levels = 0
        while case .array(let items) = v, let first = items.first {
            v = first
            levels += 1
        }
        #expect(levels == WireLimits.maxValueDepth)
        #expect(v == .string("bottom"))
    }

    @Test func appendsAfterWhatTheBatchHolds() throws {
        var batch = prefilledBatch()
        var outcome = DecodeOutcome()
        try OTLPJSON.decodeLine(Array(Self.pythonLine.utf8), into: &batch, outcome: &outcome)
        #expect(batch.records().map(\.name) == ["already here", "child", "root"])
    }

    /// The workforce recording a colleague generates with the real Python exporter, when present.
    static let fixture = Fixtures.directory.appendingPathComponent("workforce.otlp.jsonl")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: fixture.path)))
    func workforceFixtureDecodes() throws {
        let data = try Data(contentsOf: Self.fixture)
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        var lines = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lines += 1
            do throws(WireError) {
                try OTLPJSON.decodeLine(Array(line), into: &batch, outcome: &outcome)
            } catch {
                Issue.record("line \(lines): \(error.reason)")
            }
        }
        #expect(lines > 0)
        #expect(batch.spans.count > 0)
        #expect(outcome.rejectedSpans == 0, "\(outcome.firstRejection ?? "")")
        // What we decoded survives our own encoding.
        let (again, _) = try decodeJSON(OTLPJSON.encode(batch))
        #expect(again.records() == batch.records())
    }
}
