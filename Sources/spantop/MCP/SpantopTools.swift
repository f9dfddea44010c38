import Foundation
import MCP
import SpanCore

/// The MCP tools over the query API: what each answers and when to use it, arguments, and
/// answers that lead with counts and the worst items and name the ids to drill into.
struct SpantopTools: Sendable {
    let source: any QuerySource
    /// Answer size unless a call asks for more (`max_kb`).
    let defaultLimit: Int

    static let maxKB = 1024

    static var definitions: [Tool] {
        let maxKB: Value = .object([
            "type": "integer", "minimum": 1, "maximum": .int(maxKB),
            "description": "Largest answer in KB (default 32).",
        ])
        let project: Value = .object(["type": "string", "description": "Project id (from overview)."])
        let taskID: Value = .object(["type": "string", "description": "Task id (from list_tasks or search)."])
        func schema(_ properties: [String: Value], required: [String] = []) -> Value {
            var p = properties
            p["max_kb"] = maxKB
            return .object([
                "type": "object", "properties": .object(p), "required": .array(required.map { .string($0) }),
                "additionalProperties": false,
            ])
        }
        let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)
        return [
            Tool(
                name: "overview",
                description: """
                    Start here. What spantop holds now: span and trace counts, and every project (a workforce \
                    session, an agent conversation) with its task counts by status, tokens and cost, worst \
                    first (most failures, then cost). Use the project ids with list_tasks and critical_path.
                    """,
                inputSchema: schema([:]), annotations: readOnly),
            Tool(
                name: "list_tasks",
                description: """
                    Tasks (workforce subtasks, agent runs) filtered by project, status (pending, running, \
                    completed, failed) and agent, failed and slowest first, each with its error, time, tokens \
                    and cost. Use status=failed to see what went wrong; then get_task or get_transcript on an id.
                    """,
                inputSchema: schema([
                    "project": project,
                    "status": .object([
                        "type": "string", "enum": ["pending", "running", "completed", "failed"],
                        "description": "Only tasks with this status.",
                    ]),
                    "agent": .object(["type": "string", "description": "Only tasks run by this agent or worker."]),
                    "limit": .object([
                        "type": "integer", "minimum": 1, "maximum": 500, "description": "Tasks to show (default 20).",
                    ]),
                ]), annotations: readOnly),
            Tool(
                name: "get_task",
                description: """
                    One task in full: status, attempts, queue and processing seconds, tokens, cost (own and of \
                    its subtasks), quality, error, retry waste, trace id and subtask ids.
                    """,
                inputSchema: schema(["task_id": taskID, "project": project], required: ["task_id"]),
                annotations: readOnly),
            Tool(
                name: "get_transcript",
                description: """
                    What the agents said in a task: system, user, assistant and tool messages in order, each \
                    once, tool calls with their arguments followed by their results or errors, delegated \
                    agents' messages after the call that started them, and each model call's model, tokens \
                    and cost. Use it to find why an agent run failed or looped.
                    """,
                inputSchema: schema(
                    [
                        "task_id": taskID, "project": project,
                        "cursor": .object([
                            "type": "string", "description": "Where to go on (next_cursor of the previous answer).",
                        ]),
                    ], required: ["task_id"]), annotations: readOnly),
            Tool(
                name: "critical_path",
                description: """
                    The chain of tasks that decided a project's wall time (each waited for the one before), \
                    with each task's name, status and seconds: where to look to make a run faster.
                    """,
                inputSchema: schema(["project": project], required: ["project"]), annotations: readOnly),
            Tool(
                name: "search",
                description: """
                    Tasks whose conversations mention a text (message text, tool arguments and results, \
                    errors; at least 3 characters, ASCII letters without case), in every project.
                    """,
                inputSchema: schema(
                    [
                        "text": .object(["type": "string", "minLength": 3, "description": "The text to find."]),
                        "limit": .object([
                            "type": "integer", "minimum": 1, "maximum": 500,
                            "description": "Tasks to show (default 20).",
                        ]),
                    ], required: ["text"]), annotations: readOnly),
        ]
    }

    /// Runs a tool; an unknown tool, a bad argument or an unknown id is a tool error with a message.
    func call(_ name: String, _ arguments: [String: Value]) async -> CallTool.Result {
        do {
            let limit = try kilobytes(arguments["max_kb"]) * 1024
            let answer: [String: Any]
            switch name {
            case "overview": answer = try await overview()
            case "list_tasks": answer = try await listTasks(arguments)
            case "get_task": answer = try await getTask(arguments)
            case "get_transcript": answer = try await transcript(arguments)
            case "critical_path": answer = try await criticalPath(arguments)
            case "search": answer = try await search(arguments)
            default:
                throw ToolFailure(
                    "no tool '\(name)'; the tools are \(Self.definitions.map(\.name).joined(separator: ", "))")
            }
            return Self.reply(AnswerFit.text(answer, limit: limit), isError: false)
        } catch let failure as ToolFailure {
            return Self.reply(failure.message, isError: true)
        } catch {
            return Self.reply("\(error)", isError: true)
        }
    }

    static func reply(_ text: String, isError: Bool) -> CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: isError)
    }

    private func kilobytes(_ v: Value?) throws -> Int {
        guard let v else { return defaultLimit / 1024 }
        guard let n = v.intValue, n >= 1, n <= Self.maxKB else {
            throw ToolFailure("max_kb must be a whole number from 1 to \(Self.maxKB)")
        }
        return n
    }

    // MARK: Tools

    private func overview() async throws -> [String: Any] {
        let o = try await get("/api/v1/overview?limit=500")
        var projects = (o["projects"] as? [[String: Any]]) ?? []
        func count(_ p: [String: Any], _ s: String) -> Int { ((p["tasks"] as? [String: Any])?[s] as? Int) ?? 0 }
        projects.sort {
            (count($0, "failed"), ($0["cost_usd"] as? Double) ?? 0) > (
                count($1, "failed"), ($1["cost_usd"] as? Double) ?? 0
            )
        }
        let failed = projects.reduce(0) { $0 + count($1, "failed") }
        let running = projects.reduce(0) { $0 + count($1, "running") }
        return [
            "spans": o["spans"] ?? 0, "traces": o["traces"] ?? 0, "project_count": o["project_count"] ?? projects.count,
            "failed_tasks": failed, "running_tasks": running, "projects": projects,
            "next": "list_tasks(project=…, status=\"failed\") for a project's failures; critical_path(project=…)",
        ]
    }

    private func listTasks(_ a: [String: Value]) async throws -> [String: Any] {
        var query: [(String, String)] = [("limit", "500")]
        for key in ["project", "status", "agent"] {
            if let v = a[key] {
                guard let s = v.stringValue else { throw ToolFailure("\(key) must be a string") }
                query.append((key, s))
            }
        }
        let limit = try count(a["limit"], default: 20)
        let page = try await get("/api/v1/tasks", query)
        var tasks = (page["tasks"] as? [[String: Any]]) ?? []
        tasks.sort { Self.worse($0, $1) }
        var byStatus: [String: Int] = [:]
        for t in tasks { byStatus[(t["status"] as? String) ?? "?", default: 0] += 1 }
        let shown = tasks.prefix(limit).map(Self.brief)
        var answer: [String: Any] = [
            "total": page["total"] ?? tasks.count, "by_status": byStatus, "shown": shown.count, "tasks": Array(shown),
            "next": "get_task(task_id=…) or get_transcript(task_id=…) on an id",
        ]
        if (page["total"] as? Int ?? 0) > tasks.count {
            answer["note"] =
                "counted over the first \(tasks.count) tasks by time; filter by project or status to see the rest"
        }
        return answer
    }

    private func getTask(_ a: [String: Value]) async throws -> [String: Any] {
        let id = try required(a, "task_id")
        let t = try await get("/api/v1/tasks/" + Self.escaped(id), project(a))
        return (t["task"] as? [String: Any]) ?? t
    }

    private func transcript(_ a: [String: Value]) async throws -> [String: Any] {
        let id = try required(a, "task_id")
        var query = project(a)
        query.append(("limit", "500"))
        if let c = a["cursor"] {
            guard let s = c.stringValue else { throw ToolFailure("cursor must be a string") }
            query.append(("cursor", s))
        }
        return try await get("/api/v1/tasks/" + Self.escaped(id) + "/transcript", query)
    }

    private func criticalPath(_ a: [String: Value]) async throws -> [String: Any] {
        let id = try required(a, "project")
        let p = try await get("/api/v1/projects/" + Self.escaped(id))
        guard let path = p["critical_path"] as? [String: Any], let ids = path["task_ids"] as? [String] else {
            return ["project": id, "critical_path": NSNull(), "note": "no finished chain of tasks in this project yet"]
        }
        let tasks = try await get("/api/v1/tasks", [("project", id), ("limit", "500")])
        var byID: [String: [String: Any]] = [:]
        for t in (tasks["tasks"] as? [[String: Any]]) ?? [] { if let tid = t["id"] as? String { byID[tid] = t } }
        return [
            "project": id, "seconds": path["seconds"] ?? NSNull(), "length": ids.count,
            "tasks": ids.map { tid in byID[tid].map(Self.brief) ?? ["id": tid] },
            "next": "get_task(task_id=…) on the slowest of them",
        ]
    }

    private func search(_ a: [String: Value]) async throws -> [String: Any] {
        let text = try required(a, "text")
        let limit = try count(a["limit"], default: 20)
        return try await get("/api/v1/search", [("text", text), ("limit", String(limit))])
    }

    // MARK: Helpers

    /// Failed before the rest, then the slowest, then the costliest.
    static func worse(_ a: [String: Any], _ b: [String: Any]) -> Bool {
        let fa = (a["status"] as? String) == "failed"
        let fb = (b["status"] as? String) == "failed"
        if fa != fb { return fa }
        let pa = (a["processing_s"] as? Double) ?? 0
        let pb = (b["processing_s"] as? Double) ?? 0
        if pa != pb { return pa > pb }
        return ((a["cost_usd"] as? Double) ?? 0) > ((b["cost_usd"] as? Double) ?? 0)
    }

    /// The members of a task an agent reads first.
    static func brief(_ t: [String: Any]) -> [String: Any] {
        let keys = [
            "id", "project", "name", "status", "agent", "worker_id", "attempts", "processing_s", "tokens", "cost_usd",
            "error", "parent_id",
        ]
        var out: [String: Any] = [:]
        for k in keys { if let v = t[k], !(v is NSNull) { out[k] = v } }
        if let e = out["error"] as? String, e.count > 500 { out["error"] = String(e.prefix(500)) + "…" }
        return out
    }

    private func count(_ v: Value?, default d: Int) throws -> Int {
        guard let v else { return d }
        guard let n = v.intValue, n >= 1, n <= 500 else {
            throw ToolFailure("limit must be a whole number from 1 to 500")
        }
        return n
    }

    private func required(_ a: [String: Value], _ key: String) throws -> String {
        guard let s = a[key]?.stringValue, !s.isEmpty else { throw ToolFailure("\(key) is required (a string)") }
        return s
    }

    private func project(_ a: [String: Value]) -> [(String, String)] {
        a["project"]?.stringValue.map { [("project", $0)] } ?? []
    }

    static func escaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#")))
            ?? s
    }

    /// GET `path` with `query`; a non-200 answer is a tool failure with the API's message.
    private func get(_ path: String, _ query: [(String, String)] = []) async throws -> [String: Any] {
        var target = path
        if !query.isEmpty {
            let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
            target +=
                "?"
                + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }
                .joined(separator: "&")
        }
        let answer = try await source.get(target)
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        guard answer.status == 200, let object else {
            let message =
                ((object?["error"] as? [String: Any])?["message"] as? String)
                ?? String(decoding: answer.body.prefix(300), as: UTF8.self)
            throw ToolFailure(message)
        }
        return object
    }
}

struct ToolFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
