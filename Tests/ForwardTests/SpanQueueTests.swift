import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct SpanQueueTests {
    func ids(_ pieces: [SpanQueue.Piece]) -> [UInt64] {
        pieces.flatMap { p in p.range.map { p.batch.spans[$0].spanID.raw } }
    }

    func batch(_ range: Range<Int>) -> SpanBatch {
        SpanBatch(
            records:
                range.map { i in
                    var r = SpanRecord()
                    r.traceID = TraceID(high: 1, low: 1)
                    r.spanID = SpanID(UInt64(i + 1))
                    r.name = "span \(i)"
                    return r
                })
    }

    @Test func takesInSubmissionOrderAcrossBatches() {
        var q = SpanQueue(capacity: 100)
        #expect(q.append(batch(0..<5)) == 0)
        #expect(q.append(batch(5..<12)) == 0)
        #expect(q.count == 12)
        #expect(ids(q.take(maxSpans: 8, maxBytes: .max)) == Array(1...8))
        #expect(q.count == 4)
        #expect(ids(q.take(maxSpans: 8, maxBytes: .max)) == Array(9...12))
        #expect(q.isEmpty)
        #expect(q.take(maxSpans: 8, maxBytes: .max).isEmpty)
    }

    @Test func dropsTheOldestSpansWhenFull() {
        var q = SpanQueue(capacity: 10)
        #expect(q.append(batch(0..<6)) == 0)
        #expect(q.append(batch(6..<12)) == 2)
        #expect(q.count == 10)
        #expect(q.append(batch(12..<30)) == 18)
        #expect(ids(q.take(maxSpans: 100, maxBytes: .max)) == Array(21...30))
    }

    @Test func stopsAtTheByteLimitButAlwaysTakesSomething() {
        var q = SpanQueue(capacity: 100)
        let b = batch(0..<4)
        _ = q.append(b)
        _ = q.append(batch(4..<8))
        let first = q.take(maxSpans: 100, maxBytes: b.bytes.count)
        #expect(ids(first) == [1, 2, 3, 4])
        #expect(ids(q.take(maxSpans: 100, maxBytes: 1)) == [5, 6, 7, 8])
    }

    @Test func emptyBatchesAreIgnored() {
        var q = SpanQueue(capacity: 4)
        #expect(q.append(SpanBatch()) == 0)
        #expect(q.isEmpty)
    }

    @Test func manyBatchesThroughASmallQueueKeepTheNewest() {
        var q = SpanQueue(capacity: 50)
        var dropped = 0
        for i in 0..<200 { dropped += q.append(batch(i * 3..<i * 3 + 3)) }
        #expect(dropped == 550)
        #expect(ids(q.take(maxSpans: 1000, maxBytes: .max)) == Array(551...600))
    }
}
