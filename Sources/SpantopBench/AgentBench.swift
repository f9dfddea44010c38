import SpanCore
import Workloads

/// `spantop-bench agents`: ingest of pydantic-ai-shaped agent traces (`AgentRunGenerator`, the
/// demo's: a coordinator delegating to a researcher, 9–17 spans, each call with its messages),
/// `--concurrent` traces interleaved in each batch as a BatchSpanProcessor sends them. Measured
/// twice: as agent traces (runs rebuilt per batch) and with the operation names taken out
/// (plain traces), so the difference is what agent runs cost.
enum AgentBench {
    static func run(spans: Int, batch: Int, concurrent: Int) {
        for agents in [true, false] {
            var generator = AgentRunGenerator(
                seed: 42, startTime: Timestamp(unixNanoseconds: 1_767_000_000_000_000_000))
            generator.conventions = agents
            var batches: [SpanBatch] = []
            var pending: [SpanRecord] = []
            var live: [[SpanRecord]] = []
            var made = 0
            // Round-robin over `concurrent` traces in flight, each emitting its spans in end order.
            while made < spans || !live.isEmpty {
                while live.count < concurrent && made < spans {
                    let run = generator.run()
                    made += run.count
                    live.append(run)
                }
                var i = 0
                while i < live.count {
                    pending.append(live[i].removeFirst())
                    if live[i].isEmpty { live.remove(at: i) } else { i += 1 }
                    if pending.count == batch {
                        var b = SpanBatch()
                        b.append(records: pending)
                        batches.append(b)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !pending.isEmpty {
                var b = SpanBatch()
                b.append(records: pending)
                batches.append(b)
            }
            var best = Nanoseconds.seconds(1000)
            var store = TraceStore(maxSpans: Int.max)
            for _ in 0..<3 {
                store = TraceStore(maxSpans: Int.max)
                let s = store
                best = min(best, MonotonicClock.measure { for b in batches { s.ingest(b) } })
            }
            let total = store.statistics.spans
            let rate = Double(total) / best.seconds
            let label = agents ? "agent traces" : "plain traces (no operation names)"
            print(
                "agents: \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(Int(rate)) spans/s"
                    + "  (\(total) spans, \(store.tasks.count) task slots, \(concurrent) traces in flight, "
                    + "\(batch)/batch, best of 3)")
        }
    }
}
