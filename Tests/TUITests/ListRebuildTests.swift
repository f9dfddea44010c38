import SpanCore
import SpantopTestSupport
import Testing

@testable import TUI

/// The task tree, the failures, workers and timeline lists, rebuilt fast, give exactly the rows the plain
/// algorithms below give (the ones they replaced): same rows, same order, for every sort,
/// direction, filter and fold, with ties, unknown values, parent cycles and re-parented tasks.
@Suite struct ListRebuildTests {
    /// Eigent-shaped tasks with random parents (missing, cyclic, changed later), equal and
    /// unknown times, failed attempts and tasks failing without one, over three projects.
    static func tangledStore(seed: UInt64) -> TraceStore {
        var g = SplitMix64(seed: seed)
        let store = TraceStore()
        var records: [SpanRecord] = []
        var spanID: UInt64 = 1
        let base = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)
        func span(_ name: String, task: Int, project: Int, at second: Int?, status: UInt8 = 0, _ a: [KeyValue]) {
            var r = SpanRecord()
            r.traceID = TraceID(high: 1, low: UInt64(task % 7 + 1))
            r.spanID = SpanID(spanID)
            spanID += 1
            r.name = name
            if let second {
                r.startTime = base + .seconds(Double(second))
                r.endTime = r.startTime + .seconds(Double(Int.random(in: 0...3, using: &g)))
            }
            r.statusCode = status
            r.attributes =
                a + [
                    KeyValue("eigent.project.id", .string("p\(project)")),
                    KeyValue("eigent.task.id", .string("t\(task)")),
                ]
            records.append(r)
        }
        let count = 120
        for task in 0..<count {
            let project = task % 3
            // Few distinct seconds: many ties, broken by time then slot.
            let at: Int? = Int.random(in: 0..<10, using: &g) == 0 ? nil : Int.random(in: 0..<20, using: &g)
            var created: [KeyValue] = [KeyValue("eigent.task.description", .string("job \(task % 9)"))]
            if Int.random(in: 0..<4, using: &g) > 0 {
                // Parents anywhere, including later tasks, unknown ones and cycles.
                let parent = Int.random(in: 0..<(count + 10), using: &g)
                created.append(KeyValue("eigent.task.parent_id", .string("t\(parent / 3 * 3 + project)")))
            }
            span("task.created", task: task, project: project, at: at, created)
            guard Int.random(in: 0..<5, using: &g) > 0 else { continue }
            let worker = "w\(Int.random(in: 0..<4, using: &g))"
            let assigned = [KeyValue("eigent.worker.id", .string(worker))]
            span("task.assigned", task: task, project: project, at: at.map { $0 + 1 }, assigned)
            for attempt in 0..<Int.random(in: 0...3, using: &g) {
                let failed = Bool.random(using: &g)
                var facts = [KeyValue("eigent.worker.id", .string(worker))]
                if failed { facts.append(KeyValue("eigent.task.status", .string("failed"))) }
                if Bool.random(using: &g) {
                    facts.append(KeyValue("eigent.task.processing_time_seconds", .double(Double(attempt % 3))))
                }
                if Bool.random(using: &g) {
                    facts.append(
                        KeyValue("eigent.task.quality_score", .double(Double(Int.random(in: 0...2, using: &g)))))
                }
                if Bool.random(using: &g) {
                    facts.append(KeyValue("eigent.task.token_usage.total_tokens", .int(Int64(attempt * 100))))
                }
                span(
                    "task.execution:t\(task)", task: task, project: project, at: at.map { $0 + 2 + attempt },
                    status: failed ? 2 : 0, facts)
            }
        }
        // Some tasks change parent afterwards: their old parent keeps a stale child entry.
        for task in stride(from: 0, to: count, by: 11) {
            span(
                "task.created", task: task, project: task % 3, at: 5,
                [KeyValue("eigent.task.parent_id", .string("t\((task + 3) % count)"))])
        }
        records.shuffle(using: &g)
        for part in stride(from: 0, to: records.count, by: 97) {
            store.ingest(SpanBatch(records: Array(records[part..<min(records.count, part + 97)])))
        }
        return store
    }

    static func stores() throws -> [TraceStore] {
        let generated = TraceStore()
        generated.ingest(SpanBatch(records: Workforces.records(atLeast: 3000)))
        let fixture = try TUIHarness.fixture().store
        return [generated, fixture] + (1...4).map { tangledStore(seed: $0) }
    }

    @Test func taskRowsMatchThePlainTreeWalk() throws {
        for store in try Self.stores() {
            let data = ViewData(store: store)
            for project in store.projects where !project.tasks.isEmpty {
                var tree = TaskTreeState()
                tree.project = project.id
                var orders = Set<[TaskIndex]>()
                defer {
                    if project.tasks.count >= 10 { #expect(orders.count > 5, "sorts should give different orders") }
                }
                let some = Set(project.tasks.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
                for sort in TaskSort.allCases {
                    for descending in [false, true] {
                        tree.sort = sort
                        tree.descending = descending
                        for (filter, search, collapsed) in [
                            (nil, "", Set<TaskIndex>()), (nil, "", some), (TaskStatus.failed, "", some),
                            (nil, "1", Set()), (TaskStatus.completed, "job", Set()),
                        ] {
                            tree.filter = filter
                            tree.search = search
                            tree.collapsed = collapsed
                            let expected = PlainLists.taskRows(store, project, tree)
                            orders.insert(expected.map(\.task))
                            #expect(
                                data.taskRows(tree) == expected, "\(sort) \(descending) \(String(describing: filter))")
                        }
                    }
                }
            }
        }
    }

    @Test func failureRowsMatchThePlainSort() throws {
        var all: [FailureRow] = []
        for store in try Self.stores() {
            let rows = ViewData(store: store).failureRows()
            #expect(rows == PlainLists.failureRows(store))
            all += rows
        }
        // Both kinds of row, retried tasks, ties in time.
        #expect(all.contains { $0.attempt == 0 } && all.contains { $0.attempt > 1 })
        let tangled = ViewData(store: Self.tangledStore(seed: 1)).failureRows()
        #expect(Set(tangled.map(\.time)).count < tangled.count)
    }

    @Test func timelineRowsMatchThePlainGrouping() throws {
        var segments = 0
        for store in try Self.stores() {
            let data = ViewData(store: store)
            for project in store.projects {
                for lanes in [false, true] {
                    let rows = data.timelineRows(project: project.id, workerLanes: lanes)
                    #expect(rows == PlainLists.timelineRows(data, project, workerLanes: lanes))
                    segments += rows.reduce(0) { $0 + $1.segments.count }
                }
            }
        }
        #expect(segments > 100)
    }

    @Test func workerRowsMatchTheStringSort() throws {
        // Worker names in non-ASCII text take the String way; both must give the String order.
        let accented = TraceStore()
        var records = Workforces.records(atLeast: 500)
        for i in records.indices where i % 5 == 0 {
            records[i].attributes = records[i].attributes.map { a in
                guard a.key == "eigent.worker.id", case .string(let id) = a.value else { return a }
                return KeyValue(a.key, .string("é" + id))
            }
        }
        accented.ingest(SpanBatch(records: records))
        var checked = 0
        for store in try Self.stores() + [accented] {
            let data = ViewData(store: store)
            let plain = store.workerAggregates.keys.map { ($0, data.workerName($0)) }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
            #expect(data.workerRows() == plain)
            checked += plain.count
        }
        #expect(checked > 50)
    }

    @Test func noProjectChosenShowsTheFirstProjectsRows() throws {
        let h = try TUIHarness.fixture()
        var tree = TaskTreeState()
        let first = h.data.taskRows(tree)
        tree.project = h.data.taskProject(tree)?.id
        #expect(h.data.taskRows(tree) == first)
    }
}

/// The list builders as they were before the rebuild was made fast, kept as the reference.
enum PlainLists {
    static func taskRows(_ store: TraceStore, _ project: ProjectRecord, _ key: TaskTreeState) -> [TaskRow] {
        let inProject = project.tasks
        let narrowing = key.filter != nil || !key.search.isEmpty
        var shown: Set<TaskIndex>? = nil
        if narrowing {
            var set = Set<TaskIndex>()
            let query = key.search.lowercased()
            for t in inProject where matches(store, t, key.filter, query) {
                var current: TaskIndex? = t
                var steps = 0
                while let c = current, steps < 256, set.insert(c).inserted {
                    let parent = store.tasks[c].parentID
                    current = parent.isEmpty ? nil : store.taskIndex(project: project.id, id: parent)
                    steps += 1
                }
            }
            shown = set
        }
        var roots: [TaskIndex] = []
        for t in inProject {
            let parent = store.tasks[t].parentID
            if parent.isEmpty || store.taskIndex(project: project.id, id: parent) == nil { roots.append(t) }
        }
        let rollups = store.rollups(inProject)
        let path = Set(store.criticalPath(project)?.tasks ?? [])
        let outliers = store.outliers(project)
        var rows: [TaskRow] = []
        var visited = Set<TaskIndex>()
        func walk(_ start: [TaskIndex]) {
            var stack: [(task: TaskIndex, depth: Int, hidden: Bool)] = sorted(store, start, key).reversed().map {
                ($0, 0, false)
            }
            while let (t, depth, hidden) = stack.popLast() {
                guard visited.insert(t).inserted else { continue }
                let children = store.tasks[t].children
                if hidden || (shown.map { !$0.contains(t) } ?? false) {
                    for c in children { stack.append((c, depth + 1, true)) }
                    continue
                }
                let collapsed = key.collapsed.contains(t) && !narrowing
                rows.append(
                    TaskRow(
                        task: t, depth: depth, hasChildren: !children.isEmpty, isCollapsed: collapsed,
                        rollup: children.isEmpty ? nil : rollups[t], critical: path.contains(t),
                        outlier: outliers.contains(t)))
                for c in sorted(store, children, key).reversed() { stack.append((c, depth + 1, collapsed)) }
            }
        }
        walk(roots)
        let unreached = inProject.filter { !visited.contains($0) && (shown?.contains($0) ?? true) }
        if !unreached.isEmpty { walk(unreached) }
        return rows
    }

    private static func matches(_ store: TraceStore, _ t: TaskIndex, _ filter: TaskStatus?, _ query: String) -> Bool {
        let task = store.tasks[t]
        if let filter, task.status != filter { return false }
        if query.isEmpty { return true }
        if store.string(task.id).lowercased().contains(query) { return true }
        return !task.name.isEmpty && store.string(task.name).lowercased().contains(query)
    }

    private static func sorted(_ s: TraceStore, _ tasks: [TaskIndex], _ key: TaskTreeState) -> [TaskIndex] {
        func less(_ a: TaskIndex, _ b: TaskIndex) -> Bool {
            let x = s.tasks[a]
            let y = s.tasks[b]
            func compare<T: Comparable>(_ u: T?, _ v: T?) -> Bool? {
                switch (u, v) {
                case (nil, nil): return nil
                case (nil, _): return false
                case (_, nil): return true
                case (let u?, let v?): return u == v ? nil : (key.descending ? u > v : u < v)
                }
            }
            let decided: Bool?
            switch key.sort {
            case .time: decided = compare(TimeOrder(x.sortTime), TimeOrder(y.sortTime))
            case .status: decided = compare(x.status, y.status)
            case .id: decided = compare(s.string(x.id), s.string(y.id))
            case .worker: decided = compare(s.optionalString(x.workerOrAgent), s.optionalString(y.workerOrAgent))
            case .model: decided = compare(s.optionalString(x.model), s.optionalString(y.model))
            case .attempts: decided = compare(x.attempts, y.attempts)
            case .queue: decided = compare(x.queueSeconds, y.queueSeconds)
            case .processing: decided = compare(x.processingSeconds, y.processingSeconds)
            case .tokens: decided = compare(x.tokens.seen ? x.tokens.total : nil, y.tokens.seen ? y.tokens.total : nil)
            case .cost: decided = compare(x.cost, y.cost)
            case .quality: decided = compare(x.quality, y.quality)
            }
            if let decided { return decided }
            return (TimeOrder(x.sortTime), a) < (TimeOrder(y.sortTime), b)
        }
        return tasks.sorted(by: less)
    }

    static func failureRows(_ store: TraceStore) -> [FailureRow] {
        var rows: [FailureRow] = []
        for p in store.projects {
            var seen: [TaskIndex: Int] = [:]
            for f in p.failedAttempts.sorted(by: { $0.time < $1.time }) {
                seen[f.task, default: 0] += 1
                rows.append(
                    FailureRow(
                        task: f.task, time: f.time, error: f.error, worker: f.worker, spanID: f.spanID,
                        attempt: seen[f.task]!))
            }
            for t in p.tasks {
                let task = store.tasks[t]
                guard task.status == .failed, task.failedAttempts == 0 else { continue }
                rows.append(
                    FailureRow(
                        task: t, time: task.sortTime, error: task.error, worker: task.workerOrAgent, spanID: 0,
                        attempt: 0))
            }
        }
        return rows.sorted { (TimeOrder($0.time), $0.task) > (TimeOrder($1.time), $1.task) }
    }
}

extension PlainLists {
    static func timelineRows(_ data: ViewData, _ p: ProjectRecord, workerLanes: Bool) -> [TimelineRow] {
        let store = data.store
        let attempts = attemptsByTask(store, p)
        let path = Set(store.criticalPath(p)?.tasks ?? [])
        let ordered = p.tasks.map { (TimeOrder(store.tasks[$0].sortTime), $0) }.sorted(by: <).map(\.1)
        if !workerLanes {
            return ordered.map { t in
                let task = store.tasks[t]
                var segments: [TimelineSegment] = []
                let firstStart = attempts[t]?.first?.start
                if let created = task.createdAt {
                    let queueEnd = task.firstAssignedAt ?? firstStart
                    if queueEnd.map({ $0 > created }) ?? (task.status == .pending) {
                        segments.append(.init(kind: .queued, start: created, end: queueEnd))
                    }
                }
                segments += attempts[t] ?? []
                return TimelineRow(task: t, worker: nil, segments: segments, critical: path.contains(t))
            }
        }
        var lanes: [StringID: (task: TaskIndex, segments: [TimelineSegment])] = [:]
        for t in ordered {
            for a in attempts[t] ?? [] where !a.worker.isEmpty {
                lanes[a.worker, default: (t, [])].segments.append(a)
                lanes[a.worker]!.task = t
            }
        }
        return lanes.map { worker, lane in
            TimelineRow(task: lane.task, worker: worker, segments: lane.segments, critical: false)
        }.sorted { (data.workerName($0.worker!), $0.worker!) < (data.workerName($1.worker!), $1.worker!) }
    }

    private static func attemptsByTask(_ store: TraceStore, _ p: ProjectRecord) -> [TaskIndex: [TimelineSegment]] {
        var flat: [(task: TaskIndex, segment: TimelineSegment)] = []
        var seenTraces = Set<TraceID>()
        for t in p.tasks {
            let traceID = store.tasks[t].traceID
            guard seenTraces.insert(traceID).inserted, let trace = store.trace(traceID) else { continue }
            for i in trace.spans.indices {
                guard let a = store.executionAttempt(trace, span: i), let task = p.taskIndex[a.task] else { continue }
                let span = trace.spans[i]
                let kind: TimelineSegment.Kind = a.failed ? .failedAttempt : .attempt
                flat.append((task, .init(kind: kind, start: span.startTime, end: span.endTime, worker: a.worker)))
            }
        }
        for t in p.tasks {
            let task = store.tasks[t]
            if store.isAgentRun(t), let created = task.createdAt {
                let end = task.processingSeconds.map { created + .seconds($0) }
                let kind: TimelineSegment.Kind =
                    task.status == .running ? .running : task.status == .failed ? .failedAttempt : .attempt
                flat.append((t, .init(kind: kind, start: created, end: end, worker: task.workerOrAgent)))
                continue
            }
            if let since = task.runningSince {
                flat.append((t, .init(kind: .running, start: since, end: nil, worker: task.workerID)))
            }
        }
        flat.sort { ($0.task, $0.segment.start) < ($1.task, $1.segment.start) }
        var result: [TaskIndex: [TimelineSegment]] = [:]
        var i = 0
        while i < flat.count {
            var j = i
            while j < flat.count, flat[j].task == flat[i].task { j += 1 }
            result[flat[i].task] = flat[i..<j].map(\.segment)
            i = j
        }
        return result
    }
}
