/// Attribute values and span-name words the interpreters compare, interned once when the store
/// starts so a comparison is an integer compare.
struct ConventionWords: Sendable {
    // OTel GenAI `gen_ai.operation.name`.
    var invokeAgent = StringID.empty
    var invokeWorkflow = StringID.empty
    var executeTool = StringID.empty
    var chat = StringID.empty
    var textCompletion = StringID.empty
    var generateContent = StringID.empty
    // OpenInference `openinference.span.kind`.
    var agentKind = StringID.empty
    var toolKind = StringID.empty
    var llmKind = StringID.empty
    // Langfuse `langfuse.observation.type`, Traceloop `traceloop.span.kind`.
    var agent = StringID.empty
    var tool = StringID.empty
    var generation = StringID.empty
    var workflow = StringID.empty
    // `gen_ai.response.finish_reasons` values that mean the answer was cut off.
    var length = StringID.empty
    var maxTokens = StringID.empty
    /// The span event an evaluation arrives as.
    var evaluationEvent = StringID.empty

    init() {}

    init(interning strings: inout StringInterner) {
        func intern(_ word: String) -> StringID { strings.intern(word) }
        invokeAgent = intern("invoke_agent")
        invokeWorkflow = intern("invoke_workflow")
        executeTool = intern("execute_tool")
        chat = intern("chat")
        textCompletion = intern("text_completion")
        generateContent = intern("generate_content")
        agentKind = intern("AGENT")
        toolKind = intern("TOOL")
        llmKind = intern("LLM")
        agent = intern("agent")
        tool = intern("tool")
        generation = intern("generation")
        workflow = intern("workflow")
        length = intern("length")
        maxTokens = intern("max_tokens")
        evaluationEvent = intern("gen_ai.evaluation.result")
    }

    func isModelCall(_ operation: StringID) -> Bool {
        operation == chat || operation == textCompletion || operation == generateContent
    }

    func isTruncation(_ reason: StringID) -> Bool { reason == length || reason == maxTokens }
}
