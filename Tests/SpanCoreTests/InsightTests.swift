import Foundation
import Testing

@testable import SpanCore

/// Critical path, retry waste, outliers and ETA on hand-built workforces.
struct InsightTests {
    /// A workforce in project "dag": tasks with (dependencies, worker, assigned, attempts as
    /// (start, end, failed)), all created at 0 under the root "r".
    struct Plan {
        var tasks: [(id: String, deps: [String], worker: String, assigned: Double, attempts: [(Double, Double, Bool)])]
    }

    func spans(_ plan: Plan) -> SpanBuilder {
        var b = SpanBuilder()
        let p: AttributeValue = "dag"
        b.span("task.created", start: 0, ["eigent.task.id": "r", "eigent.project.id": p])
        for t in plan.tasks {
            let id = AttributeValue.string(t.id)
            b.span(
                "task.created", start: 0, ["eigent.task.id": id, "eigent.project.id": p, "eigent.task.parent_id": "r"])
            var assigned: [String: AttributeValue] = [
                "eigent.task.id": id, "eigent.project.id": p, "eigent.worker.id": .string(t.worker),
            ]
            if !t.deps.isEmpty {
                assigned["eigent.task.dependencies"] = .string(
                    "[" + t.deps.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
            }
            b.span("task.assigned", start: t.assigned, assigned)
            for (start, end, failed) in t.attempts {
                b.span(
                    "task.execution:\(t.id)", start: start, end: end, status: failed ? StatusCode.error : StatusCode.ok,
                    message: failed ? "boom" : "",
                    [
                        "eigent.task.id": id, "eigent.project.id": p, "eigent.worker.id": .string(t.worker),
                        "eigent.task.status": failed ? "failed" : "completed",
                    ])
            }
        }
        return b
    }

    func store(_ plan: Plan, reversed: Bool = false) -> TraceStore {
        let b = spans(plan)
        let s = TraceStore()
        if reversed {
            for r in b.records.reversed() { s.ingest(b.batch([r])) }
        } else {
            s.ingest(b.batch())
        }
        return s
    }

    func ids(_ s: TraceStore, _ path: CriticalPath?) -> [String] {
        path?.tasks.map { s.string(s.tasks[$0].id) } ?? []
    }

    /// a and b run in parallel; c waits for both; d waits for c; e runs beside them, ends early.
    let diamond = Plan(tasks: [
        ("a", [], "w1", 1, [(1, 4, false)]),
        ("b", [], "w2", 1, [(1, 6, false)]),
        ("c", ["a", "b"], "w1", 6, [(6, 9, false)]),
        ("d", ["c"], "w2", 9, [(9, 12, false)]),
        ("e", [], "w3", 1, [(1, 2, false)]),
    ])

    @Test func criticalPathFollowsTheDependencyThatEndedLast() throws {
        let s = store(diamond)
        let p = try #require(s.project(named: "dag"))
        let path = try #require(s.criticalPath(p))
        #expect(ids(s, path) == ["b", "c", "d"])
        #expect(path.seconds == 12, "from b's creation (0) to d's end (12)")
        // Spans in any order give the same path.
        let reversed = store(diamond, reversed: true)
        #expect(ids(reversed, reversed.criticalPath(try #require(reversed.project(named: "dag")))) == ["b", "c", "d"])
        let json = Report(s).json()
        #expect(json.contains(#""critical_path": {"task_ids": ["b", "c", "d"], "seconds": 12.0}"#))
    }

    @Test func retriesAreWasteAndTheLatestAttemptEndsTheTask() throws {
        var plan = diamond
        plan.tasks[2].attempts = [(6, 7.5, true), (7.5, 10, false)]
        plan.tasks[3] = ("d", ["c"], "w2", 10, [(10, 13, false)])
        let s = store(plan)
        let p = try #require(s.project(named: "dag"))
        #expect(ids(s, s.criticalPath(p)) == ["b", "c", "d"])
        let c = try #require(s.project(named: "dag").flatMap { s.tasks[$0.taskIndex[s.strings.lookup("c")!]!] })
        #expect(c.wastedSeconds == 1.5)
        #expect(p.aggregate.wastedSeconds == 1.5)
        let report = Report(s)
        #expect(report.projects[0].waste.seconds == 1.5)
        #expect(report.projects[0].tasks.first { $0.id == "c" }?.waste.seconds == 1.5)
        #expect(report.projects[0].waste.tokens == nil, "no failed attempt reported tokens")
    }

    @Test func aTaskFailedByItsDependencyIsNotOnThePathUnlessItRan() throws {
        // a fails for good; c depended on it and was never assigned; b is the last to end.
        let plan = Plan(tasks: [
            ("a", [], "w1", 1, [(1, 2, true), (2, 3, true), (3, 4, true)]),
            ("b", [], "w2", 1, [(1, 5, false)]),
        ])
        var b = spans(plan)
        b.span(
            "task.execution:c", start: 6, end: 6, status: StatusCode.error,
            message: "Task failed due to permanently failed dependencies: ['a']",
            ["eigent.task.id": "c", "eigent.project.id": "dag", "eigent.task.status": "failed"])
        let s = TraceStore()
        s.ingest(b.batch())
        #expect(ids(s, s.criticalPath(try #require(s.project(named: "dag")))) == ["b"])
        // It never ran: its processing time is unknown, not zero, in the report as on screen.
        let c = try #require(Report(s).projects.first?.tasks.first { $0.id == "c" })
        #expect(c.status == .failed)
        #expect(c.processingSeconds == nil)
        let task = try #require(
            try JSONSerialization.jsonObject(with: Data(Report(s).json().utf8)) as? [String: Any])
        let list = try #require((task["projects"] as? [[String: Any]])?.first?["task_list"] as? [[String: Any]])
        let cJSON = try #require(list.first { $0["id"] as? String == "c" })
        #expect(cJSON["processing_s"] is NSNull)
        let a = try #require(list.first { $0["id"] as? String == "a" })
        #expect(a["processing_s"] as? Double == 1, "a ran and failed: its last attempt's time")
    }

    @Test func noFinishedAttemptMeansNoPath() throws {
        let plan = Plan(tasks: [("a", [], "w1", 1, [])])
        let s = store(plan)
        #expect(s.criticalPath(try #require(s.project(named: "dag"))) == nil)
        #expect(Report(s).json().contains(#""critical_path": null"#))
    }

    @Test func outliersAreFarAboveTheirWorkersMedian() throws {
        let plan = Plan(tasks: [
            ("a", [], "w1", 0, [(0, 1, false)]), ("b", [], "w1", 1, [(1, 2, false)]),
            ("c", [], "w1", 2, [(2, 3.2, false)]), ("d", [], "w1", 4, [(4, 14, false)]),
            ("e", [], "w2", 0, [(0, 10, false)]),
        ])
        let s = store(plan)
        let p = try #require(s.project(named: "dag"))
        let flagged = s.outliers(p).map { s.string(s.tasks[$0].id) }
        // w1's median is (1 + 1.2) / 2 = 1.1: d's 10 s is above 3.3; e is alone on w2.
        #expect(flagged == ["d"])
        #expect(Report(s).json().contains(#""outlier": true"#))
    }

    @Test func etaIsRemainingTimesMedianOverActiveWorkers() throws {
        // Two done in 2 s each, by two workers active in the last minute; three remain.
        var plan = Plan(tasks: [
            ("a", [], "w1", 100, [(100, 102, false)]), ("b", [], "w2", 100, [(100, 102, false)]),
            ("c", [], "w1", 102, []), ("d", [], "w2", 102, []),
        ])
        plan.tasks.append(("e", [], "w1", 0, []))
        var b = spans(plan)
        // e is created but never assigned: pending.
        b.records.removeAll { $0.name == "task.assigned" && $0.attributes.contains { $0.value == .string("e") } }
        let s = TraceStore()
        s.ingest(b.batch())
        let p = try #require(s.project(named: "dag"))
        // The root waits on its subtasks and is not counted: c, d and e remain.
        #expect(abs((s.eta(p, now: .epoch + .seconds(110)) ?? 0) - 3 * 2.0 / 2) < 1e-9)
        #expect(s.eta(p, now: .epoch + .seconds(1000)) == nil, "no worker active in the last minute")
    }

    @Test func budgetsMarkProjectsOverThem() {
        let s = store(diamond)
        var b = EigentTaskModelTests().workforce()
        b.records = b.records.map { r in
            var r = r
            r.traceID = TraceID(high: 9, low: 9)
            return r
        }
        s.ingest(b.batch())
        let costly = Report(s, budget: Budget(tokens: 999))
        #expect(costly.projects.first { $0.id == "proj" }?.overBudget == true)
        #expect(costly.projects.first { $0.id == "dag" }?.overBudget == false, "no tokens known: not over")
        var watch = BudgetWatch(budget: Budget(tokens: 999))
        #expect(watch.newlyOver(s).map { s.string($0.id) } == ["proj"])
        #expect(watch.newlyOver(s).isEmpty, "an alarm fires once")
    }

    @Test func traceCriticalPathIsTheChildThatEndedLast() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        let root = SpanID(0x1)
        let slow = SpanID(0x2)
        b.span("root", start: 0, end: 10, parent: .zero, id: root)
        b.span("fast", start: 0, end: 3, parent: root, id: SpanID(0x3))
        b.span("slow", start: 1, end: 9, parent: root, id: slow)
        b.span("inner", start: 2, end: 8.5, parent: slow, id: SpanID(0x4))
        b.span("early", start: 1, end: 2, parent: slow, id: SpanID(0x5))
        let s = TraceStore()
        s.ingest(b.batch())
        let trace = try #require(s.trace(b.trace))
        let names = trace.criticalSpans().map { s.string(trace.spans[$0].name) }.sorted()
        #expect(names == ["inner", "root", "slow"])
    }
}
