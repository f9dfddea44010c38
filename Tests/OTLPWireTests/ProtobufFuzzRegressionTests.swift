import Foundation
import SpanCore
import SpantopTestSupport
import SwiftProtobuf
import Testing

@testable import OTLPWire

/// Inputs on which `FuzzProtobufDifferential` (`docs/Fuzzing.md`) found the decoder and
/// swift-protobuf disagreeing.
struct ProtobufFuzzRegressionTests {
    func decode(_ bytes: [UInt8]) throws -> (records: [SpanRecord], rejected: Int) {
        var decoder = ProtobufDecoder()
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        try decoder.decode(bytes, into: &batch, outcome: &outcome)
        return (batch.records(), outcome.rejectedSpans)
    }

    /// `Fuzz/Findings/differential-6d2b1095.pb`: a fixture whose last span has its status tag
    /// turned into a second, empty `parent_span_id` after the 8-byte one. The last value wins,
    /// so that span is a root; the decoder kept the first parent.
    @Test func finding6d2b1095DecodesLikeSwiftProtobuf() throws {
        let bytes = try Fixtures.fuzzFinding("differential-6d2b1095.pb")
        let reference = Reference.acceptedRecords(try PBRequest(serializedBytes: bytes))
        let decoded = try decode(bytes)
        #expect(decoded.rejected == reference.rejected)
        #expect(decoded.records == reference.records)
        let last = decoded.records.first { $0.spanID == SpanID(0x6a72_d41f_fe9e_5105) }
        #expect(last != nil)
        #expect(last?.parentSpanID == .zero)
    }

    /// The same, reduced to one span: `parent_span_id` given twice, 8 bytes then empty.
    @Test func emptyParentIDAfterAnotherMeansNoParent() throws {
        let traceID: [UInt8] = [0x0A, 16] + [UInt8](repeating: 1, count: 16)
        let spanID: [UInt8] = [0x12, 8] + [UInt8](repeating: 2, count: 8)
        let parent: [UInt8] = [0x22, 8] + [UInt8](repeating: 3, count: 8)
        let empty: [UInt8] = [0x22, 0]
        let cases = [(parent + empty, SpanID.zero), (empty + parent, SpanID(0x0303_0303_0303_0303))]
        for (parents, expected) in cases {
            let span = traceID + spanID + parents
            // ExportTraceServiceRequest { ResourceSpans { ScopeSpans { Span } } }
            let n = UInt8(span.count)
            let request: [UInt8] = [0x0A, n + 4, 0x12, n + 2, 0x12, n] + span
            #expect(Reference.records(try PBRequest(serializedBytes: request)).map(\.parentSpanID) == [expected])
            let decoded = try decode(request)
            #expect(decoded.rejected == 0)
            #expect(decoded.records.map(\.parentSpanID) == [expected])
        }
    }
}
