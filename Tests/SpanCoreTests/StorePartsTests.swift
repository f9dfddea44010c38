import Testing

@testable import SpanCore

/// The store's parts on their own: each keeps the invariants its type states.
struct StorePartsTests {
    static func id(_ n: UInt32) -> StringID { StringID(rawValue: n) }

    @Test func aProjectGetsOneSlotFoundByItsID() {
        var table = ProjectTable(maxSummaries: 2)
        let a = table.slot(Self.id(10))
        let b = table.slot(Self.id(11))
        #expect(table.slot(Self.id(10)) == a, "the same project, the same slot")
        #expect((a, b) == (0, 1))
        #expect(table.position(of: Self.id(11)) == b)
        #expect(table.position(of: Self.id(12)) == nil)
        #expect(table.isConsistent)
    }

    @Test func summariesBeyondTheCapDropTheOneSeenLongestAgo() {
        var table = ProjectTable(maxSummaries: 2)
        for n in 0..<4 {
            let p = table.slot(Self.id(UInt32(20 + n)))
            table.records[p].lastSeen = Timestamp(rawValue: UInt64(100 + n))
        }
        let layout = table.layout
        let (first, second, again) = (table.summarise(0), table.summarise(1), table.summarise(0))
        #expect(!first && !second, "two summaries fit")
        #expect(!again, "summarising twice counts once")
        #expect(table.isConsistent)
        let dropped = table.summarise(3)
        #expect(dropped, "a third summary drops the oldest: project 20")
        #expect(table.position(of: Self.id(20)) == nil)
        #expect(table.records.map(\.id) == [Self.id(21), Self.id(22), Self.id(23)])
        #expect(table.layout != layout, "positions moved")
        #expect(table.isConsistent)
        // Project 21 gets tasks again: no longer a summary, so another fits without a drop.
        table.revive(table.position(of: Self.id(21))!)
        let droppedAgain = table.summarise(table.position(of: Self.id(22))!)
        #expect(!droppedAgain)
        #expect(table.isConsistent)
    }

    static func contribution(worker: StringID, status: TaskStatus, cost: Double?) -> Contribution {
        Contribution(
            status: status, tokens: 100, cost: cost, costIsEstimate: false, quality: nil, queue: 1, processing: 2,
            worker: worker, wastedSeconds: 0)
    }

    @Test func aWorkersTotalsAreWhatItsTasksAddedAndTookBack() {
        var workers = WorkerTable()
        let w = Self.id(30)
        let first = Self.contribution(worker: w, status: .running, cost: nil)
        let done = Self.contribution(worker: w, status: .completed, cost: 0.5)
        workers.contribute(first, sign: 1)
        workers.contribute(first, sign: -1)
        workers.contribute(done, sign: 1)
        let a = workers.aggregates[w]
        #expect(a?.count(.running) == 0 && a?.count(.completed) == 1)
        #expect(a?.knownCost == 0.5)
        workers.contribute(Self.contribution(worker: .empty, status: .completed, cost: 1), sign: 1)
        #expect(workers.aggregates.count == 1, "a task without a worker counts for none")
    }

    @Test func aLateAnnouncementReachesTheTasksAlreadyAssigned() {
        var workers = WorkerTable()
        let w = Self.id(31)
        workers.assign(TaskIndex(rawValue: 3), to: w)
        workers.assign(TaskIndex(rawValue: 5), to: w)
        let touched = workers.announce(w) { $0.model = Self.id(40) }
        #expect(touched == [TaskIndex(rawValue: 3), TaskIndex(rawValue: 5)])
        #expect(workers.info[w]?.model == Self.id(40))
        workers.forget([TaskIndex(rawValue: 3)], of: [w])
        let left = workers.announce(w) { _ in }
        #expect(left == [TaskIndex(rawValue: 5)], "a retired slot is forgotten")
        workers.forget([TaskIndex(rawValue: 5)], of: [w])
        #expect(workers.assigned[w] == nil)
    }

    @Test func pruningKeepsWorkersThatAreNamedOrStillAnnounced() {
        var workers = WorkerTable()
        let (named, announced, gone) = (Self.id(50), Self.id(51), Self.id(52))
        for w in [named, announced, gone] {
            _ = workers.announce(w) { $0.trace = TraceSerial(arrivalNumber: UInt64(w.rawValue)) }
            workers.contribute(Self.contribution(worker: w, status: .completed, cost: nil), sign: 1)
        }
        workers.prune(keeping: [named], liveTraces: [TraceSerial(arrivalNumber: UInt64(announced.rawValue))])
        #expect(Set(workers.info.keys) == [named, announced])
        #expect(Set(workers.aggregates.keys) == [named, announced])
    }

    static func record(_ n: UInt32) -> TaskRecord {
        TaskRecord(source: .trace, project: id(1), id: id(n), traceID: TraceID(high: 0, low: UInt64(n)))
    }

    @Test func aFreedTaskSlotIsReusedAndLiveSlotsNeverMove() {
        var table = TaskTable()
        let a = table.add(Self.record(60))
        let b = table.add(Self.record(61))
        let c = table.add(Self.record(62))
        table.remove(b)
        #expect(table.records[b].id == .empty, "a freed slot holds an empty record")
        let d = table.add(Self.record(63))
        #expect(d == b, "the freed slot is taken first")
        #expect(table.records[a].id == Self.id(60) && table.records[c].id == Self.id(62))
        #expect(table.records.count == 3)
        #expect(table.isConsistent)
    }

    @Test func rareFactsAndDependenciesLeaveWithTheirTask() {
        var table = TaskTable()
        let a = table.add(Self.record(70))
        let b = table.add(Self.record(71))
        #expect(table.rareFacts(of: table.records[a]).rootDuration == nil, "no slot: all unset")
        let slotA = table.rareSlot(a)
        #expect(table.rareSlot(a) == slotA, "one slot per task")
        table.rare[slotA].rootDuration = 2
        table.dependencies[a] = [Self.id(71)]
        #expect(table.rareFacts(of: table.records[a]).rootDuration == 2)
        table.remove(a)
        #expect(table.dependencies[a] == nil)
        let slotB = table.rareSlot(b)
        #expect(slotB == slotA, "the freed rare slot is reused")
        #expect(table.rareFacts(of: table.records[b]).rootDuration == nil, "and starts empty")
        #expect(table.isConsistent)
    }

    @Test func aTaskIsDerivedOncePerBatchHoweverOftenTouched() {
        var table = TaskTable()
        let a = table.add(Self.record(80))
        let b = table.add(Self.record(81))
        for t in [a, b, a, a] { table.markDirty(t) }
        #expect(table.dirty == [a, b])
        #expect(table.isConsistent)
        table.clearDirty()
        #expect(table.dirty.isEmpty && !table.records[a].dirty)
        table.markDirty(a)
        #expect(table.dirty == [a], "the next batch lists it again")
    }

    @Test func finishedTracesLeaveFirstAndARecreatedTraceIsNew() {
        var table = TraceTable()
        let (a, isNew) = table.record(for: TraceID(high: 1, low: 1))
        #expect(isNew)
        #expect(table.record(for: TraceID(high: 1, low: 1)).trace === a, "found, not created again")
        let (b, _) = table.record(for: TraceID(high: 1, low: 2))
        let (c, _) = table.record(for: TraceID(high: 1, low: 3))
        table.noteFinished(c)
        #expect(table.removeNext() === c, "a finished trace goes before older running ones")
        #expect(table.removeNext() === a)
        // Created again under a's id: a new trace, queued behind b.
        let (a2, again) = table.record(for: TraceID(high: 1, low: 1))
        #expect(again && a2 !== a)
        #expect(table.removeNext() === b)
        #expect(table.removeNext() === a2)
        #expect(table.removeNext() == nil && table.count == 0)
        #expect(table.isConsistent)
    }
}
