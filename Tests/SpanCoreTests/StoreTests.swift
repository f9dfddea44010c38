import Testing

@testable import SpanCore

struct StoreTests {
    func trace(_ n: UInt64, spans: Int, finished: Bool) -> SpanBatch {
        var b = SpanBuilder()
        b.trace = TraceID(high: 1, low: n)
        b.resource = ResourceRecord()
        b.scope = ScopeRecord(name: "x")
        for i in 0..<spans {
            b.span(
                "s\(i)", start: Double(n), end: Double(n) + 1, parent: finished && i == 0 ? .zero : SpanID(0xDEAD),
                ["session.id": "p"])
        }
        return b.batch()
    }

    @Test func budgetEvictsWholeOldestFinishedTraces() {
        let store = TraceStore(maxSpans: 10)
        store.ingest(trace(1, spans: 4, finished: false))
        store.ingest(trace(2, spans: 4, finished: true))
        store.ingest(trace(3, spans: 4, finished: true))
        #expect(store.statistics.evictedSpans == 4)
        #expect(store.statistics.evictedTraces == 1)
        #expect(
            store.trace(TraceID(high: 1, low: 1)) != nil, "the unfinished trace is kept while a finished one can go")
        #expect(store.trace(TraceID(high: 1, low: 2)) == nil)
        let report = Report(store)
        #expect(report.evictedSpans == 4)
        #expect(report.spans == 12)
        #expect(report.projects[0].total == 3, "task summaries outlive their spans")
    }

    @Test func budgetFallsBackToTheOldestTrace() {
        let store = TraceStore(maxSpans: 5)
        store.ingest(trace(1, spans: 4, finished: false))
        store.ingest(trace(2, spans: 4, finished: false))
        #expect(store.trace(TraceID(high: 1, low: 1)) == nil)
        #expect(store.statistics.spans == 4)
    }

    @Test func largeTracesFindEverySpanAndIgnoreRepeats() {
        let batch = trace(9, spans: 3000, finished: true)
        let store = TraceStore()
        store.ingest(batch)
        store.ingest(batch)
        #expect(store.statistics.spans == 3000)
        #expect(store.statistics.duplicateSpans == 3000)
        let t = store.trace(TraceID(high: 1, low: 9))!
        for (i, s) in batch.spans.enumerated() { #expect(t.index(of: s.spanID) == i) }
        #expect(t.index(of: SpanID(0xFFFF_FFFF)) == nil)
    }

    @Test func spansArrivingAfterTheRootAreFoundAndDeduplicated() {
        // Root last: the finished trace's index is compacted, then late spans grow it again.
        var b = SpanBuilder()
        b.trace = TraceID(high: 1, low: 77)
        for i in 0..<100 { b.span("early\(i)", start: 1, parent: SpanID(0xDEAD)) }
        b.span("root", start: 0, end: 2, parent: .zero)
        let finished = b.batch()
        b.records.removeAll()
        for i in 0..<50 { b.span("late\(i)", start: 1, parent: SpanID(0xDEAD)) }
        let late = b.batch()
        let store = TraceStore()
        store.ingest(finished)
        store.ingest(finished)
        store.ingest(late)
        store.ingest(late)
        store.ingest(finished)
        #expect(store.statistics.spans == 151)
        #expect(store.statistics.duplicateSpans == 101 + 50 + 101)
        let t = store.trace(TraceID(high: 1, low: 77))!
        for s in finished.spans + late.spans {
            #expect(t.index(of: s.spanID).map { t.spans[$0].spanID } == s.spanID.raw)
        }
        #expect(t.index(of: SpanID(0xFFFF_FFFF)) == nil)
    }

    @Test func compositeStringsReadBackWholeAndSurviveSweeps() {
        var s = StringInterner()
        s.storeAsComposite(prefix: "task.execution:")
        let plain = s.intern("task.execution:never-seen")
        let task = s.intern("1767261600000-3.2")
        let name = s.intern("task.execution:1767261600000-3.2")
        #expect(s.string(plain) == "task.execution:never-seen")
        #expect(s.string(name) == "task.execution:1767261600000-3.2")
        #expect(s.length(name) == 32)
        #expect(s.intern("task.execution:1767261600000-3.2") == name)
        #expect(s.lookup("task.execution:1767261600000-3.2") == name)
        #expect(s.lookup("task.execution:1767261600000-3.") == nil)
        #expect(s.withBytes(name) { Array($0) } == Array("task.execution:1767261600000-3.2".utf8))
        // Only the composite is referenced: its suffix must stay, the rest may go.
        var live = [UInt64](repeating: 0, count: s.idLimit / 64 + 1)
        live[name.slot >> 6] |= 1 << UInt64(name.rawValue & 63)
        let freed = s.sweep(keeping: live)
        #expect(freed.contains(plain))
        #expect(!freed.contains(task))
        #expect(s.string(name) == "task.execution:1767261600000-3.2")
        #expect(s.string(task) == "1767261600000-3.2")
        // The prefix stays registered through a sweep that keeps nothing.
        _ = s.sweep(keeping: [])
        let again = s.intern("9")
        let other = s.intern("task.execution:9")
        #expect(s.string(other) == "task.execution:9")
        #expect(s.string(again) == "9")
    }

    @Test func internerReturnsStableIds() {
        var s = StringInterner()
        let a = s.intern("alpha")
        for i in 0..<5000 { _ = s.intern("k\(i)") }
        #expect(s.intern("alpha") == a)
        #expect(s.string(a) == "alpha")
        #expect(s.lookup("k4999") != nil)
        #expect(s.lookup("missing") == nil)
        #expect(s.intern("") == .empty)
    }

    @Test func percentilesComeFromTheHistogram() {
        var h = LogHistogram()
        for v in 1...100 { h.add(Double(v)) }
        let p50 = h.percentile(0.5)!
        let p95 = h.percentile(0.95)!
        #expect(abs(p50 - 50) / 50 < 0.05)
        #expect(abs(p95 - 95) / 95 < 0.05)
        for v in 51...100 { h.remove(Double(v)) }
        #expect(abs(h.percentile(0.95)! - 48) / 48 < 0.06)
    }

    @Test func histogramsWidenBothWaysAsValuesArrive() {
        // The kept bucket run starts at the first value and must grow down as well as up.
        var h = LogHistogram()
        for v in stride(from: 100, through: 1, by: -1) { h.add(Double(v)) }
        #expect(abs(h.percentile(0.5)! - 50) / 50 < 0.05)
        h.add(0.0001)
        h.add(5e5)
        #expect(h.percentile(0.001)! < 0.001)
        #expect(abs(h.percentile(1)! - 5e5) / 5e5 < 0.05)
        h.remove(5e5)
        h.remove(0.0001)
        #expect(abs(h.percentile(1)! - 100) / 100 < 0.05)
        #expect(h.count == 100)
    }
}

/// Durations from span attributes reach histograms and text as they are: absurd ones must not trap.
struct AbsurdDurationTests {
    @Test func histogramsAndTextTakeAnyNumber() {
        var h = LogHistogram()
        for v in [1e306, -5, .infinity, .nan, 0, 3.5] { h.add(v) }
        #expect(h.count == 4, "non-finite values are not counted")
        h.remove(1e306)
        #expect(h.count == 3)
        #expect(Text.seconds(1e306) == ">100000h")
        #expect(Text.seconds(-1) == "—")
        #expect(Text.seconds(.infinity) == "—")
        #expect(Text.seconds(3.25) == "3.2s" || Text.seconds(3.25) == "3.3s")
    }
}
