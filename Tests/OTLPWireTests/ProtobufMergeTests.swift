import Foundation
import SpanCore
import SpantopTestSupport
import SwiftProtobuf
import Testing

@testable import OTLPWire

/// A singular message field given more than once is merged, as protobuf requires: scalars and
/// strings take the last value, repeated fields are concatenated, nested messages merge.
/// Encoders never write this, but the wire allows it. Two serialized messages back to back are
/// exactly that, so each test puts two messages into one field and compares with swift-protobuf.
struct ProtobufMergeTests {
    func field(_ number: UInt8, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [number << 3 | 2]
        var n = body.count
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
        return out + body
    }

    func serialized(_ message: some SwiftProtobuf.Message) throws -> [UInt8] { try message.serializedBytes() }

    /// The decoder's spans and rejections must be swift-protobuf's.
    func expectSameAsReference(_ request: [UInt8]) throws -> [SpanRecord] {
        let reference = Reference.acceptedRecords(try PBRequest(serializedBytes: request))
        var decoder = ProtobufDecoder()
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        try decoder.decode(request, into: &batch, outcome: &outcome)
        #expect(outcome.rejectedSpans == reference.rejected)
        #expect(batch.records() == reference.records)
        return reference.records
    }

    func randomSpans(_ seed: Int) -> (SpanRecord, SpanRecord) {
        var g = SplitMix64(seed: UInt64(5000 + seed))
        return (RandomSpans.span(&g), RandomSpans.span(&g))
    }

    /// Two `ResourceSpans` in one: the resource's attributes are concatenated, with the first
    /// one's scope spans between them.
    @Test(arguments: 0..<20)
    func resourceSpansGivenTwice(seed: Int) throws {
        let (a, b) = randomSpans(seed)
        let first = try serialized(Reference.request([a]).resourceSpans[0])
        let second = try serialized(Reference.request([b]).resourceSpans[0])
        let records = try expectSameAsReference(field(1, first + second))
        #expect(records.first?.resource.attributes == a.resource.attributes + b.resource.attributes)
    }

    /// Two `ScopeSpans` in one: the scope's attributes are concatenated around the first one's span.
    @Test(arguments: 0..<20)
    func scopeSpansGivenTwice(seed: Int) throws {
        let (a, b) = randomSpans(seed)
        let first = try serialized(Reference.request([a]).resourceSpans[0].scopeSpans[0])
        let second = try serialized(Reference.request([b]).resourceSpans[0].scopeSpans[0])
        let records = try expectSameAsReference(field(1, field(2, first + second)))
        #expect(records.first?.scope.attributes == a.scope.attributes + b.scope.attributes)
    }

    /// Two `Span`s in one: ids and times from the second, attributes, events and links of both.
    @Test(arguments: 0..<20)
    func spanGivenTwice(seed: Int) throws {
        let (a, b) = randomSpans(seed)
        let first = try serialized(Reference.request([a]).resourceSpans[0].scopeSpans[0].spans[0])
        let second = try serialized(Reference.request([b]).resourceSpans[0].scopeSpans[0].spans[0])
        _ = try expectSameAsReference(field(1, field(2, field(2, first + second))))
    }

    /// Two `KeyValue`s in one attribute: the key is the second's, the values merge (a list after
    /// a list of the same kind extends it; an empty value keeps the earlier one).
    static let valuePairs: [(first: AttributeValue, second: AttributeValue, merged: AttributeValue)] = [
        (.array([.int(1), .string("a")]), .array([.int(2)]), .array([.int(1), .string("a"), .int(2)])),
        (.kvlist([x1]), .kvlist([y2]), .kvlist([x1, y2])),
        (.string("kept"), .empty, .string("kept")),
        (.array([.int(1)]), .kvlist([y2]), .kvlist([y2])),
        (.kvlist([KeyValue("x", .array([.int(1)]))]), .string("s"), .string("s")),
    ]
    static let x1 = KeyValue("x", .int(1))
    static let y2 = KeyValue("y", .bool(true))

    @Test(arguments: valuePairs)
    func attributeGivenTwice(first: AttributeValue, second: AttributeValue, merged: AttributeValue) throws {
        var span = SpanRecord()
        span.traceID = TraceID(high: 1, low: 2)
        span.spanID = SpanID(3)
        let pbSpan = Reference.request([span]).resourceSpans[0].scopeSpans[0].spans[0]
        let kvs =
            try serialized(Reference.pbKeyValue(KeyValue("k1", first)))
            + serialized(Reference.pbKeyValue(KeyValue("k2", second)))
        let records = try expectSameAsReference(field(1, field(2, field(2, try serialized(pbSpan) + field(9, kvs)))))
        #expect(records.first?.attributes == [KeyValue("k2", merged)])
    }

    /// Random values merged in attributes of spans, events and links, and inside key-value lists.
    @Test(arguments: 0..<40)
    func randomAttributesGivenTwice(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(7000 + seed))
        func pair() throws -> [UInt8] {
            try serialized(Reference.pbKeyValue(KeyValue("a", RandomSpans.value(&g))))
                + serialized(Reference.pbKeyValue(KeyValue("b", RandomSpans.value(&g))))
        }
        var span = SpanRecord()
        span.traceID = TraceID(high: 1, low: 2)
        span.spanID = SpanID(3)
        let pbSpan = Reference.request([span]).resourceSpans[0].scopeSpans[0].spans[0]
        let event = field(3, try pair())
        let linkIDs = field(1, [UInt8](repeating: 1, count: 16)) + field(2, [UInt8](repeating: 2, count: 8))
        let link = linkIDs + field(4, try pair())
        let kvlist = field(2, field(6, field(1, try pair())))
        let body =
            try serialized(pbSpan) + field(9, try pair()) + field(11, event) + field(13, link) + field(9, kvlist)
        _ = try expectSameAsReference(field(1, field(2, field(2, body))))
    }
}
