import Testing

@testable import SpanCore

/// A long session: workforce runs keep coming, each with new ids, and everything the store
/// keeps must stay bounded by its span cap while project totals stay right.
struct BoundedStoreTests {
    /// One workforce run of 9 spans in trace `n`: project `p{n}`, a root task and two subtasks
    /// (one failing once, 100 tokens each attempt), an error log line and, when `finished`,
    /// the root span.
    func run(_ n: Int, project: String? = nil, finished: Bool = true) -> SpanBatch {
        var b = SpanBuilder()
        b.trace = TraceID(high: 7, low: UInt64(n))
        let p = AttributeValue.string(project ?? "p\(n)")
        let root = "r\(n)"
        let t0 = Double(n * 100)
        b.span(
            "worker.created", start: t0,
            ["eigent.worker.id": .string("w\(n)"), "eigent.worker.agent": "developer_agent", "eigent.project.id": p])
        b.span("task.created", start: t0 + 1, ["eigent.task.id": .string(root), "eigent.project.id": p])
        for sub in ["a", "b"] {
            let id = AttributeValue.string("\(root)-\(sub)")
            b.span(
                "task.created", start: t0 + 2,
                ["eigent.task.id": id, "eigent.project.id": p, "eigent.task.parent_id": .string(root)])
            b.span(
                "task.assigned", start: t0 + 3,
                ["eigent.task.id": id, "eigent.project.id": p, "eigent.worker.id": .string("w\(n)")])
        }
        b.span(
            "task.execution:\(root)-a", start: t0 + 4, end: t0 + 6, status: StatusCode.error, message: "timeout \(n)",
            [
                "eigent.task.id": .string("\(root)-a"), "eigent.project.id": p, "eigent.worker.id": .string("w\(n)"),
                "eigent.task.status": "failed", "eigent.task.token_usage.total_tokens": 100,
            ])
        b.span(
            "log.message", start: t0 + 6,
            [
                "log.level": "error", "log.message": .string("Task \(root)-a failed: timeout \(n)"),
                "eigent.project.id": p,
            ])
        b.span(
            "task.execution:\(root)-a", start: t0 + 7, end: t0 + 9,
            [
                "eigent.task.id": .string("\(root)-a"), "eigent.project.id": p, "eigent.worker.id": .string("w\(n)"),
                "eigent.task.status": "completed", "eigent.task.token_usage.total_tokens": 100,
                "eigent.task.processing_time_seconds": 2.0,
            ])
        if finished {
            b.span(
                "workforce.execution:\(root)", start: t0 + 0.5, end: t0 + 10, parent: .zero,
                ["eigent.task.id": .string(root), "eigent.project.id": p])
        }
        return b.batch()
    }

    var liveTasks: (TraceStore) -> Int = { store in store.projects.reduce(0) { $0 + $1.tasks.count } }

    @Test func evictedRunsLeaveSummariesWithTheirTotals() {
        let store = TraceStore(maxSpans: 50)
        for n in 0..<200 { store.ingest(run(n)) }
        #expect(store.statistics.spans <= 50)
        #expect(liveTasks(store) <= 3 * 6, "only tasks of stored traces are listed")
        #expect(store.tasks.count <= 3 * 8, "freed task slots are reused")
        store.sweepStrings()
        #expect(store.workers.count <= 6, "workers of evicted runs go at the next sweep")
        #expect(store.workerAggregates.count <= 6)
        let summary = store.project(named: "p0")!
        #expect(summary.isSummary)
        #expect(summary.tasks.isEmpty && summary.logs.isEmpty && summary.failedAttempts.isEmpty)
        #expect(summary.aggregate.total == 3, "totals outlive the tasks")
        #expect(summary.aggregate.knownTokens == 200)
        #expect(summary.aggregate.count(.completed) == 2 && summary.aggregate.count(.running) == 1)
        #expect(summary.aggregate.wastedSeconds == 2)
        let live = store.project(named: "p199")!
        #expect(!live.isSummary && live.tasks.count == 3 && live.logs.count == 1 && live.failedAttempts.count == 1)
        #expect(store.statistics.evictedTasks == store.projects.reduce(0) { $0 + $1.evictedTasks })
    }

    @Test func summariesBeyondMaxProjectsAreDroppedOldestFirst() {
        let store = TraceStore(maxSpans: 50, maxProjects: 5)
        for n in 0..<40 { store.ingest(run(n)) }
        let summaries = store.projects.filter(\.isSummary)
        #expect(summaries.count == 5)
        #expect(summaries.allSatisfy { store.string($0.id) >= "p29" }, "the newest summaries are kept")
        #expect(store.project(named: "p0") == nil)
        #expect(store.statistics.droppedProjects == 40 - 5 - store.projects.filter { !$0.isSummary }.count)
        let report = Report(store)
        #expect(report.droppedProjects == store.statistics.droppedProjects)
        let json = report.json()
        #expect(json.contains(#""evicted": true"#))
        #expect(report.projects.filter(\.evicted).count == 5)
        #expect(report.projects.first { $0.evicted }?.tasks.isEmpty == true)
        #expect(store.projectTable.isConsistent, "positions, index and summary count agree after drops")
        #expect(store.taskTable.isConsistent, "freed slots, rare facts and the dirty list agree after eviction")
        #expect(store.traceTable.isConsistent, "every stored trace is queued for eviction once")
    }

    @Test func runningWorkforcesOutliveFinishedOnes() {
        let store = TraceStore(maxSpans: 50)
        store.ingest(run(0, finished: false))
        for n in 1..<100 { store.ingest(run(n)) }
        #expect(store.trace(TraceID(high: 7, low: 0)) != nil, "a run without its root is still running")
        #expect(store.project(named: "p0")?.tasks.count == 3)
    }

    @Test func repeatedIdsStayBounded() {
        let store = TraceStore(maxSpans: 50)
        for n in 0..<300 { store.ingest(run(n % 10)) }
        #expect(store.tasks.count <= 3 * 8)
        #expect(store.projects.count <= 10)
        store.sweepStrings()
        let afterFirst = store.strings.count
        for n in 0..<300 { store.ingest(run(n % 10)) }
        store.sweepStrings()
        #expect(store.strings.count <= afterFirst)
    }

    @Test func sweepFreesUnreferencedStringsAndKeepsIdsOfTheRest() {
        let store = TraceStore(maxSpans: 50)
        for n in 0..<100 { store.ingest(run(n)) }
        let before = store.strings.count
        let live = store.project(named: "p99")!
        let names = live.tasks.map { store.string(store.tasks[$0].id) }
        store.sweepStrings()
        #expect(store.strings.count < before / 2)
        #expect(store.strings.lookup("timeout 0") == nil)
        #expect(store.strings.lookup("r99-a") != nil)
        #expect(live.tasks.map { store.string(store.tasks[$0].id) } == names)
        // Everything still readable after the sweep, and new runs reuse the freed ids.
        let limit = store.strings.idLimit
        for n in 100..<103 { store.ingest(run(n)) }
        #expect(store.strings.idLimit == limit)
        let report = Report(store)
        let p101 = report.projects.first { $0.id == "p101" }!
        #expect(Set(p101.tasks.map(\.id)) == ["r101", "r101-a", "r101-b"])
        #expect(p101.logs.first?.message == "Task r101-a failed: timeout 101")
        let trace = store.trace(TraceID(high: 7, low: 102))!
        #expect(trace.spans.map { store.string($0.name) }.contains("workforce.execution:r102"))
    }

    @Test func aProjectThatComesBackIsLiveAgain() {
        let store = TraceStore(maxSpans: 50, maxProjects: 30)
        store.ingest(run(0, project: "again"))
        for n in 1..<20 { store.ingest(run(n)) }
        #expect(store.project(named: "again")?.isSummary == true)
        store.ingest(run(20, project: "again"))
        let again = store.project(named: "again")!
        #expect(!again.isSummary && again.tasks.count == 3)
        #expect(again.aggregate.total == 6, "the evicted run's tasks stay counted")
        for n in 21..<80 { store.ingest(run(n)) }
        #expect(store.projects.filter(\.isSummary).count == 30)
    }

    @Test func internerSweepReusesIds() {
        var s = StringInterner()
        let keep = s.intern("keep")
        let drop = s.intern("drop")
        var marks = StringMarks(limit: s.idLimit)
        marks.mark(keep)
        #expect(s.sweep(keeping: marks.bits) == [drop])
        #expect(s.string(keep) == "keep" && s.lookup("keep") == keep)
        #expect(s.lookup("drop") == nil && s.string(drop) == "")
        #expect(s.intern("new") == drop, "a freed id is reused")
        #expect(s.string(drop) == "new")
        let long = String(repeating: "x", count: 70_000)
        let id = s.intern(long)
        #expect(s.string(id) == long && s.intern(long) == id)
    }
}
