/// A project's agents, tools, loops and model health, read from its tasks and its traces'
/// agent summaries. The report and the screen both ask these.
public struct AgentStat: Sendable, Equatable {
    /// nil when the runs named no agent.
    public var name: String?
    public var runs = 0
    public var failed = 0
    public var tokens: Int64?
    public var cost: Double?
    public var p50: Double?
    public var p95: Double?
    /// The tools this agent's runs called (or were offered).
    public var tools: [ToolStat] = []
}

public struct ToolStat: Sendable, Equatable {
    public var name: String
    public var calls = 0
    public var errors = 0
    public var p95: Double?
    /// Model calls that offered the tool (called or not).
    public var offered = 0

    public init(name: String) { self.name = name }
}

public struct LoopStat: Sendable, Equatable {
    public var task: TaskIndex
    public var taskID: String
    public var agent: String?
    /// nil for a repeated model request.
    public var tool: String?
    /// The tool's arguments (JSON text as sent), or the repeated request.
    public var arguments: String?
    public var calls: Int
    public var wastedTokens: Int64?
    public var wastedCost: Double?
}

extension TraceStore {
    /// Every agent that ran in the project: runs (one per agent-run span), failures, own
    /// tokens and cost, and run-time percentiles.
    public func agentStats(_ project: ProjectRecord) -> [AgentStat] {
        var byAgent: [StringID: (stat: AgentStat, times: [Double])] = [:]
        for t in project.tasks {
            let task = tasks[t]
            guard rareFacts(of: task).isAgentRun else { continue }
            var entry = byAgent[task.agent] ?? (AgentStat(name: optionalString(task.agent)), [])
            entry.stat.runs += 1
            if task.status == .failed { entry.stat.failed += 1 }
            if task.tokens.seen { entry.stat.tokens = (entry.stat.tokens ?? 0) &+ task.tokens.total }
            if let c = task.cost { entry.stat.cost = (entry.stat.cost ?? 0) + c }
            if let p = task.processingSeconds { entry.times.append(p) }
            byAgent[task.agent] = entry
        }
        return byAgent.map { agent, entry in
            var stat = entry.stat
            stat.tools = toolStats(project, agent: agent)
            let sorted = entry.times.sorted()
            stat.p50 = Self.percentile(sorted, 0.5)
            stat.p95 = Self.percentile(sorted, 0.95)
            return stat
        }.sorted { ($0.name ?? "") < ($1.name ?? "") }
    }

    /// Every tool the project's runs called or were offered; `agent` limits it to one agent's.
    public func toolStats(_ project: ProjectRecord, agent: StringID? = nil) -> [ToolStat] {
        toolStats([project], agent: agent)
    }

    /// The same over several projects (the screen's tools list: every project).
    public func toolStats(_ projects: [ProjectRecord], agent: StringID? = nil) -> [ToolStat] {
        var byTool: [StringID: (stat: ToolStat, times: [Double])] = [:]
        for summary in projects.flatMap(agentSummaries) {
            for c in summary.toolCalls where agent == nil || c.agent == agent {
                var entry = byTool[c.tool] ?? (ToolStat(name: string(c.tool)), [])
                entry.stat.calls += 1
                if c.failed { entry.stat.errors += 1 }
                if let s = c.seconds { entry.times.append(s) }
                byTool[c.tool] = entry
            }
            for o in summary.offered where agent == nil || o.agent == agent {
                var entry = byTool[o.tool] ?? (ToolStat(name: string(o.tool)), [])
                entry.stat.offered += o.calls
                byTool[o.tool] = entry
            }
        }
        return byTool.values.map { entry in
            var stat = entry.stat
            stat.p95 = Self.percentile(entry.times.sorted(), 0.95)
            return stat
        }.sorted { ($0.calls, $1.name) > ($1.calls, $0.name) }
    }

    /// The project's loops, in task order.
    public func loops(_ project: ProjectRecord) -> [LoopStat] {
        agentSummaries(project).flatMap { summary in
            summary.loops.map { l in
                LoopStat(
                    task: l.task, taskID: string(tasks[l.task].id), agent: optionalString(l.agent),
                    tool: optionalString(l.tool), arguments: optionalString(l.arguments), calls: l.calls,
                    wastedTokens: l.wastedTokens, wastedCost: l.wastedCost)
            }
        }
    }

    /// The loops a task's own run was caught in.
    public func loops(of t: TaskIndex) -> [LoopStat] {
        guard let project = projectTable.position(of: tasks[t].project) else { return [] }
        return loops(projectTable.records[project]).filter { $0.task == t }
    }

    /// Whether the task stands for an agent-run span (a trace's root run or a nested run).
    public func isAgentRun(_ t: TaskIndex) -> Bool { rareFacts(of: tasks[t]).isAgentRun }

    /// How many loops a task's run has (0 for tasks that are not agent runs).
    public func loopCount(_ t: TaskIndex) -> Int { Int(rareFacts(of: tasks[t]).loops) }

    /// Model calls of the project whose answer was cut off, and whose served model was not
    /// the requested one.
    public func modelHealth(_ project: ProjectRecord) -> (truncated: Int, mismatches: Int) {
        var result = (truncated: 0, mismatches: 0)
        for t in project.tasks {
            let rare = rareFacts(of: tasks[t])
            result.truncated += Int(rare.truncatedCalls)
            result.mismatches += Int(rare.modelMismatches)
        }
        return result
    }

    /// The evaluation label of a task's run, if an evaluation gave one.
    public func evaluationLabel(_ t: TaskIndex) -> String? { optionalString(rareFacts(of: tasks[t]).evaluationLabel) }

    /// The agent summaries of the project's traces, each once.
    func agentSummaries(_ project: ProjectRecord) -> [AgentTraceSummary] {
        var result: [AgentTraceSummary] = []
        for t in project.tasks where tasks[t].source == .trace {
            if let summary = traceTable[tasks[t].traceID]?.agentSummary { result.append(summary) }
        }
        return result
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
