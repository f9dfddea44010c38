/// The fallback: a span whose attributes follow no known convention but whose name does
/// (`invoke_agent coordinator`, `execute_tool lookup`, `chat gpt-4o`), or that carries a
/// request model (a model call from an emitter that names no operation).
enum GenericConvention {
    static func interpret(_ v: SpanView, _ f: inout SpanFacts) -> Bool {
        let meaning = v.nameMeaning()
        let w = v.words
        let operation = meaning.operation
        if operation == w.invokeAgent || operation == w.invokeWorkflow {
            f.activity = .run
            f.isWorkflow = operation == w.invokeWorkflow
            f.agent = v.string(.genAIAgentName) ?? meaning.subject
            f.agentID = v.string(.genAIAgentID) ?? .empty
        } else if operation == w.executeTool {
            GenAIConvention.toolCall(v, &f, fallbackName: meaning.subject)
        } else if !operation.isEmpty && w.isModelCall(operation) || v.string(.genAIRequestModel) != nil {
            GenAIConvention.modelCall(v, &f)
        } else {
            return false
        }
        return true
    }
}
