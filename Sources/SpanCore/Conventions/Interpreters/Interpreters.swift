/// The convention families, newest first: the first that recognises a span says what it is.
/// Eigent workforces are read by the store's task rules (`TraceStore+Eigent`); everything else
/// goes through these. Adding a family is one more file and one more line here.
enum Interpreters {
    static func facts(_ v: SpanView) -> SpanFacts {
        var f = SpanFacts()
        _ =
            GenAIConvention.interpret(v, &f) || OpenInferenceConvention.interpret(v, &f)
            || LangfuseConvention.interpret(v, &f) || OpenLLMetryConvention.interpret(v, &f)
            || GenericConvention.interpret(v, &f)
        return f
    }
}
