import SpanCore
import TUI

/// `spantop-bench insights`: critical path, timeline rows, outliers and ETA of one big
/// Eigent project (tasks with dependencies, 8 workers, some retries).
enum InsightBench {
    static func run(tasks count: Int) {
        let store = TraceStore(maxSpans: Int.max)
        store.ingest(workforce(tasks: count))
        guard let project = store.projects.first else { return }
        print("insights: one project of \(store.tasks.count) tasks, \(store.statistics.spans) spans")
        func time(_ label: String, rounds: Int = 20, _ body: () -> Void) {
            var best = Nanoseconds.seconds(1000)
            for _ in 0..<rounds { best = min(best, MonotonicClock.measure(body)) }
            let ms = best.milliseconds
            print(
                "  \(label.padding(toLength: 26, withPad: " ", startingAt: 0)) \(format(ms, 2)) ms (best of \(rounds))")
        }
        var path: CriticalPath?
        time("critical path") { path = store.criticalPath(project) }
        print("    path: \(path?.tasks.count ?? 0) tasks, \(format(path?.seconds ?? 0, 1)) s")
        time("outliers") { _ = store.outliers(project) }
        time("ETA") { _ = store.eta(project, now: project.lastSeen) }
        // A fresh ViewData each round: the timeline is built, not served from its cache.
        time("timeline rows (tasks)") {
            _ = ViewData(store: store).timelineRows(project: project.id, workerLanes: false)
        }
        time("timeline rows (workers)") {
            _ = ViewData(store: store).timelineRows(project: project.id, workerLanes: true)
        }
    }

    /// One workforce trace: each task depends on up to two of the 20 before it.
    static func workforce(tasks count: Int) -> SpanBatch {
        var rng = SplitMix64(seed: 42)
        var records: [SpanRecord] = []
        let trace = TraceID(high: 7, low: 7)
        var nextSpan: UInt64 = 1
        let base = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)
        func span(_ name: String, _ start: Double, _ end: Double, error: Bool = false, _ attrs: [(String, String)]) {
            var r = SpanRecord()
            r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("eigent-workforce"))])
            r.scope = ScopeRecord(name: "eigent.workforce", version: "0.2.90")
            r.traceID = trace
            r.spanID = SpanID(nextSpan)
            nextSpan += 1
            r.parentSpanID = SpanID(0xFFFF_FFFF)
            r.name = name
            r.startTime = base + .seconds(start)
            r.endTime = base + .seconds(end)
            r.statusCode = error ? StatusCode.error : StatusCode.ok
            r.attributes =
                [KeyValue("eigent.project.id", .string("bench"))] + attrs.map { KeyValue($0.0, .string($0.1)) }
            records.append(r)
        }
        var ends: [Double] = []
        for i in 0..<count {
            let id = "t\(i)"
            let deps =
                i == 0
                ? []
                : (0..<Int(rng.next() % 3)).map { _ in Int(rng.next() % UInt64(min(i, 20))) }
                    .map { i - 1 - $0 }
            let ready = deps.map { ends[$0] }.max() ?? 0
            let worker = "w\(rng.next() % 8)"
            span("task.created", ready, ready, [("eigent.task.id", id), ("eigent.task.parent_id", "root")])
            let depList = "[" + Set(deps).sorted().map { "\"t\($0)\"" }.joined(separator: ", ") + "]"
            var assigned = [("eigent.task.id", id), ("eigent.worker.id", worker)]
            if !deps.isEmpty { assigned.append(("eigent.task.dependencies", depList)) }
            span("task.assigned", ready + 0.1, ready + 0.1, assigned)
            var t = ready + 0.2
            if rng.next() % 10 == 0 {
                span(
                    "task.execution:\(id)", t, t + 2, error: true,
                    [("eigent.task.id", id), ("eigent.worker.id", worker), ("eigent.task.status", "failed")])
                t += 2
            }
            let length = 1 + Double(rng.next() % 100) / 10
            span(
                "task.execution:\(id)", t, t + length,
                [("eigent.task.id", id), ("eigent.worker.id", worker), ("eigent.task.status", "completed")])
            ends.append(t + length)
        }
        var batch = SpanBatch()
        batch.append(records: records)
        return batch
    }
}
