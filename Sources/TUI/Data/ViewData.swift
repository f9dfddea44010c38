import SpanCore

/// The rows each view lists, derived from the store and cached until the store changes.
///
/// While data streams in, a list is rebuilt at most once per ten times what its last rebuild
/// cost, so big lists refresh a few times a second, small ones every frame, and rebuilding
/// never takes more than a tenth of the time. Render only formats the visible rows.
public final class ViewData {
    public let store: TraceStore
    /// A monotonic clock; nil rebuilds on every store change (tests).
    let clock: (() -> MonotonicInstant)?

    struct Cached<Key: Equatable, Value> {
        var key: Key
        var generation: Int
        /// nil without a clock.
        var builtAt: MonotonicInstant?
        var cost: Nanoseconds
        var value: Value
    }

    var projectCache: Cached<Int, [Int]>?
    var taskCache: Cached<TaskTreeKey, [TaskRow]>?
    var workerCache: Cached<Int, [StringID]>?
    var toolCache: Cached<Int, [ToolStat]>?
    var modelCache: Cached<Int, [ModelStat]>?
    var transcriptCache: Cached<TranscriptKey, [TranscriptLine]>?
    var contentSearchCache: Cached<String, ContentMatches>?
    var contentIndexCache: Cached<Int, ContentIndex>?
    var failureCache: Cached<Int, [FailureRow]>?
    var waterfallCache: Cached<WaterfallTarget, (trace: TraceRecord?, rows: [WaterfallRow])>?
    var timelineCache: Cached<TimelineKey, [TimelineRow]>?
    var etaCache: Cached<UInt64?, [StringID: Double]>?
    public init(store: TraceStore, clock: (() -> MonotonicInstant)? = nil) {
        self.store = store
        self.clock = clock
    }

    /// Changes whenever a batch is ingested.
    public var generation: Int { store.statistics.batches }

    /// Returns the cached value unless its key changed, or the store changed and the value is
    /// older than ten times its build cost.
    func cached<Key: Equatable, Value>(
        _ cache: inout Cached<Key, Value>?, key: Key, build: () -> Value
    ) -> Value {
        let start = clock?()
        if let c = cache, c.key == key,
            c.generation == generation || (start.flatMap { s in c.builtAt.map { s - $0 < c.cost * 10 } } ?? false)
        {
            return c.value
        }
        let value = build()
        let cost = start.map { (clock?() ?? $0) - $0 } ?? .zero
        cache = Cached(key: key, generation: generation, builtAt: start, cost: cost, value: value)
        return value
    }

    // MARK: Overview and workers

    /// Project slots in `store.projects`, by name.
    public func projectRows() -> [Int] {
        // Keyed by layout: dropping a project summary shifts the slots.
        cached(&projectCache, key: store.projectLayout) {
            store.projects.indices.sorted { store.string(store.projects[$0].id) < store.string(store.projects[$1].id) }
        }
    }

    /// Worker ids with aggregates, by display name.
    public func workerRows() -> [StringID] {
        cached(&workerCache, key: 0) { WorkerOrder.sorted(Array(store.workerAggregates.keys), self) }
    }

    /// Every tool of every project, most called first (offered-only tools last).
    public func toolRows() -> [ToolStat] {
        cached(&toolCache, key: 0) { store.toolStats(store.projects) }
    }

    /// "agent (id…)" for Eigent workers, the agent name otherwise.
    public func workerName(_ id: StringID) -> String {
        let raw = store.string(id)
        guard let info = store.workers[id] else { return raw }
        // `prefix` walks 8 characters; `count` would walk every one of a long id.
        let prefix = raw.prefix(8)
        let short = prefix.endIndex < raw.endIndex ? String(prefix) : raw
        if !info.agent.isEmpty { return store.string(info.agent) + " " + short }
        return raw
    }

    /// Error and critical log lines that name `task`, oldest first.
    public func logs(mentioning task: TaskIndex) -> [LogEntry] {
        let record = store.tasks[task]
        guard let project = store.projects.first(where: { $0.id == record.project }) else { return [] }
        return project.logs.filter { $0.mentionedTask == record.id }
    }
}

extension ViewData {
    /// A running project's ETA (`TraceStore.eta`), recomputed at most every 5 s of the clock or
    /// when the data changed and the last computation is old enough.
    public func eta(_ project: StringID, now: Timestamp?) -> Double? {
        cached(&etaCache, key: now?.intervals(of: Self.etaInterval)) {
            var result: [StringID: Double] = [:]
            for p in store.projects {
                if let eta = store.eta(p, now: now) { result[p.id] = eta }
            }
            return result
        }[project]
    }

    /// How long an ETA is kept while the clock moves.
    static var etaInterval: Nanoseconds { .seconds(5) }
}
