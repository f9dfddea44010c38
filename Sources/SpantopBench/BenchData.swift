import Foundation
import OTLPWire
import SpanCore
import Workloads

#if canImport(Glibc)
    import Glibc
#endif

/// Generated Eigent-shaped batches, as a BatchSpanProcessor would send them.
struct BenchData {
    var generator: WorkforceGenerator
    var pending: [SpanRecord] = []
    let batchSpans: Int
    /// How many distinct project ids the runs cycle through.
    let projects: Int
    /// 0: the stream goes on; N: it starts over (the same ids again) every N workforce runs.
    let repeatEvery: Int
    var runs = 0

    init(batchSpans: Int, projects: Int = 8, repeatEvery: Int = 0) {
        self.batchSpans = batchSpans
        self.projects = projects
        self.repeatEvery = repeatEvery
        generator = WorkforceGenerator(seed: 42, projects: projects)
    }

    /// The next batch of exactly `batchSpans` spans (traces continue across batches).
    mutating func nextBatch() -> SpanBatch {
        while pending.count < batchSpans {
            if repeatEvery > 0 && runs > 0 && runs % repeatEvery == 0 {
                generator = WorkforceGenerator(seed: 42, projects: projects)
            }
            pending.append(contentsOf: generator.workforce(subtasks: 40))
            runs += 1
        }
        var batch = SpanBatch()
        batch.append(records: Array(pending.prefix(batchSpans)))
        pending.removeFirst(batchSpans)
        return batch
    }
}

/// VmRSS of this process, or of process `pid`, in bytes; 0 when unknown.
func residentBytes(of pid: String = "self") -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return kb * 1024
    }
    return 0
}

func seconds(_ d: Nanoseconds) -> Double { d.seconds }

func format(_ v: Double, _ decimals: Int = 0) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (v * scale).rounded() / scale
    if decimals == 0 {
        // Thousands separators for readability.
        let digits = Array(String(Int64(r)))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
    return String(r)
}
