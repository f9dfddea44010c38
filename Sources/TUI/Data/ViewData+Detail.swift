import SpanCore

extension ViewData {
    /// The span a detail page shows, if its trace is still stored.
    public func spanRecord(_ trace: TraceID, span: UInt64) -> SpanRecord? {
        guard let t = store.trace(trace), let local = t.index(of: SpanID(span)) else { return nil }
        return store.record(of: t, span: local)
    }

    /// Lines of the detail page open in `state`: what its scrolling stops at.
    func detailLineCount(_ state: AppState) -> Int {
        guard case .detail(let trace, let span, _)? = state.drills.last, let record = spanRecord(trace, span: span)
        else { return 0 }
        return SpanDetail.lines(record, width: Layout.detailTextWidth(state.width)).count
    }
}
