import SpanCore

extension ViewData {
    /// The trace a waterfall target lives in, if it is still stored.
    public func trace(of target: WaterfallTarget) -> TraceRecord? {
        switch target {
        case .task(let t): return store.trace(store.tasks[t].traceID)
        case .trace(let id): return store.trace(id)
        }
    }

    /// The spans of the target: an Eigent task's own spans by start time, or a whole trace in
    /// tree order (children under their parent, by start time).
    public func waterfallRows(_ target: WaterfallTarget) -> (trace: TraceRecord?, rows: [WaterfallRow]) {
        cached(&waterfallCache, key: target) {
            guard let trace = trace(of: target) else { return (nil, []) }
            if case .task(let t) = target, store.tasks[t].source == .eigent {
                let id = store.tasks[t].id
                let spans = trace.spans.indices.filter {
                    store.stringAttribute(.eigentTaskID, of: trace, span: $0) == id
                }
                return (
                    trace,
                    spans.sorted { trace.spans[$0].startTime < trace.spans[$1].startTime }
                        .map { WaterfallRow(span: $0, depth: 0) }
                )
            }
            let critical = trace.criticalSpans()
            if case .task(let t) = target, store.tasks[t].source == .run,
                let runSpan = SpanID(hex: store.string(store.tasks[t].id)).flatMap(trace.index(of:))
            {
                // A nested agent run: its own span and everything below it.
                let rows = treeOrder(trace)
                guard let start = rows.firstIndex(where: { $0.span == runSpan }) else { return (trace, []) }
                let depth = rows[start].depth
                let end = rows[(start + 1)...].firstIndex { $0.depth <= depth } ?? rows.endIndex
                return (
                    trace,
                    rows[start..<end].map {
                        WaterfallRow(span: $0.span, depth: $0.depth - depth, critical: critical.contains($0.span))
                    }
                )
            }
            return (
                trace,
                treeOrder(trace).map {
                    WaterfallRow(span: $0.span, depth: $0.depth, critical: critical.contains($0.span))
                }
            )
        }
    }

    private func treeOrder(_ trace: TraceRecord) -> [WaterfallRow] {
        var children: [UInt64: [Int]] = [:]
        var roots: [Int] = []
        for (i, s) in trace.spans.enumerated() {
            if s.parentSpanID == 0 || trace.index(of: SpanID(s.parentSpanID)) == nil {
                roots.append(i)
            } else {
                children[s.parentSpanID, default: []].append(i)
            }
        }
        let byStart = { (a: Int, b: Int) in (trace.spans[a].startTime, a) > (trace.spans[b].startTime, b) }
        var rows: [WaterfallRow] = []
        rows.reserveCapacity(trace.spans.count)
        var visited = Set<Int>()
        var stack = roots.sorted(by: byStart).map { ($0, 0) }
        while let (i, depth) = stack.popLast() {
            guard visited.insert(i).inserted else { continue }
            rows.append(WaterfallRow(span: i, depth: depth))
            for c in (children[trace.spans[i].spanID] ?? []).sorted(by: byStart) { stack.append((c, depth + 1)) }
        }
        // Spans caught in a parent cycle.
        for i in trace.spans.indices where !visited.contains(i) { rows.append(WaterfallRow(span: i, depth: 0)) }
        return rows
    }
}
