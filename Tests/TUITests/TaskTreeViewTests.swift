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
        #expect(store.tasks.first?.processingSeconds == nil)
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

    /// `s` cycles through every sort; each but arrival time must have one column to mark.
    @Test func everySortButTimeHasExactlyOneColumn() {
        for sort in TaskSort.allCases {
            let columns = TaskTreeView.columns.filter { $0.sort == sort }.map(\.title)
            #expect(columns.count == (sort == .time ? 0 : 1), "\(sort): \(columns)")
        }
    }

    @Test func clickingATitleSortsByItsColumnAndAgainReversesIt() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2")
        h.state.tasks.project = h.store.project(named: "proj-alpha")!.id
        func click(_ title: String) throws {
            // The titles before TOKENS and WASTE are ASCII: a character is a column.
            let header = try #require(h.line(containing: title))
            let x = header.distance(from: header.startIndex, to: try #require(header.range(of: title)).lowerBound)
            if let a = Layout.action(forClick: x + 1, y: Layout.listTop - 1, in: h.state) { h.send(a) }
        }
        try click("TOKENS")
        #expect(h.state.tasks.sort == .tokens && h.state.tasks.descending)
        #expect(h.line(containing: "TOKENS↓") != nil)
        try click("TOKENS")
        #expect(h.state.tasks.sort == .tokens && !h.state.tasks.descending)
        #expect(h.line(containing: "TOKENS↑") != nil)
        // WASTE has no sort of its own: the order stays.
        try click("WASTE")
        #expect(h.state.tasks.sort == .tokens)
        try click("MODEL")
        #expect(h.state.tasks.sort == .model && !h.state.tasks.descending)
        #expect(h.line(containing: "MODEL↑") != nil && h.line(containing: "TOKENS↑") == nil)
    }
}
