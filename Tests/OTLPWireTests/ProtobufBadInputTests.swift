import Foundation
import SpanCore
import SpantopTestSupport
import Testing

@testable import OTLPWire

/// Bad requests get a clear error and leave the batch as it was; bad spans are rejected
/// one by one and the rest of the request is kept.
struct ProtobufBadInputTests {
    func validRecords(_ count: Int) -> [SpanRecord] {
        (0..<count).map { i in
            var r = SpanRecord()
            r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("svc"))])
            r.traceID = TraceID(high: 1, low: 2)
            r.spanID = SpanID(UInt64(i + 1))
            r.name = "span-\(i)"
            r.startTime = Timestamp(unixNanoseconds: 100)
            r.endTime = Timestamp(unixNanoseconds: 200)
            r.attributes = [KeyValue("n", .int(Int64(i)))]
            return r
        }
    }

    func encode(_ records: [SpanRecord]) -> [UInt8] {
        var b = SpanBatch()
        b.append(records: records)
        return ProtobufEncoder.encode(b)
    }

    /// Decodes into a batch that already holds spans, checking they survive a failure.
    func decodeFailure(_ bytes: [UInt8]) -> (WireError?, SpanBatch) {
        var batch = SpanBatch()
        batch.append(records: validRecords(2))
        let before = batch.records()
        var decoder = ProtobufDecoder()
        var outcome = DecodeOutcome()
        do {
            try decoder.decode(bytes, into: &batch, outcome: &outcome)
            return (nil, batch)
        } catch {
            #expect(batch.records() == before, "a failed request must not leave partial spans")
            #expect(outcome.rejectedSpans == 0)
            return (error, batch)
        }
    }

    @Test func truncatedRequestIsRejectedAtEveryCut() {
        let bytes = encode(validRecords(3))
        for cut in stride(from: 1, to: bytes.count, by: 1) {
            let (error, _) = decodeFailure(Array(bytes[0..<cut]))
            // Some cuts fall on a field boundary of the outermost message only at the very end.
            if let error { #expect(!error.reason.isEmpty) }
        }
        #expect(decodeFailure(Array(bytes.dropLast())).0 != nil)
    }

    @Test func garbageBytesGiveAClearError() {
        let (error, _) = decodeFailure([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(error?.reason.contains("varint") == true)
    }

    @Test func wrongWireTypeNamesTheField() {
        // resource_spans (field 1) sent as a varint.
        let (error, _) = decodeFailure([0x08, 0x01])
        #expect(error?.reason == "ExportTraceServiceRequest field 1 has wire type 0, expected 2")
    }

    @Test func invalidUTF8IsRejected() {
        var records = validRecords(1)
        records[0].name = "PLACEHOLDER"
        var bytes = encode(records)
        let marker = Array("PLACEHOLDER".utf8)
        let at = (0...(bytes.count - marker.count)).first { Array(bytes[$0..<$0 + marker.count]) == marker }!
        bytes[at] = 0xC3
        bytes[at + 1] = 0x28  // 0xC3 must be followed by a continuation byte
        let (error, _) = decodeFailure(bytes)
        #expect(error?.reason.contains("not valid UTF-8") == true)
    }

    @Test func idsOfTheWrongLengthRejectOnlyThatSpan() throws {
        var records = validRecords(3)
        records[1].name = "bad"
        let good = try rewrite(records, spanNamed: "bad") { span in
            span.spanID = Data([1, 2, 3])
        }
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        var decoder = ProtobufDecoder()
        try decoder.decode(good, into: &batch, outcome: &outcome)
        #expect(batch.spans.count == 2)
        #expect(outcome.rejectedSpans == 1)
        #expect(outcome.firstRejection == "span id is 3 bytes, expected 8")
    }

    @Test func missingIdsAreRejected() throws {
        var records = validRecords(2)
        records[0].name = "bad"
        let bytes = try rewrite(records, spanNamed: "bad") { span in
            span.traceID = Data()
        }
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        var decoder = ProtobufDecoder()
        try decoder.decode(bytes, into: &batch, outcome: &outcome)
        #expect(batch.spans.count == 1)
        #expect(outcome.firstRejection == "span has no trace id")
    }

    @Test func endBeforeStartIsRejected() throws {
        var records = validRecords(2)
        records[1].startTime = Timestamp(unixNanoseconds: 500)
        records[1].endTime = Timestamp(unixNanoseconds: 100)
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        var decoder = ProtobufDecoder()
        try decoder.decode(encode(records), into: &batch, outcome: &outcome)
        #expect(batch.records().map(\.name) == ["span-0"])
        #expect(outcome.firstRejection?.contains("ends before it starts") == true)
    }

    @Test func absurdNestingIsRefusedWithoutCrashing() {
        var value = AttributeValue.int(1)
        for _ in 0..<2000 { value = .array([value]) }
        var records = validRecords(1)
        records[0].attributes = [KeyValue("deep", value)]
        let (error, _) = decodeFailure(encode(records))
        #expect(error?.reason.contains("nested deeper than 32") == true)
    }

    @Test func nestingWithinTheLimitIsKept() throws {
        var value = AttributeValue.string("leaf")
        for _ in 0..<31 { value = .kvlist([KeyValue("k", value)]) }
        var records = validRecords(1)
        records[0].attributes = [KeyValue("deep", value)]
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        var decoder = ProtobufDecoder()
        try decoder.decode(encode(records), into: &batch, outcome: &outcome)
        #expect(batch.records() == records)
    }

    @Test func emptyRequestIsFine() throws {
        let (error, batch) = decodeFailure([])
        #expect(error == nil)
        #expect(batch.spans.count == 2)
    }

    /// Re-encodes `records` through the reference types, editing one span.
    func rewrite(_ records: [SpanRecord], spanNamed name: String, _ edit: (inout PBSpan) -> Void) throws -> [UInt8] {
        var request = Reference.request(records)
        for i in request.resourceSpans.indices {
            for j in request.resourceSpans[i].scopeSpans.indices {
                for k in request.resourceSpans[i].scopeSpans[j].spans.indices
                where request.resourceSpans[i].scopeSpans[j].spans[k].name == name {
                    edit(&request.resourceSpans[i].scopeSpans[j].spans[k])
                }
            }
        }
        return try request.serializedBytes()
    }
}
