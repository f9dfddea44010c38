/// Workers and agents: what each Eigent worker said about itself, the aggregates of the tasks
/// each did, and which tasks were assigned to each (so a worker announced late re-derives them).
///
/// Keyed by worker id (Eigent) or agent name (other traces) — a task's `workerOrAgent`.
/// Invariants:
/// - `aggregates[w]` is the sum of the contributions of the counted tasks done by `w`
///   (`contribute` adds and takes back exactly what a task added).
/// - `assigned[w]` holds no task slot that was freed (`forget` runs when tasks are retired).
/// - After `prune(keeping:liveTraces:)`, every entry is named by a live task or announced by a
///   stored trace.
public struct WorkerTable: Sendable {
    /// What `worker.created` said, by worker id.
    public internal(set) var info: [StringID: WorkerInfo] = [:]
    /// Totals of the tasks each worker or agent did.
    public internal(set) var aggregates: [StringID: Aggregate] = [:]
    /// Tasks assigned to each worker (`task.assigned`).
    var assigned: [StringID: [TaskIndex]] = [:]

    public init() {}

    /// Records what a worker announced; returns the tasks assigned to it so far, whose derived
    /// agent and model change with it.
    mutating func announce(_ worker: StringID, _ update: (inout WorkerInfo) -> Void) -> [TaskIndex] {
        update(&info[worker, default: WorkerInfo()])
        return assigned[worker] ?? []
    }

    mutating func assign(_ task: TaskIndex, to worker: StringID) {
        assigned[worker, default: []].append(task)
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) a task's contribution to its worker's totals.
    mutating func contribute(_ c: Contribution, sign: Int) {
        guard !c.worker.isEmpty else { return }
        aggregates[c.worker, default: Aggregate()].apply(c, sign: sign)
    }

    /// Forgets retired task slots assigned to `workers`.
    mutating func forget(_ gone: Set<TaskIndex>, of workers: some Sequence<StringID>) {
        for w in workers {
            guard var list = assigned[w] else { continue }
            list.removeAll { gone.contains($0) }
            assigned[w] = list.isEmpty ? nil : list
        }
    }

    /// Keeps workers a live task names (`live`) or whose `worker.created` is still stored.
    mutating func prune(keeping live: Set<StringID>, liveTraces: Set<TraceSerial>) {
        info = info.filter { live.contains($0.key) || liveTraces.contains($0.value.trace) }
        aggregates = aggregates.filter { live.contains($0.key) || info[$0.key] != nil }
        assigned = assigned.filter { live.contains($0.key) || info[$0.key] != nil }
    }

    /// Every string id the table refers to, for the string sweep.
    func mark(_ marks: inout StringMarks) {
        for (id, w) in info { marks.mark(id, w.role, w.agent, w.model, w.type) }
        for id in aggregates.keys { marks.mark(id) }
    }

    /// Bytes held (dictionary entries at a load of at most 3/4).
    var byteCount: Int {
        info.count * (4 + MemoryLayout<WorkerInfo>.stride) * 4 / 3
            + aggregates.count * (4 + MemoryLayout<Aggregate>.stride) * 4 / 3
            + aggregates.values.reduce(0) { $0 + $1.byteCount }
            + assigned.values.reduce(0) { $0 + 12 + $1.capacity * 4 }
    }
}
