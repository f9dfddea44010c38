import Foundation
import SpanCore

/// Collects the senders' counts and latencies and prints the load summary.
final class LoadResults: @unchecked Sendable {  // `parts` is only touched under `condition`
    struct Part: Sendable {
        var accepted = 0
        var refused = 0
        var errors = 0
        var latencies: [Nanoseconds] = []
    }

    private let condition = NSCondition()
    private var parts: [Part] = []

    func merge(_ part: Part) {
        condition.lock()
        parts.append(part)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `count` senders, each on a thread of its own until `seconds` have passed, then
    /// prints the summary with this process's CPU over the run.
    static func runThreads(
        _ count: Int, seconds: Double, spansPerRequest: Int,
        _ sender: @escaping @Sendable (_ index: Int, _ deadline: MonotonicInstant) -> Part
    ) {
        let results = LoadResults()
        let cpu = ProcessCPU.seconds()
        let start = MonotonicClock.now()
        let deadline = start + .seconds(seconds)
        for index in 0..<count { Thread { results.merge(sender(index, deadline)) }.start() }
        results.waitFor(count)
        results.print(
            elapsed: (MonotonicClock.now() - start).seconds, spansPerRequest: spansPerRequest,
            cpu: ProcessCPU.seconds() - cpu)
    }

    func waitFor(_ count: Int) {
        condition.lock()
        while parts.count < count { condition.wait() }
        condition.unlock()
    }

    /// Prints the summary; `cpu` is the client's own CPU seconds over the run.
    func print(elapsed: Double, spansPerRequest: Int, cpu: Double) {
        condition.lock()
        defer { condition.unlock() }
        let accepted = parts.reduce(0) { $0 + $1.accepted }
        let refused = parts.reduce(0) { $0 + $1.refused }
        let errors = parts.reduce(0) { $0 + $1.errors }
        let latencies = parts.flatMap(\.latencies).sorted()
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "—" }
            let i = min(latencies.count - 1, Int(Double(latencies.count) * p))
            return format(latencies[i].milliseconds, 2) + " ms"
        }
        Swift.print(
            "  \(accepted) requests accepted (\(format(Double(accepted * spansPerRequest))) spans) in \(format(elapsed, 1)) s, "
                + "\(refused) refused (503/429, retried), \(errors) errors")
        Swift.print("  throughput: \(format(Double(accepted * spansPerRequest) / elapsed)) spans/s")
        Swift.print("  latency: p50 \(percentile(0.5)), p99 \(percentile(0.99))")
        let perMillion = accepted > 0 ? cpu / Double(accepted * spansPerRequest) * 1e6 : 0
        Swift.print("  client CPU: \(format(cpu, 2)) s (\(format(perMillion, 2)) s per 1M spans)")
    }
}
