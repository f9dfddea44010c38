import Testing

@testable import SpanCore

/// The Eigent task model: statuses, attempts, times, tokens and quality.
struct EigentTaskModelTests {
    static let project: AttributeValue = "proj"

    func workforce() -> SpanBuilder {
        var b = SpanBuilder()
        b.span(
            "worker.created", start: 0,
            ["eigent.worker.id": "w1", "eigent.worker.agent": "developer_agent", "eigent.worker.model.type": "gpt-4o"])
        b.span(
            "task.created", start: 1,
            ["eigent.task.id": "root", "eigent.project.id": Self.project, "eigent.task.description": "Plan a trip"])
        b.span(
            "task.created", start: 2,
            [
                "eigent.task.id": "t1", "eigent.project.id": Self.project, "eigent.task.parent_id": "root",
                "eigent.task.description": "Find flights",
            ])
        b.span(
            "task.created", start: 2,
            ["eigent.task.id": "t2", "eigent.project.id": Self.project, "eigent.task.parent_id": "root"])
        b.span(
            "task.assigned", start: 3,
            ["eigent.task.id": "t1", "eigent.project.id": Self.project, "eigent.worker.id": "w1"])
        b.span(
            "task.execution:t1", start: 3.5, end: 5, status: StatusCode.error,
            message: "Task t1 failed quality check (score: 45). Issues: thin. Recovery: retry",
            [
                "eigent.task.id": "t1", "eigent.project.id": Self.project, "eigent.worker.id": "w1",
                "eigent.task.status": "failed",
            ])
        b.span(
            "task.assigned", start: 6,
            ["eigent.task.id": "t1", "eigent.project.id": Self.project, "eigent.worker.id": "w1"])
        b.span(
            "task.execution:t1", start: 6.5, end: 9, status: StatusCode.ok,
            [
                "eigent.task.id": "t1", "eigent.project.id": Self.project, "eigent.worker.id": "w1",
                "eigent.task.status": "completed",
                "eigent.task.processing_time_seconds": 2.5, "eigent.task.quality_score": 82,
                "eigent.task.token_usage.total_tokens": 1000,
            ])
        return b
    }

    func task(_ store: TraceStore, _ id: String) -> TaskRecord? {
        guard let p = store.strings.lookup("proj"), let t = store.strings.lookup(id) else { return nil }
        return store.task(project: p, id: t)
    }

    @Test func retriedTaskCompletesWithTheLatestAttempt() {
        let store = TraceStore()
        store.ingest(workforce().batch())
        let t1 = task(store, "t1")!
        #expect(t1.status == .completed)
        #expect(t1.attempts == 2)
        #expect(t1.failedAttempts == 1)
        #expect(t1.quality == 82)
        #expect(t1.processingSeconds == 2.5)
        #expect(t1.queueSeconds == 1.0)
        #expect(t1.tokens.total == 1000)
        #expect(store.string(t1.model) == "gpt-4o")
        #expect(t1.cost != nil && t1.costIsEstimate)
        #expect(task(store, "t2")?.status == .pending)
        #expect(task(store, "root")?.status == .running, "a parent with a started subtask is running")
    }

    @Test func reassignmentAfterAFailureMeansRunning() {
        var b = workforce()
        b.records.removeLast()  // the second attempt has not ended yet
        let store = TraceStore()
        store.ingest(b.batch())
        let t1 = task(store, "t1")!
        #expect(t1.status == .running)
        #expect(t1.attempts == 1)
        #expect(t1.quality == 45, "the score in a failed quality check counts")
        #expect(t1.runningSince == .epoch + .seconds(6))
    }

    @Test func timesNoSpanGaveAreUnknown() throws {
        let store = TraceStore()
        store.ingest(workforce().batch())
        // t2 was created and never assigned: it has no assignment, attempt or running time.
        let t2 = try #require(task(store, "t2"))
        #expect(t2.createdAt == .epoch + .seconds(2) && t2.sortTime == t2.createdAt)
        #expect(t2.firstAssignedAt == nil && t2.lastAssignedAt == nil)
        #expect(t2.runningSince == nil && t2.endTime == nil && t2.queueSeconds == nil)
        let t1 = try #require(task(store, "t1"))
        #expect(t1.firstAssignedAt == .epoch + .seconds(3) && t1.lastAssignedAt == .epoch + .seconds(6))
        #expect(t1.endTime == .epoch + .seconds(9) && t1.runningSince == nil)
        // The workforce's project spans its first span's start to its last span's end.
        let project = try #require(store.project(named: "proj"))
        #expect(project.firstSeen == .epoch + .seconds(1) && project.lastSeen == .epoch + .seconds(9))
    }

    @Test func arrivalOrderDoesNotMatter() {
        let b = workforce()
        let inOrder = TraceStore()
        inOrder.ingest(b.batch())
        let reversed = TraceStore()
        for r in b.records.reversed() { reversed.ingest(b.batch([r])) }
        #expect(Report(inOrder).json() == Report(reversed).json())
    }

    @Test func duplicatesAreIgnored() {
        let b = workforce()
        let store = TraceStore()
        store.ingest(b.batch())
        store.ingest(b.batch())
        #expect(store.statistics.duplicateSpans == b.records.count)
        #expect(task(store, "t1")?.attempts == 2)
        #expect(store.projects[0].aggregate.total == 3)
    }

    @Test func workforceRootCompletesTheRootTask() {
        var b = workforce()
        b.span(
            "workforce.execution:root", start: 0.5, end: 10, status: StatusCode.ok, parent: .zero,
            ["eigent.task.id": "root", "eigent.project.id": Self.project, "langfuse.session.id": Self.project])
        let store = TraceStore()
        store.ingest(b.batch())
        #expect(task(store, "root")?.status == .completed)
        #expect(task(store, "root")?.children.count == 2)
    }

    @Test func logMessagesAreLinkedToTheTaskTheyName() {
        var b = workforce()
        b.span(
            "log.message", start: 5,
            [
                "log.level": "error", "log.message": "Task t1 failed (attempt 1/3): timeout",
                "eigent.project.id": Self.project,
            ])
        let store = TraceStore()
        store.ingest(b.batch())
        let logs = Report(store).projects[0].logs
        #expect(logs.count == 1)
        #expect(logs[0].taskID == "t1")
    }

    @Test func aggregatesFollowTaskChangesAcrossBatches() {
        let b = workforce()
        let store = TraceStore()
        // Feed one span at a time: aggregates must equal a single-batch load.
        for r in b.records { store.ingest(b.batch([r])) }
        let single = TraceStore()
        single.ingest(b.batch())
        for s in [store, single] {
            let a = s.projects[0].aggregate
            #expect(a.count(.completed) == 1)
            #expect(a.count(.pending) == 1)
            #expect(a.count(.running) == 1)
            #expect(a.tokens == 1000)
            #expect(a.qualityAverage == 82)
        }
        let (a, one) = (store.projects[0].aggregate, single.projects[0].aggregate)
        for status in TaskStatus.allCases { #expect(a.count(status) == one.count(status), "\(status)") }
        #expect(a.knownCost == one.knownCost)
        #expect(a.processing.mean == one.processing.mean && a.queue.mean == one.queue.mean)
        #expect(a.wastedSeconds == one.wastedSeconds)
        let w1 = store.strings.lookup("w1")!
        #expect(store.workerAggregates[w1]?.count(.completed) == 1)
        #expect(store.workerAggregates[w1]?.count(.completed) == single.workerAggregates[w1]?.count(.completed))
        // Everything else the report says (tasks, workers, waste, critical path) agrees too.
        #expect(Report(store).json() == Report(single).json())
    }
}
