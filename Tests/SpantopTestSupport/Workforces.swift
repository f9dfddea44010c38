import SpanCore
import Workloads

/// Eigent-shaped spans from `WorkforceGenerator`, the shape the demo and the benchmark send.
public enum Workforces {
    /// Whole workforces of 10 subtasks each, at least `count` spans.
    public static func records(atLeast count: Int, seed: UInt64 = 7) -> [SpanRecord] {
        var generator = WorkforceGenerator(seed: seed)
        var out: [SpanRecord] = []
        while out.count < count { out += generator.workforce(subtasks: 10) }
        return out
    }
}

extension SpanBatch {
    /// A batch holding `records`.
    public init(records: [SpanRecord]) {
        self.init()
        append(records: records)
    }
}
