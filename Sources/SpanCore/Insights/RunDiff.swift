/// What changed between two runs of a job (`spantop diff`): projects paired, their tasks paired,
/// each task pair tagged with what got worse or better. A value built from two stores; no I/O.
public struct RunDiff: Sendable {
    /// An explicit pairing of a before project with an after project (`--pair BEFORE=AFTER`).
    public struct ProjectPair: Equatable, Sendable {
        public var before: String
        public var after: String

        public init(before: String, after: String) {
            self.before = before
            self.after = after
        }
    }

    /// A project's figures in one run. Unknown values are nil, never 0.
    public struct Totals: Sendable {
        public var tasks: Int
        public var failed: Int
        /// Seconds from the project's first span start to its last span end; nil without spans.
        public var makespan: Double?
        public var tokens: Int64?
        public var cost: Double?
        public var quality: Double?
    }

    /// What the diff compares of a task in one run (the report's figures). Unknown values are nil.
    public struct TaskFigures: Sendable {
        public var id: String
        /// The description (`Report.Task.name`).
        public var name: String
        public var status: TaskStatus
        public var attempts: Int
        public var processingSeconds: Double?
        public var tokens: Int64?
        public var cost: Double?
        public var quality: Double?

        init(_ t: Report.Task) {
            id = t.id
            name = t.name
            status = t.status
            attempts = t.attempts
            processingSeconds = t.processingSeconds
            tokens = t.tokens
            cost = t.cost
            quality = t.quality
        }
    }

    /// One task in both runs, or in only one of them (added / removed).
    public struct TaskDiff: Sendable {
        /// The after task's description, else the before task's.
        public var description: String
        public var before: TaskFigures?
        public var after: TaskFigures?
        public var changes: Changes
    }

    /// Two projects, one from each run, and their tasks.
    public struct Pair: Sendable {
        public var before: String
        public var after: String
        public var beforeTotals: Totals
        public var afterTotals: Totals
        /// Pairs and removed tasks in the before run's order of creation, then added tasks in
        /// the after run's.
        public var tasks: [TaskDiff]
    }

    /// A `--pair` that names no project of its run, or a project already paired.
    public struct PairingError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public var pairs: [Pair]
    /// Projects left without a partner, in order of their first span.
    public var unpairedBefore: [String]
    public var unpairedAfter: [String]

    /// Pairs the projects of `before` and `after` — `pairs` first, the rest in order of their
    /// earliest span start — and then each pair's tasks.
    /// - Throws: `PairingError` when a pair names an unknown project or one already paired.
    public init(before: TraceStore, after: TraceStore, pairs explicit: [ProjectPair] = []) throws(PairingError) {
        let beforeProjects = Self.projects(before)
        let afterProjects = Self.projects(after)
        var beforeByID: [String: Int] = [:]
        for (i, p) in beforeProjects.enumerated() { beforeByID[p.id] = i }
        var afterByID: [String: Int] = [:]
        for (i, p) in afterProjects.enumerated() { afterByID[p.id] = i }

        var matched: [(Int, Int)] = []
        var beforeTaken = [Bool](repeating: false, count: beforeProjects.count)
        var afterTaken = [Bool](repeating: false, count: afterProjects.count)
        for pair in explicit {
            guard let b = beforeByID[pair.before] else {
                throw PairingError(description: Self.unknown(pair.before, "BEFORE", beforeProjects))
            }
            guard let a = afterByID[pair.after] else {
                throw PairingError(description: Self.unknown(pair.after, "AFTER", afterProjects))
            }
            guard !beforeTaken[b] else {
                throw PairingError(description: "project \"\(Text.clean(pair.before))\" of BEFORE is paired twice")
            }
            guard !afterTaken[a] else {
                throw PairingError(description: "project \"\(Text.clean(pair.after))\" of AFTER is paired twice")
            }
            beforeTaken[b] = true
            afterTaken[a] = true
            matched.append((b, a))
        }
        let restBefore = beforeProjects.indices.filter { !beforeTaken[$0] }
        let restAfter = afterProjects.indices.filter { !afterTaken[$0] }
        for (b, a) in zip(restBefore, restAfter) { matched.append((b, a)) }

        self.pairs = matched.map { b, a in Self.pair(beforeProjects[b], afterProjects[a]) }
        unpairedBefore = restBefore.dropFirst(restAfter.count).map { beforeProjects[$0].id }
        unpairedAfter = restAfter.dropFirst(restBefore.count).map { afterProjects[$0].id }
    }

    /// A project of one run: its totals, its tasks in order of creation and their tree.
    struct Project {
        var id: String
        var totals: Totals
        /// Its first span's time; nil when unknown (sorted last).
        var firstSeen: Timestamp?
        var tasks: [TaskFigures]
        var tree: Tree
    }

    /// The report's projects of `store`, in order of their first span.
    static func projects(_ store: TraceStore) -> [Project] {
        Report(store).projects.map { p in
            let record = store.project(named: p.id)
            let first = record?.firstSeen
            var makespan: Double?
            if let first, let last = record?.lastSeen, last >= first { makespan = last.since(first).seconds }
            let totals = Totals(
                tasks: p.total, failed: p.counts[.failed] ?? 0, makespan: makespan,
                tokens: p.tokens, cost: p.cost, quality: p.qualityAverage)
            return Project(
                id: p.id, totals: totals, firstSeen: first, tasks: p.tasks.map(TaskFigures.init), tree: Tree(p.tasks))
        }.sorted { a, b in
            // Unknown first spans sort last, then by id.
            let (x, y) = (a.firstSeen ?? Timestamp(rawValue: .max), b.firstSeen ?? Timestamp(rawValue: .max))
            return (x, a.id) < (y, b.id)
        }
    }

    static func pair(_ before: Project, _ after: Project) -> Pair {
        let (forward, backward) = TaskMatcher.match(before, after)
        let b = before.tasks
        let a = after.tasks
        var tasks: [TaskDiff] = []
        tasks.reserveCapacity(b.count + a.count)
        for i in b.indices {
            let other = forward[i] >= 0 ? a[forward[i]] : nil
            tasks.append(
                TaskDiff(
                    description: other?.name ?? b[i].name, before: b[i], after: other,
                    changes: Changes(before: b[i], after: other)))
        }
        for i in a.indices where backward[i] < 0 {
            tasks.append(TaskDiff(description: a[i].name, before: nil, after: a[i], changes: .added))
        }
        return Pair(
            before: before.id, after: after.id, beforeTotals: before.totals, afterTotals: after.totals, tasks: tasks)
    }

    private static func unknown(_ id: String, _ side: String, _ projects: [Project]) -> String {
        let known = projects.prefix(10).map { Text.clip($0.id, 60) }.joined(separator: ", ")
        let more = projects.count > 10 ? ", …" : ""
        return "no project \"\(Text.clip(id, 60))\" in \(side) (it has: \(known.isEmpty ? "none" : known + more))"
    }
}
