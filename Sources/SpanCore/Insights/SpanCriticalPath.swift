extension TraceRecord {
    /// The spans on the trace's critical path, for traces without task dependencies: from the
    /// root (the earliest span without a stored parent), repeatedly the child that ended last.
    public func criticalSpans() -> Set<Int> {
        var children: [UInt64: [Int]] = [:]
        var root: Int?
        for (i, s) in spans.enumerated() {
            if s.parentSpanID != 0, index(of: SpanID(s.parentSpanID)) != nil {
                children[s.parentSpanID, default: []].append(i)
            } else if root == nil || (s.startTime, i) < (spans[root!].startTime, root!) {
                root = i
            }
        }
        guard var current = root else { return [] }
        var path: Set<Int> = [current]
        while let kids = children[spans[current].spanID],
            let last = kids.max(by: { (spans[$0].endTime, $0) < (spans[$1].endTime, $1) }),
            path.insert(last).inserted
        {
            current = last
        }
        return path
    }
}
