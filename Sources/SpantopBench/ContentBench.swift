import Recordings
import SpanCore
import Workloads

/// `spantop-bench content`: what message text costs. With `--file` (a content-heavy recording,
/// scripts/make-content-workload.py), the resident memory per span and the message bytes the
/// store counts; then, on that store or on `--spans` of the demo's agent runs, the time of a
/// conversation search per keystroke as someone types (best of 3 per keystroke).
enum ContentBench {
    static func run(spans: Int, batch: Int, file: String?) throws {
        let store = TraceStore(maxSpans: Int.max)
        let before = residentBytes()
        if let file {
            let loader = RecordingLoader(batchSpans: batch, diagnostics: { _ in }, rejected: { _ in }) {
                store.ingest($0)
            }
            try loader.load(path: file)
        } else {
            var generator = AgentRunGenerator(
                seed: 42, startTime: Timestamp(unixNanoseconds: 1_767_000_000_000_000_000))
            var pending: [SpanRecord] = []
            while store.statistics.spans + pending.count < spans {
                pending += generator.run()
                if pending.count >= batch {
                    var b = SpanBatch()
                    b.append(records: pending)
                    store.ingest(b)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            var b = SpanBatch()
            b.append(records: pending)
            store.ingest(b)
        }
        _ = HeapTrim.returnFreePages()
        let n = store.statistics.spans
        let grown = Double(residentBytes() - before)
        print("content: \(format(Double(n))) spans, \(store.tasks.count) tasks, \(store.traceCount) traces")
        print("  resident growth: \(format(grown / 1e6, 1)) MB = \(format(grown / Double(n), 1)) bytes/span")
        print(
            "  message text counted: \(format(Double(store.contentBytes) / 1e6, 1)) MB"
                + " (\(format(Double(store.contentBytes) / Double(n), 1)) bytes/span); interned strings"
                + " \(format(Double(store.strings.arenaBytes) / 1e6, 1)) MB in \(format(Double(store.strings.count))) strings"
        )
        // The query API's answers on this store: what one query holds the owner (and ingest) for.
        let someTask = store.tasks.count > 0 ? store.string(store.tasks[TaskIndex(rawValue: 0)].id) : "none"
        for target in [
            "/api/v1/overview", "/api/v1/tasks?limit=50", "/api/v1/tasks?status=failed&limit=500",
            "/api/v1/tasks?limit=500&cursor=100000", "/api/v1/tasks/\(someTask)",
            "/api/v1/tasks/\(someTask)/transcript",
        ] {
            var answer = QueryAnswer(status: 0, body: [])
            var best = Nanoseconds.seconds(1000)
            for _ in 0..<3 { best = min(best, MonotonicClock.measure { answer = store.answer(target: target) }) }
            print(
                "  query \(target): \(format(Double(best.rawValue) / 1e6, 1)) ms, \(answer.status), "
                    + "\(format(Double(answer.body.count) / 1024, 1)) KB")
        }
        var index = ContentIndex.empty
        let built = MonotonicClock.measure { index = store.contentIndex() }
        print("  content index (once per store change): \(format(Double(built.rawValue) / 1e6, 1)) ms")
        // Typed one key at a time, each search narrowing from the last (as the task list does).
        for query in ["tofuku-ji", "no agent ever said this", "Kyoto"] {
            var typed = ""
            for c in query {
                typed.append(c)
                guard typed.utf8.count >= ContentIndex.minimumQuery else { continue }
                var found = ContentMatches()
                let took = MonotonicClock.measure { found = store.tasks(withContent: typed, in: &index) }
                print(
                    "  search \"\(typed)\": \(format(Double(took.rawValue) / 1e6, 1)) ms, \(found.tasks.count) tasks,"
                        + " \(found.spans) spans, \(format(Double(found.stringsTested))) strings matched")
            }
        }
    }
}
