/// Answers `QueryRequest`s from the store, in the report's and the transcript's shapes (the
/// same writers as `spantop report --json` and `spantop transcript --json`). Every answer is
/// bounded: lists come a page at a time, with `next_cursor` for the next one.
extension TraceStore {
    /// The answer to a request target (`/api/v1/…?…`): status and JSON body.
    public func answer(target: String) -> QueryAnswer {
        switch QueryRequest.parse(target) {
        case .failure(let error): return QueryAnswer(error)
        case .success(let request): return answer(request)
        }
    }

    public func answer(_ request: QueryRequest) -> QueryAnswer {
        do throws(QueryError) {
            switch request {
            case .overview(let page): return QueryAnswer(status: 200, body: overview(page))
            case .project(let id): return QueryAnswer(status: 200, body: try projectAnswer(id))
            case .tasks(let filter, let page): return QueryAnswer(status: 200, body: try taskList(filter, page))
            case .task(let id, let project): return QueryAnswer(status: 200, body: try taskAnswer(id, project))
            case .transcript(let id, let project, let page):
                return QueryAnswer(status: 200, body: try transcriptAnswer(id, project, page))
            case .search(let text, let page): return QueryAnswer(status: 200, body: searchAnswer(text, page))
            }
        } catch {
            return QueryAnswer(error)
        }
    }

    /// Reported projects by id.
    private func reportedProjects() -> [ProjectRecord] {
        projects.filter(Report.isReported).sorted { string($0.id) < string($1.id) }
    }

    private func overview(_ page: QueryRequest.Page) -> [UInt8] {
        let all = reportedProjects()
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        Report(self, including: { _ in false }).writeTotals(&w)
        w.field("project_count", all.count)
        w.beginArray("projects")
        for p in all.dropFirst(page.offset).prefix(page.limit) {
            let a = p.aggregate
            w.beginObject()
            w.field("id", string(p.id))
            w.field("evicted", p.isSummary)
            w.beginObject("tasks")
            w.field("total", a.total)
            for s in TaskStatus.allCases { w.field(s.name, a.count(s)) }
            w.endObject()
            w.field("tokens", a.knownTokens)
            w.field("cost_usd", a.knownCost, digits: 9)
            w.field("cost_estimated", a.costIsEstimate)
            w.field("quality_avg", a.qualityAverage, digits: 2)
            w.field("processing_p95_s", a.processing.percentile(0.95), digits: 3)
            w.endObject()
        }
        w.endArray()
        w.cursor(next: page.offset + page.limit, total: all.count)
        w.endObject()
        return w.bytes
    }

    private func projectRecord(_ id: String) throws(QueryError) -> ProjectRecord {
        guard let sid = strings.lookup(id), let p = projects.first(where: { $0.id == sid }), Report.isReported(p)
        else { throw .notFound("no project '\(id)' (GET /api/v1/overview lists them)") }
        return p
    }

    /// The report's project, without its task list (`/api/v1/tasks?project=` pages it).
    private func projectAnswer(_ id: String) throws(QueryError) -> [UInt8] {
        let p = Report.project(try projectRecord(id), self)
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.project(p)
        w.endObject()
        return w.bytes
    }

    private func taskList(_ filter: QueryRequest.TaskFilter, _ page: QueryRequest.Page) throws(QueryError) -> [UInt8] {
        let scope = try filter.project.map { id throws(QueryError) in [try projectRecord(id)] } ?? reportedProjects()
        let agent = filter.agent.map { strings.lookup($0) ?? StringID(rawValue: .max) }
        // Positions into `scope` and task indexes only: a page at 1M spans must not copy records.
        var matching: [(project: Int32, task: TaskIndex)] = []
        for (slot, p) in scope.enumerated() {
            let tasks = p.tasks.filter { t in
                let task = self.tasks[t]
                if let status = filter.status, task.status != status { return false }
                if let agent, task.agent != agent && task.workerID != agent { return false }
                return true
            }
            // Tasks mostly arrive in time order: sort only when they did not.
            let times = tasks.map { TimeOrder(self.tasks[$0].sortTime) }
            let inOrder = zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
            let order =
                inOrder
                ? Array(tasks.indices)
                : tasks.indices.sorted { (times[$0], tasks[$0].rawValue) < (times[$1], tasks[$1].rawValue) }
            for i in order { matching.append((Int32(slot), tasks[i])) }
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.field("total", matching.count)
        w.beginArray("tasks")
        // Roll-ups and outlier limits for the page's tasks only: a page costs its own size.
        let shown = Array(matching.dropFirst(page.offset).prefix(page.limit))
        let rollups = self.rollups(shown.map(\.task))
        var limits: [Int32: [StringID: Double]] = [:]
        for (slot, t) in shown {
            let p = scope[Int(slot)]
            if limits[slot] == nil {
                let workers = Set(shown.filter { $0.project == slot }.map { worker(of: $0.task) })
                limits[slot] = outlierLimits(p, workers: workers)
            }
            w.task(reportTask(t, rollups, limits[slot]!)) { $0.field("project", string(p.id)) }
        }
        w.endArray()
        w.cursor(next: page.offset + page.limit, total: matching.count)
        w.endObject()
        return w.bytes
    }

    private func worker(of t: TaskIndex) -> StringID { tasks[t].workerOrAgent }

    private func reportTask(_ t: TaskIndex, _ rollups: [TaskIndex: Rollup], _ limits: [StringID: Double]) -> Report.Task
    {
        Report.task(t, rollup: rollup(t, in: rollups), outlier: isOutlier(t, limits), self)
    }

    /// The task `id` (in `project`, or the only project that has it).
    private func findTask(_ id: String, _ project: String?) throws(QueryError) -> (ProjectRecord, TaskIndex) {
        guard let sid = strings.lookup(id) else { throw .notFound("no task '\(id)'") }
        let scope = try project.map { p throws(QueryError) in [try projectRecord(p)] } ?? projects
        let found = scope.compactMap { p in p.taskIndex[sid].map { (p, $0) } }
        guard let first = found.first else {
            throw .notFound("no task '\(id)'\(project.map { " in project '\($0)'" } ?? "")")
        }
        if found.count > 1 {
            let names = found.map { string($0.0.id) }.sorted().joined(separator: ", ")
            throw .badRequest("task '\(id)' is in several projects (\(names)): add ?project=")
        }
        return first
    }

    /// The task in the report's shape, with its project, subtask ids and the spans it holds.
    private func taskAnswer(_ id: String, _ project: String?) throws(QueryError) -> [UInt8] {
        let (p, t) = try findTask(id, project)
        let task = reportTask(t, rollups([t]), outlierLimits(p, workers: [worker(of: t)]))
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.key("task")
        w.task(task) { w in
            w.field("project", string(p.id))
            w.field("trace_id", tasks[t].traceID.hex)
            w.beginArray("subtask_ids")
            for c in tasks[t].children.prefix(QueryRequest.maxLimit) { w.element(string(tasks[c].id)) }
            w.endArray()
        }
        w.endObject()
        return w.bytes
    }

    /// Transcript JSON with its messages a page at a time (`messages_total`, `next_cursor`).
    private func transcriptAnswer(
        _ id: String, _ project: String?, _ page: QueryRequest.Page
    ) throws(QueryError) -> [UInt8] {
        let (_, t) = try findTask(id, project)
        guard var transcript = transcript(ofTask: t) else {
            throw .notFound("the spans of task '\(id)' are no longer stored (evicted)")
        }
        let total = transcript.messages.count
        transcript.messages = Array(transcript.messages.dropFirst(page.offset).prefix(page.limit))
        return transcript.jsonBytes { w in
            w.field("messages_total", total)
            w.cursor(next: page.offset + page.limit, total: total)
        }
    }

    private func searchAnswer(_ text: String, _ page: QueryRequest.Page) -> [UInt8] {
        let found = tasks(withContent: text)
        let ordered = found.tasks.sorted {
            (TimeOrder(tasks[$0].sortTime), $0.rawValue) < (TimeOrder(tasks[$1].sortTime), $1.rawValue)
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.field("text", text)
        w.field("total", ordered.count)
        w.beginArray("tasks")
        for t in ordered.dropFirst(page.offset).prefix(page.limit) {
            let task = tasks[t]
            w.beginObject()
            w.field("id", string(task.id))
            w.field("project", string(task.project))
            w.field("name", optionalString(task.name) ?? string(task.id))
            w.field("status", task.status.name)
            w.field("agent", optionalString(task.agent))
            w.endObject()
        }
        w.endArray()
        w.cursor(next: page.offset + page.limit, total: ordered.count)
        w.endObject()
        return w.bytes
    }
}

/// What the query API says: an HTTP status and a JSON body.
public struct QueryAnswer: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    init(_ error: QueryError) {
        self.init(status: error.status, body: error.jsonBytes)
    }
}

extension JSONWriter {
    /// `next_cursor`: where the next page starts, null after the last.
    mutating func cursor(next: Int, total: Int) {
        field("next_cursor", next < total ? String(next) : nil)
    }
}
