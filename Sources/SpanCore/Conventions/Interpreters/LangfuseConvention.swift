/// Langfuse observations: `langfuse.observation.type` agent, tool or generation, content in
/// `langfuse.observation.input`.
enum LangfuseConvention {
    static func interpret(_ v: SpanView, _ f: inout SpanFacts) -> Bool {
        guard let type = v.string(.langfuseObservationType) else { return false }
        let w = v.words
        if type == w.agent {
            f.activity = .run
            f.agent = v.span.name
        } else if type == w.tool {
            f.activity = .toolCall
            f.tool = v.span.name
            f.arguments = v.string(.langfuseObservationInput) ?? .empty
        } else if type == w.generation {
            f.activity = .modelCall
            f.request = v.string(.langfuseObservationInput) ?? .empty
            f.servedModel = v.string(.langfuseModelName) ?? .empty
        } else {
            return false
        }
        return true
    }
}
