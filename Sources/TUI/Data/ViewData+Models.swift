import SpanCore

extension ViewData {
    /// Every model of every project, most cost first, then most used (`TraceStore.modelStats`).
    public func modelRows() -> [ModelStat] {
        cached(&modelCache, key: 0) { store.modelStats(store.projects) }
    }
}
