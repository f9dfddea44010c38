/// OpenLLMetry (Traceloop): `traceloop.span.kind` agent, workflow or tool, named by
/// `traceloop.entity.name`; a model call is a span with `gen_ai.prompt.*` and a model.
enum OpenLLMetryConvention {
    static func interpret(_ v: SpanView, _ f: inout SpanFacts) -> Bool {
        guard let kind = v.string(.traceloopSpanKind) else { return false }
        let w = v.words
        if kind == w.agent || kind == w.workflow {
            f.activity = .run
            f.isWorkflow = kind == w.workflow
            f.agent = v.string(.traceloopEntityName) ?? v.span.name
        } else if kind == w.tool {
            f.activity = .toolCall
            f.tool = v.string(.traceloopEntityName) ?? v.span.name
            f.arguments = v.string(.traceloopEntityInput) ?? .empty
        } else {
            return false
        }
        return true
    }
}
