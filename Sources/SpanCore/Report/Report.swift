/// The headless summary of a store: what `spantop report` and `serve --report-json` print.
public struct Report: Sendable {
    public struct Task: Sendable {
        public var id: String
        public var parentID: String?
        public var name: String
        public var status: TaskStatus
        public var workerID: String?
        public var agent: String?
        public var model: String?
        public var attempts: Int
        public var failedAttempts: Int
        public var queueSeconds: Double?
        public var processingSeconds: Double?
        public var tokens: Int64?
        public var cost: Double?
        public var costIsEstimate: Bool
        /// Own plus all subtasks' (nil when nothing in the subtree is known).
        public var subtreeTokens: Int64?
        public var subtreeCost: Double?
        public var subtasksQualityAverage: Double?
        /// Processing far above its worker's usual (see `TraceStore.outliers`).
        public var outlier = false
        public var waste = Waste()
        /// Why the task's message text is not kept ("budget", "no-content"); nil when it is.
        public var contentDropped: String?
        public var quality: Double?
        public var error: String?
        public var spanCount: Int
        /// For ordering (`TimeOrder`); nil for a task no span dated.
        public var sortTime: Timestamp?
    }

    public struct LogLine: Sendable {
        public var time: Timestamp
        public var level: String?
        public var message: String
        public var taskID: String?
    }

    public struct Project: Sendable {
        public var id: String
        public var total: Int
        public var counts: [TaskStatus: Int]
        public var tokens: Int64?
        public var cost: Double?
        public var costIsEstimate: Bool
        public var qualityAverage: Double?
        public var queueP50: Double?
        public var queueP95: Double?
        public var processingP50: Double?
        public var processingP95: Double?
        public var tasks: [Task]
        public var logs: [LogLine]
        public var criticalPath: (taskIDs: [String], seconds: Double)?
        public var overBudget = false
        public var etaSeconds: Double?
        public var waste = Waste()
        public var workers: [Worker] = []
        /// Agent runs, tools, loops and model health (agent traces; empty for workforces).
        public var agents: [AgentStat] = []
        public var tools: [ToolStat] = []
        public var loops: [LoopStat] = []
        public var truncatedCalls = 0
        public var modelMismatches = 0
        /// Only totals are left: every task was evicted with its spans.
        public var evicted = false
        /// Tasks counted in the totals but no longer listed.
        public var evictedTasks = 0
    }

    /// A worker's share of a project: its tasks and what its failed attempts cost.
    public struct Worker: Sendable {
        public var id: String
        public var agent: String?
        public var completed: Int
        public var failed: Int
        public var waste: Waste
    }

    public var spans: Int
    public var traces: Int
    public var rejectedSpans: Int
    public var evictedSpans: Int
    public var duplicateSpans: Int
    public var evictedTasks: Int
    /// Project summaries dropped beyond `--max-projects`.
    public var droppedProjects: Int
    /// Message text held, its budget, and what was let go (`TraceStore.contentBudget`).
    public var content: ContentFigures
    public var projects: [Project]
    /// Models that carried tokens but have no price, sorted.
    public var unpricedModels: [String]
    /// Which price data computed the costs, e.g. "genai-prices 0.2.3 (2026-11-10)".
    public var priceData: String

    /// Builds the report from the store's indexes and aggregates; `budget` marks the projects
    /// over it; `including` picks the projects (the query API's totals take none).
    public init(
        _ store: TraceStore, budget: Budget = Budget(), including: (ProjectRecord) -> Bool = Report.isReported
    ) {
        let s = store.statistics
        spans = s.spans + s.evictedSpans
        traces = s.traces
        rejectedSpans = s.rejectedSpans
        evictedSpans = s.evictedSpans
        duplicateSpans = s.duplicateSpans
        evictedTasks = s.evictedTasks
        droppedProjects = s.droppedProjects
        content = ContentFigures(
            kept: store.keepsContent, bytes: store.contentBytes, budgetBytes: store.contentBudget,
            droppedTraces: s.contentDroppedTraces, droppedAttributes: s.contentDroppedAttributes)
        projects = store.projects.filter(including).map { Report.project($0, store, budget: budget) }
            .sorted { $0.id < $1.id }
        unpricedModels = store.unpricedModels
        let catalog = store.prices.catalog
        priceData = "\(catalog.source) \(catalog.version) (\(catalog.date))"
    }

    /// Whether a project appears in the report: it has tasks or logs, or is a summary.
    public static func isReported(_ p: ProjectRecord) -> Bool { !p.tasks.isEmpty || !p.logs.isEmpty || p.isSummary }

    /// One project as the report shows it, tasks included (the query API shares it).
    public static func project(_ p: ProjectRecord, _ store: TraceStore, budget: Budget = Budget()) -> Project {
        let a = p.aggregate
        let rollups = store.rollups(p.tasks)
        let outliers = store.outliers(p)
        let tasks = p.tasks.map { t in
            Report.task(t, rollup: store.rollup(t, in: rollups), outlier: outliers.contains(t), store)
        }.sorted { (TimeOrder($0.sortTime), $0.id) < (TimeOrder($1.sortTime), $1.id) }
        let logs = p.logs.map { l in
            LogLine(
                time: l.time, level: store.optionalString(l.level), message: store.string(l.message),
                taskID: store.optionalString(l.mentionedTask))
        }
        var project = Project(
            id: store.string(p.id), total: a.total,
            counts: Dictionary(uniqueKeysWithValues: TaskStatus.allCases.map { ($0, a.count($0)) }),
            tokens: a.knownTokens, cost: a.knownCost, costIsEstimate: a.costIsEstimate,
            qualityAverage: a.qualityAverage,
            queueP50: a.queue.percentile(0.5), queueP95: a.queue.percentile(0.95),
            processingP50: a.processing.percentile(0.5), processingP95: a.processing.percentile(0.95),
            tasks: tasks, logs: logs)
        project.criticalPath = store.criticalPath(p).map {
            ($0.tasks.map { store.string(store.tasks[$0].id) }, $0.seconds)
        }
        project.overBudget = budget.isExceeded(by: a)
        project.etaSeconds = store.eta(p, now: p.lastSeen)
        project.waste = tasks.reduce(into: Waste()) { $0.add($1.waste) }
        // Evicted tasks' failed time stays in the aggregate; their tokens and cost do not.
        if p.evictedTasks > 0 { project.waste.seconds = a.wastedSeconds }
        project.workers = Report.workers(p, store)
        project.agents = store.agentStats(p)
        project.tools = store.toolStats(p)
        project.loops = store.loops(p)
        (project.truncatedCalls, project.modelMismatches) = store.modelHealth(p)
        project.evicted = p.isSummary
        project.evictedTasks = p.evictedTasks
        return project
    }

    static func workers(_ p: ProjectRecord, _ store: TraceStore) -> [Worker] {
        var byWorker: [StringID: [TaskIndex]] = [:]
        for t in p.tasks {
            let task = store.tasks[t]
            let worker = task.workerOrAgent
            if !worker.isEmpty { byWorker[worker, default: []].append(t) }
        }
        return byWorker.map { worker, tasks in
            let first = store.tasks[tasks[0]]
            return Worker(
                id: store.string(worker), agent: first.workerID == worker ? store.optionalString(first.agent) : nil,
                completed: tasks.filter { store.tasks[$0].status == .completed }.count,
                failed: tasks.filter { store.tasks[$0].status == .failed }.count, waste: store.waste(tasks))
        }.sorted { $0.id < $1.id }
    }

    /// One task as the report writes it (the query API's tasks too): its figures, roll-up,
    /// outlier mark, retry waste and whether its message text was kept.
    static func task(_ t: TaskIndex, rollup: Rollup, outlier: Bool, _ store: TraceStore) -> Task {
        var task = Report.task(store.tasks[t], rollup, store)
        task.outlier = outlier
        task.waste = store.waste(t)
        task.contentDropped = store.trace(store.tasks[t].traceID)?.contentDropped?.rawValue
        return task
    }

    static func task(_ t: TaskRecord, _ rollup: Rollup, _ store: TraceStore) -> Task {
        Task(
            id: store.string(t.id), parentID: store.optionalString(t.parentID),
            name: store.optionalString(t.name) ?? store.string(t.id), status: t.status,
            workerID: store.optionalString(t.workerID), agent: store.optionalString(t.agent),
            model: store.optionalString(t.model), attempts: t.attempts, failedAttempts: t.failedAttempts,
            queueSeconds: t.queueSeconds, processingSeconds: t.processingSeconds,
            tokens: t.tokens.seen ? t.tokens.total : nil, cost: t.cost,
            costIsEstimate: t.cost != nil && t.costIsEstimate,
            subtreeTokens: rollup.tokens, subtreeCost: rollup.cost,
            subtasksQualityAverage: rollup.subtaskQualityAverage,
            quality: t.quality, error: store.optionalString(t.error), spanCount: t.spanCount, sortTime: t.sortTime)
    }
}

/// The report's `content` member.
public struct ContentFigures: Sendable, Equatable {
    public var kept: Bool
    public var bytes: Int
    public var budgetBytes: Int?
    public var droppedTraces: Int
    public var droppedAttributes: Int
}
