import SpanCore
import Testing

@testable import TUI

@Suite struct TaskTreeViewTests {
    /// One Eigent task whose only attempt failed at once, reporting no processing time.
    static func storeWithATaskThatNeverRan() -> TraceStore {
        let store = TraceStore()
        var records: [SpanRecord] = []
        func span(_ name: String, _ id: UInt64, at seconds: UInt64, status: UInt8 = 0, _ a: [KeyValue]) {
            var r = SpanRecord()
            r.traceID = TraceID(high: 1, low: 2)
            r.spanID = SpanID(id)
            r.name = name
            r.startTime = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000) + .seconds(Double(seconds))
            r.endTime = r.startTime
            r.statusCode = status
            r.attributes = a + [KeyValue("eigent.project.id", .string("p")), KeyValue("eigent.task.id", .string("t1"))]
            records.append(r)
        }
        span("task.created", 1, at: 0, [KeyValue("eigent.task.description", .string("Deploy"))])
        span("task.assigned", 2, at: 1, [KeyValue("eigent.worker.id", .string("w1"))])
        span(
            "task.execution:t1", 3, at: 2, status: 2,
            [
                KeyValue("eigent.task.status", .string("failed")),
                KeyValue("eigent.task.processing_time_seconds", .double(0)),
            ])
        var batch = SpanBatch()
        batch.append(records: records)
        store.ingest(batch)
        return store
    }

    @Test func aTaskThatNeverRanShowsADashNotZeroMilliseconds() throws {
        let store = Self.storeWithATaskThatNeverRan()
        #expect(store.tasks.first?.processingSeconds == 0)
        let h = TUIHarness(width: 120, height: 24, store: store)
        h.press("2")
        let header = try #require(h.line(containing: "PROC"))
        let row = try #require(h.line(containing: "t1 Deploy"))
        let proc = try #require(header.range(of: "PROC"))
        // PROC is right-aligned: its cell ends where the title ends.
        let end = header.distance(from: header.startIndex, to: proc.upperBound)
        let cell = String(Array(row)[(end - 7)..<end])
        #expect(cell.trimmingCharacters(in: .whitespaces) == "—", "\(row)")
        #expect(!row.contains("0ms"))
    }
}
