/// OpenTelemetry GenAI semantic conventions (all generations): `gen_ai.operation.name` says
/// what a span is; agent, tool and model attributes say who and what.
enum GenAIConvention {
    static func interpret(_ v: SpanView, _ f: inout SpanFacts) -> Bool {
        guard let operation = v.string(.genAIOperationName) else { return false }
        let w = v.words
        if operation == w.invokeAgent || operation == w.invokeWorkflow {
            f.activity = .run
            f.isWorkflow = operation == w.invokeWorkflow
            f.agent = v.string(.genAIAgentName) ?? v.string(.pydanticAgentName) ?? v.nameMeaning().subject
            f.agentID = v.string(.genAIAgentID) ?? .empty
        } else if operation == w.executeTool {
            toolCall(v, &f, fallbackName: v.nameMeaning().subject)
        } else if w.isModelCall(operation) {
            modelCall(v, &f)
        } else {
            return false
        }
        return true
    }

    static func toolCall(_ v: SpanView, _ f: inout SpanFacts, fallbackName: StringID) {
        f.activity = .toolCall
        f.tool = v.string(.genAIToolName) ?? fallbackName
        f.toolCallID = v.string(.genAIToolCallID) ?? .empty
        f.arguments = v.string(.genAIToolCallArguments) ?? v.string(.pydanticToolArguments) ?? .empty
    }

    static func modelCall(_ v: SpanView, _ f: inout SpanFacts) {
        f.activity = .modelCall
        f.request = v.string(.genAIInputMessages) ?? .empty
        f.requestedModel = v.string(.genAIRequestModel) ?? .empty
        f.servedModel = v.string(.genAIResponseModel) ?? .empty
        let w = v.words
        v.forEachString(.genAIFinishReasons) { if w.isTruncation($0) { f.truncated = true } }
    }
}
