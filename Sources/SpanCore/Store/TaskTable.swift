/// The store's tasks: records in slots that keep their position while the task lives (a
/// `TaskIndex`), facts few tasks have in a side table, the dependencies tasks declared, and
/// the tasks the current batch touched.
///
/// Invariants:
/// - A freed slot is in `free` once and holds an empty record until `add` reuses it; live
///   slots never move, so the UI's indexes stay valid.
/// - `records[t].rareSlot` is 0 (no rare facts) or 1 + a position in `rare` no other live task
///   uses; positions of removed tasks are reused first.
/// - `dirty` holds each task at most once, exactly those whose record says `dirty`.
public struct TaskTable: Sendable {
    public internal(set) var records = ChunkedArray<TaskRecord>()
    /// Facts only plain-trace tasks and workforce roots have (`RareTaskFacts`).
    var rare = ChunkedArray<RareTaskFacts>()
    /// Interned ids of the tasks a task waited for (`eigent.task.dependencies`).
    public internal(set) var dependencies: [TaskIndex: [StringID]] = [:]
    /// Tasks touched since the batch began, to derive at its end.
    private(set) var dirty: [TaskIndex] = []
    private var free: [TaskIndex] = []
    private var freeRare: [UInt32] = []

    public init() {}

    /// Files a new task, in a freed slot when there is one.
    mutating func add(_ record: TaskRecord) -> TaskIndex {
        if let t = free.popLast() {
            records[t] = record
            return t
        }
        records.append(record)
        return TaskIndex(position: records.count - 1)
    }

    /// Frees task `t`'s slot, rare facts and dependencies (eviction).
    mutating func remove(_ t: TaskIndex) {
        releaseRareSlot(t)
        dependencies[t] = nil
        records[t] = TaskRecord(source: .trace, project: .empty, id: .empty, traceID: .zero)
        free.append(t)
    }

    /// The rare facts of a task (all unset when it has none).
    func rareFacts(of task: TaskRecord) -> RareTaskFacts {
        task.rareSlot == 0 ? RareTaskFacts() : rare[Int(task.rareSlot - 1)]
    }

    /// Position of task `t`'s rare facts in `rare`, given one first if it has none.
    mutating func rareSlot(_ t: TaskIndex) -> Int {
        if records[t].rareSlot != 0 { return Int(records[t].rareSlot - 1) }
        let slot: Int
        if let reused = freeRare.popLast() {
            slot = Int(reused)
            rare[slot] = RareTaskFacts()
        } else {
            slot = rare.count
            rare.append(RareTaskFacts())
        }
        records[t].rareSlot = UInt32(slot + 1)
        return slot
    }

    private mutating func releaseRareSlot(_ t: TaskIndex) {
        guard records[t].rareSlot != 0 else { return }
        freeRare.append(records[t].rareSlot - 1)
        records[t].rareSlot = 0
    }

    /// Notes that task `t` changed in this batch.
    mutating func markDirty(_ t: TaskIndex) {
        guard !records[t].dirty else { return }
        records[t].dirty = true
        dirty.append(t)
    }

    /// Ends the batch's list of touched tasks (after they were derived).
    mutating func clearDirty() {
        for t in dirty { records[t].dirty = false }
        dirty.removeAll(keepingCapacity: true)
    }

    /// Bytes held beyond the records themselves.
    var sideByteCount: Int {
        rare.capacity * MemoryLayout<RareTaskFacts>.stride
            + dependencies.values.reduce(0) { $0 + 12 + $1.capacity * 4 } + free.capacity * 4
    }

    /// Whether the invariants hold (for tests).
    var isConsistent: Bool {
        let freed = Set(free)
        let rareInUse = (0..<records.count).compactMap { i -> UInt32? in
            let t = TaskIndex(position: i)
            return freed.contains(t) || records[t].rareSlot == 0 ? nil : records[t].rareSlot - 1
        }
        let dirtyFlags = (0..<records.count).filter { records[TaskIndex(position: $0)].dirty }
        return freed.count == free.count && Set(rareInUse).count == rareInUse.count
            && Set(rareInUse).isDisjoint(with: freeRare) && Set(dirty).count == dirty.count
            && Set(dirty.map(\.position)) == Set(dirtyFlags)
    }
}
