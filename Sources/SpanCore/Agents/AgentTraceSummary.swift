/// What a trace's agent runs did with tools, kept with the trace (and evicted with it): every
/// tool call, the loops among them, and the tools the models were offered.
public struct AgentTraceSummary: Sendable {
    public var toolCalls: [ToolCallRecord] = []
    public var loops: [LoopRecord] = []
    /// Each (agent, tool) a model call offered, with how many calls offered it.
    public var offered: [OfferedTool] = []
    /// Model calls whose answer was cut off, and whose served model was not the one asked for.
    public var truncatedCalls = 0
    public var modelMismatches = 0
}

/// One tool call: which tool, for which agent run, how long and whether it failed.
public struct ToolCallRecord: Sendable {
    public var tool: StringID
    public var agent: StringID
    public var task: TaskIndex
    /// The tool span's start, as it gave it.
    public var start: Timestamp
    public var seconds: Double?
    public var failed: Bool
    /// Arguments as sent (JSON text), empty when unknown.
    public var arguments: StringID
    /// The span's id.
    public var spanID: UInt64
}

/// The same tool called 3 or more times with identical arguments within one agent run, or
/// the same model request sent 3 or more times (`tool` empty).
public struct LoopRecord: Sendable {
    public var task: TaskIndex
    public var agent: StringID
    public var tool: StringID
    public var arguments: StringID
    public var calls: Int
    /// The model calls that asked for the repeats.
    public var wastedTokens: Int64?
    public var wastedCost: Double?
}

public struct OfferedTool: Sendable {
    public var agent: StringID
    public var tool: StringID
    public var calls: Int
}
