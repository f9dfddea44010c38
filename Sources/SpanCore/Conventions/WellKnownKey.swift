/// Attribute keys and span names the task model reads. The store interns them first, in this
/// order, so a key's interned id equals its raw value and lookups compare integers.
public enum WellKnownKey: UInt32, CaseIterable, Sendable {
    // Project and session.
    case eigentProjectID = 1
    case langfuseSessionID
    case sessionID
    case genAIConversationID
    case serviceName
    // Eigent tasks and workers.
    case eigentTaskID
    case eigentTaskParentID
    case eigentTaskDescription
    case eigentTaskStatus
    case eigentWorkerID
    case eigentWorkerRole
    case eigentWorkerAgent
    case eigentWorkerModelType
    case eigentWorkerType
    case eigentQueueTime
    case eigentProcessingTime
    case eigentQualityScore
    case eigentTokensTotal
    case eigentTokensPrompt
    case eigentTokensCompletion
    // Logs.
    case logLevel
    case logMessage
    // Langfuse.
    case langfuseUsageDetails
    case langfuseCostDetails
    case langfuseModelName
    // GenAI.
    case genAIInputTokens
    case genAIOutputTokens
    case genAIPromptTokens
    case genAICompletionTokens
    case genAIRequestModel
    case genAIResponseModel
    case genAIAgentName
    case genAIAgentID
    case genAICost
    // OpenInference.
    case llmPromptTokens
    case llmCompletionTokens
    case llmTotalTokens
    case llmModelName
    case llmCostTotal
    // Exceptions.
    case exceptionMessage
    // Providers and prompt-cache token counts (for per-call prices).
    case genAIProviderName
    case genAISystem
    case llmProvider
    case llmSystem
    case genAICacheRead
    case genAICacheCreation
    case genAICacheReadDeprecated
    case genAICacheCreationDeprecated
    case llmCacheRead
    case llmCacheWrite
    // Task dependencies (on `task.assigned`).
    case eigentTaskDependencies
    // Agent runs, tool calls and model calls (the interpreters in `Conventions/Interpreters`).
    case genAIOperationName
    case genAIToolName
    case genAIToolCallID
    case genAIToolCallArguments
    case genAIFinishReasons
    case genAIInputMessages
    case genAIToolDefinitions
    case pydanticRootConversationID
    case pydanticAgentName
    case pydanticToolArguments
    case openInferenceSpanKind
    case openInferenceAgentName
    case openInferenceToolName
    case inputValue
    case langfuseObservationType
    case langfuseObservationInput
    case traceloopSpanKind
    case traceloopEntityName
    case traceloopEntityInput
    case evaluationName
    case evaluationScore
    case evaluationLabel

    /// The key's interned id.
    @inlinable
    public var id: StringID { StringID(rawValue: rawValue) }

    public var key: String {
        switch self {
        case .eigentProjectID: return "eigent.project.id"
        case .langfuseSessionID: return "langfuse.session.id"
        case .sessionID: return "session.id"
        case .genAIConversationID: return "gen_ai.conversation.id"
        case .serviceName: return "service.name"
        case .eigentTaskID: return "eigent.task.id"
        case .eigentTaskParentID: return "eigent.task.parent_id"
        case .eigentTaskDescription: return "eigent.task.description"
        case .eigentTaskStatus: return "eigent.task.status"
        case .eigentWorkerID: return "eigent.worker.id"
        case .eigentWorkerRole: return "eigent.worker.role"
        case .eigentWorkerAgent: return "eigent.worker.agent"
        case .eigentWorkerModelType: return "eigent.worker.model.type"
        case .eigentWorkerType: return "eigent.worker.type"
        case .eigentQueueTime: return "eigent.task.queue_time_seconds"
        case .eigentProcessingTime: return "eigent.task.processing_time_seconds"
        case .eigentQualityScore: return "eigent.task.quality_score"
        case .eigentTokensTotal: return "eigent.task.token_usage.total_tokens"
        case .eigentTokensPrompt: return "eigent.task.token_usage.prompt_tokens"
        case .eigentTokensCompletion: return "eigent.task.token_usage.completion_tokens"
        case .logLevel: return "log.level"
        case .logMessage: return "log.message"
        case .langfuseUsageDetails: return "langfuse.observation.usage_details"
        case .langfuseCostDetails: return "langfuse.observation.cost_details"
        case .langfuseModelName: return "langfuse.observation.model.name"
        case .genAIInputTokens: return "gen_ai.usage.input_tokens"
        case .genAIOutputTokens: return "gen_ai.usage.output_tokens"
        case .genAIPromptTokens: return "gen_ai.usage.prompt_tokens"
        case .genAICompletionTokens: return "gen_ai.usage.completion_tokens"
        case .genAIRequestModel: return "gen_ai.request.model"
        case .genAIResponseModel: return "gen_ai.response.model"
        case .genAIAgentName: return "gen_ai.agent.name"
        case .genAIAgentID: return "gen_ai.agent.id"
        case .genAICost: return "gen_ai.usage.cost"
        case .llmPromptTokens: return "llm.token_count.prompt"
        case .llmCompletionTokens: return "llm.token_count.completion"
        case .llmTotalTokens: return "llm.token_count.total"
        case .llmModelName: return "llm.model_name"
        case .llmCostTotal: return "llm.cost.total"
        case .exceptionMessage: return "exception.message"
        case .genAIProviderName: return "gen_ai.provider.name"
        case .genAISystem: return "gen_ai.system"
        case .llmProvider: return "llm.provider"
        case .llmSystem: return "llm.system"
        case .genAICacheRead: return "gen_ai.usage.cache_read.input_tokens"
        case .genAICacheCreation: return "gen_ai.usage.cache_creation.input_tokens"
        case .genAICacheReadDeprecated: return "gen_ai.usage.cache_read_input_tokens"
        case .genAICacheCreationDeprecated: return "gen_ai.usage.cache_creation_input_tokens"
        case .llmCacheRead: return "llm.token_count.prompt_details.cache_read"
        case .llmCacheWrite: return "llm.token_count.prompt_details.cache_write"
        case .eigentTaskDependencies: return "eigent.task.dependencies"
        case .genAIOperationName: return "gen_ai.operation.name"
        case .genAIToolName: return "gen_ai.tool.name"
        case .genAIToolCallID: return "gen_ai.tool.call.id"
        case .genAIToolCallArguments: return "gen_ai.tool.call.arguments"
        case .genAIFinishReasons: return "gen_ai.response.finish_reasons"
        case .genAIInputMessages: return "gen_ai.input.messages"
        case .genAIToolDefinitions: return "gen_ai.tool.definitions"
        case .pydanticRootConversationID: return "pydantic_ai.root_conversation_id"
        case .pydanticAgentName: return "agent_name"
        case .pydanticToolArguments: return "tool_arguments"
        case .openInferenceSpanKind: return "openinference.span.kind"
        case .openInferenceAgentName: return "agent.name"
        case .openInferenceToolName: return "tool.name"
        case .inputValue: return "input.value"
        case .langfuseObservationType: return "langfuse.observation.type"
        case .langfuseObservationInput: return "langfuse.observation.input"
        case .traceloopSpanKind: return "traceloop.span.kind"
        case .traceloopEntityName: return "traceloop.entity.name"
        case .traceloopEntityInput: return "traceloop.entity.input"
        case .evaluationName: return "gen_ai.evaluation.name"
        case .evaluationScore: return "gen_ai.evaluation.score.value"
        case .evaluationLabel: return "gen_ai.evaluation.score.label"
        }
    }

    /// Keys that name a project, in order of preference.
    /// A nested pydantic-ai run names its root's conversation: the trace stays in one project.
    static let projectKeys: [WellKnownKey] = [
        .eigentProjectID, .langfuseSessionID, .sessionID, .pydanticRootConversationID, .genAIConversationID,
    ]
    /// Keys that name a model, in order of preference: the model that answered first.
    static let modelKeys: [WellKnownKey] = [.genAIResponseModel, .genAIRequestModel, .llmModelName, .langfuseModelName]
    /// Keys that name the provider serving a model, in order of preference.
    static let providerKeys: [WellKnownKey] = [.genAIProviderName, .genAISystem, .llmProvider, .llmSystem]
}
