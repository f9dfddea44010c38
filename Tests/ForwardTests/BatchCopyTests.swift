import OTLPWire
import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct BatchCopyTests {
    @Test func copyingEverySpanKeepsEveryField() {
        let records = TestSpans.random(60, seed: 1)
        let source = SpanBatch(records: records)
        var copy = SpanBatch()
        copy.appendSpans(of: source, source.spans.indices)
        #expect(copy.records() == records)
    }

    @Test func slicesAppendedInOrderRebuildTheWhole() {
        let records = TestSpans.random(50, seed: 2)
        let source = SpanBatch(records: records)
        var merged = SpanBatch()
        for cut in [0..<7, 7..<8, 8..<31, 31..<50] {
            merged.appendSpans(of: source, cut)
        }
        #expect(merged.records() == records)
        var part = SpanBatch()
        part.appendSpans(of: source, 13..<21)
        #expect(part.records() == Array(records[13..<21]))
    }

    @Test func mergingBatchesKeepsEachSpansResourceAndScope() {
        let a = TestSpans.random(20, seed: 3)
        let b = Workforces.records(atLeast: 30)
        var merged = SpanBatch()
        merged.appendSpans(of: SpanBatch(records: a), 5..<20)
        merged.appendSpans(of: SpanBatch(records: b), 0..<b.count)
        #expect(merged.records() == Array(a[5...]) + b)
    }

    @Test func aSliceCopiesOnlyTheBytesItUses() {
        let source = SpanBatch(records: Workforces.records(atLeast: 500))
        var part = SpanBatch()
        part.appendSpans(of: source, 0..<10)
        #expect(part.bytes.count * 20 < source.bytes.count)
    }

    @Test func encodedCopyDecodesToTheSameSpans() throws {
        let records = TestSpans.random(40, seed: 4)
        var copy = SpanBatch()
        copy.appendSpans(of: SpanBatch(records: records), 0..<40)
        var decoded = SpanBatch()
        var decoder = ProtobufDecoder()
        var outcome = DecodeOutcome()
        try decoder.decode(ProtobufEncoder.encode(copy), into: &decoded, outcome: &outcome)
        #expect(decoded.records() == records)
    }
}
