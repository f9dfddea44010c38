/// A read-only view of one stored span for the interpreters: its fields and its well-known
/// attributes. Valid while the store has the span's known-attribute slots filled (during
/// ingest, or inside `TraceStore.withView`).
struct SpanView {
    unowned let store: TraceStore
    let trace: TraceRecord
    let local: Int

    var span: StoredSpan { trace.spans[local] }
    var words: ConventionWords { store.words }

    func attribute(_ key: WellKnownKey) -> StoredAttribute? { store.known(key, trace) }

    /// Interned non-empty string value of `key`.
    func string(_ key: WellKnownKey) -> StringID? { store.knownString(key, trace) }

    func number(_ key: WellKnownKey) -> Double? { store.knownNumber(key, trace) }

    /// A non-negative whole number (token counts).
    func int(_ key: WellKnownKey) -> Int64? { store.knownInt(key, trace) }

    /// Whether the span name's first word (before a space) is `word`, and the rest.
    func nameMeaning() -> NameMeaning { store.nameMeaning(span.name) }

    /// The string elements of an array attribute (e.g. `gen_ai.response.finish_reasons`), or
    /// the value itself when it is a single string.
    func forEachString(_ key: WellKnownKey, _ body: (StringID) -> Void) {
        guard let a = attribute(key) else { return }
        switch a.kind {
        case .string: body(a.stringID)
        case .array:
            for i in a.range(trace.wideValues).indices where trace.extraAttributes[i].kind == .string {
                body(trace.extraAttributes[i].stringID)
            }
        default: return
        }
    }
}

/// What a span's name says when no attribute does: `invoke_agent coordinator`, `execute_tool
/// lookup`, `chat gpt-4o` — the operation word and its subject. Decided once per name.
struct NameMeaning: Sendable {
    var operation = StringID.empty
    var subject = StringID.empty
}
