/// A read-only view of one stored span for the interpreters: its fields and its well-known
/// attributes. Valid while the store has the span's known-attribute slots filled (during
/// ingest, or inside `TraceStore.withView`).
struct SpanView {
    // Strong, not `unowned`: an unowned load retains on every attribute read (callgrind: +10%
    // of ingest); a view passed as an argument is borrowed, so reads retain nothing.
    let store: TraceStore
    let trace: TraceRecord
    let local: Int

    @inline(__always) var span: StoredSpan { trace.spans[local] }
    @inline(__always) var words: ConventionWords { store.words }

    @inline(__always) func attribute(_ key: WellKnownKey) -> StoredAttribute? { store.known(key, trace) }

    /// Interned non-empty string value of `key`.
    @inline(__always) func string(_ key: WellKnownKey) -> StringID? { store.knownString(key, trace) }

    @inline(__always) func number(_ key: WellKnownKey) -> Double? { store.knownNumber(key, trace) }

    /// A non-negative whole number (token counts).
    @inline(__always) func int(_ key: WellKnownKey) -> Int64? { store.knownInt(key, trace) }

    /// What the span's name says: its operation word and subject (`invoke_agent coordinator`).
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
