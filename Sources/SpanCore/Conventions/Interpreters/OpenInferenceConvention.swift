/// OpenInference (Arize: DSPy, LangChain/LangGraph, CrewAI, OpenAI Agents…):
/// `openinference.span.kind` AGENT, TOOL or LLM; content in `input.value`.
enum OpenInferenceConvention {
    static func interpret(_ v: SpanView, _ f: inout SpanFacts) -> Bool {
        guard let kind = v.string(.openInferenceSpanKind) else { return false }
        let w = v.words
        if kind == w.agentKind {
            f.activity = .run
            // OpenAI Agents' workflow root is an AGENT span without `agent.name`.
            if let name = v.string(.openInferenceAgentName) {
                f.agent = name
            } else {
                f.agent = v.span.name
                f.isWorkflow = true
            }
        } else if kind == w.toolKind {
            f.activity = .toolCall
            f.tool = v.string(.openInferenceToolName) ?? v.span.name
            f.arguments = v.string(.inputValue) ?? .empty
        } else if kind == w.llmKind {
            f.activity = .modelCall
            f.request = v.string(.inputValue) ?? .empty
            f.servedModel = v.string(.llmModelName) ?? .empty
        } else {
            return false
        }
        return true
    }
}
