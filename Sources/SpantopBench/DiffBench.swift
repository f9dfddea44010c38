import Foundation
import SpanCore

/// `spantop diff` on two generated runs of a 10,000-task Eigent job: the time to build the
/// `RunDiff` (reports of both stores, pairing, tags).
enum DiffBench {
    static func run(tasks: Int, rounds: Int) {
        let before = store(run(project: "before", tasks: tasks, seed: 1, renamed: 0))
        let after = store(run(project: "after", tasks: tasks, seed: 2, renamed: 0.05))
        var diff: RunDiff?
        let diffTimes = measure(rounds) { diff = try? RunDiff(before: before, after: after) }
        // The part that is the two reports (task figures, roll-ups), for comparison.
        let reportTimes = measure(rounds) { _ = (Report(before), Report(after)) }

        var counts = [Int](repeating: 0, count: RunDiff.Change.allCases.count)
        var unchanged = 0
        for t in diff?.pairs.first?.tasks ?? [] {
            if t.changes.isEmpty { unchanged += 1 }
            for c in t.changes.list { counts[Int(c.rawValue)] += 1 }
        }
        let tags = RunDiff.Change.allCases.map { "\($0.name) \(counts[Int($0.rawValue)])" }.joined(separator: ", ")
        let spans = format(Double(before.statistics.spans))
        print("diff: 2 projects of \(format(Double(tasks))) tasks (\(spans) spans each), \(rounds) rounds")
        print("  tags: \(tags), unchanged \(unchanged)")
        print("  RunDiff(before:after:)       best \(ms(diffTimes[0])), median \(ms(diffTimes[diffTimes.count / 2]))")
        print(
            "  of it Report(before), (after) best \(ms(reportTimes[0])), median \(ms(reportTimes[reportTimes.count / 2]))"
        )
    }

    /// Sorted seconds of `rounds` runs of `body`.
    static func measure(_ rounds: Int, _ body: () -> Void) -> [Double] {
        (0..<max(rounds, 1)).map { _ in seconds(MonotonicClock.measure(body)) }.sorted()
    }

    static func ms(_ s: Double) -> String { "\(format(s * 1000, 2)) ms" }

    /// A job of `tasks` tasks: a root, about √n parents under it, the rest spread over the parents.
    /// Descriptions repeat (every 4,000th task shares one); `renamed` of them get a new one.
    static func run(project: String, tasks: Int, seed: UInt64, renamed: Double) -> [SpanRecord] {
        var g = SplitMix64(seed: seed)
        var shape = SplitMix64(seed: 7)  // the same tree in both runs
        func chance(_ p: Double, _ r: inout SplitMix64) -> Bool { Double(r.next() >> 11) / Double(1 << 53) < p }
        let parents = max(1, Int(Double(tasks).squareRoot()))
        var records: [SpanRecord] = []
        records.reserveCapacity(tasks * 3 + 1)
        let resource = ResourceRecord(attributes: [KeyValue("service.name", .string("eigent-workforce"))])
        let scope = ScopeRecord(name: "eigent.workforce", version: "0.2.90")
        let trace = TraceID(high: seed, low: seed)
        // 2026-01-01 10:00 UTC, a day later per seed.
        let base = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000) + Nanoseconds.seconds(86_400) * seed
        var spanID: UInt64 = 0
        func span(_ name: String, _ start: Timestamp, _ end: Timestamp, _ status: UInt8, _ attributes: [KeyValue]) {
            var r = SpanRecord()
            r.resource = resource
            r.scope = scope
            r.traceID = trace
            spanID += 1
            r.spanID = SpanID(spanID)
            r.name = name
            r.startTime = start
            r.endTime = end
            r.statusCode = status
            r.attributes = attributes
            records.append(r)
        }
        let worker = KeyValue("eigent.worker.id", .string("w-\(project)"))
        span(
            "worker.created", base, base, 0,
            [worker, KeyValue("eigent.worker.model.type", .string("gpt-4.1-mini"))])
        let p = KeyValue("eigent.project.id", .string(project))
        for i in 0..<tasks {
            let id = KeyValue("eigent.task.id", .string("\(project)-\(i)"))
            let parent = i == 0 ? nil : i <= parents ? 0 : 1 + Int(shape.next() % UInt64(parents))
            var description = i == 0 ? "Run the job" : "Step \(i % 4000)"
            if chance(renamed, &g) { description += " (reworded)" }
            let created = base + Nanoseconds.milliseconds(10) * UInt64(i)
            var attributes = [id, p, KeyValue("eigent.task.description", .string(description))]
            if let parent { attributes.append(KeyValue("eigent.task.parent_id", .string("\(project)-\(parent)"))) }
            span("task.created", created, created, 0, attributes)
            let failed = chance(0.03, &g)
            let processing = 0.5 + Double(g.next() % 20_000) / 1000
            let prompt = Int64(200 + g.next() % 5000)
            let end = created + .seconds(processing)
            if chance(0.05, &g) {  // a failed attempt first, then a retry
                span(
                    "task.execution:\(project)-\(i)", created + .microseconds(500), created + .microseconds(900),
                    StatusCode.error,
                    [id, p, worker, KeyValue("eigent.task.status", .string("failed"))])
            }
            span(
                "task.execution:\(project)-\(i)", created + .milliseconds(1), end,
                failed ? StatusCode.error : StatusCode.ok,
                [
                    id, p, worker, KeyValue("eigent.task.status", .string(failed ? "failed" : "completed")),
                    KeyValue("eigent.task.processing_time_seconds", .double(processing)),
                    KeyValue("eigent.task.token_usage.prompt_tokens", .int(prompt)),
                    KeyValue("eigent.task.token_usage.completion_tokens", .int(prompt / 3)),
                ])
        }
        return records
    }

    static func store(_ records: [SpanRecord]) -> TraceStore {
        let store = TraceStore(maxSpans: Int.max)
        var batch = SpanBatch()
        batch.append(records: records)
        store.ingest(batch)
        return store
    }
}
