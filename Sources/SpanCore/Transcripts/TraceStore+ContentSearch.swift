/// Which tasks' conversations contain a text: a scan over the message and tool content and the
/// status messages of every stored span, each distinct string tested once (a history repeated by many calls is one
/// string per call, and the same system prompt in every trace is one string).
extension TraceStore {
    /// Tasks (in every project) whose spans' content contains `query`, ASCII letters compared
    /// without case. An empty query matches nothing.
    public func tasks(withContent query: String) -> ContentMatches {
        let needle = TextSearch.folded(query)
        var result = ContentMatches()
        guard !needle.isEmpty else { return result }
        var keyClass = [UInt8](repeating: 0, count: strings.idLimit)  // 0 unknown, 1 content, 2 not
        var tested = [UInt8](repeating: 0, count: strings.idLimit)  // 0 untested, 1 match, 2 not
        func isContentKey(_ key: StringID) -> Bool {
            if keyClass[key.slot] == 0 {
                keyClass[key.slot] = strings.withBytes(key) { ContentKeys.isContent($0) } ? 1 : 2
            }
            return keyClass[key.slot] == 1
        }
        func contains(_ id: StringID) -> Bool {
            if tested[id.slot] == 0 {
                result.stringsTested += 1
                tested[id.slot] = strings.withBytes(id) { TextSearch.find(needle, in: $0) } ? 1 : 2
            }
            return tested[id.slot] == 1
        }
        let eventKeys = Set(ContentKeys.eventKeys.compactMap { strings.lookup($0) })
        for trace in traces.values {
            var matched: [Int] = []
            for i in trace.spans.indices {
                // A failed tool's error is part of the conversation.
                let status = trace.spans[i].statusMessage
                var hit = !status.isEmpty && contains(status)
                for a in trace.spans[i].attributeRange.lazy.map({ trace.attributes[$0] })
                where a.kind == .string && isContentKey(a.key) && contains(a.stringID) {
                    hit = true
                    break
                }
                if !hit {
                    events: for e in trace.eventRange(of: i) {
                        for k in trace.events[e].attributeRange {
                            let a = trace.extraAttributes[k]
                            if a.kind == .string && eventKeys.contains(a.key) && contains(a.stringID) {
                                hit = true
                                break events
                            }
                        }
                    }
                }
                if hit { matched.append(i) }
            }
            guard !matched.isEmpty else { continue }
            result.spans += matched.count
            for t in tasksHolding(matched, of: trace) { result.tasks.insert(t) }
        }
        return result
    }

    /// The tasks whose conversations include these spans of `trace`: its trace task, the agent
    /// runs above each span, and Eigent tasks whose attempts hold them.
    private func tasksHolding(_ spans: [Int], of trace: TraceRecord) -> Set<TaskIndex> {
        var out = Set<TaskIndex>()
        if let t = trace.genericTask { out.insert(t) }
        var runTask: [Int: TaskIndex] = [:]
        for t in trace.runTasks {
            if let id = SpanID(hex: strings.string(tasks[t].id)), let i = trace.index(of: id) { runTask[i] = t }
        }
        var eigentTasks: [StringID: TaskIndex] = [:]
        for t in trace.touchedTasks { eigentTasks[tasks[t].id] = t }
        for s in spans {
            var i: Int? = s
            var steps = 0
            while let j = i, steps <= trace.spans.count {
                if let t = runTask[j] { out.insert(t) }
                if !eigentTasks.isEmpty, let attempt = executionAttempt(trace, span: j), let t = eigentTasks[attempt.task] {
                    out.insert(t)
                }
                let parent = trace.spans[j].parentSpanID
                i = parent == 0 ? nil : trace.index(of: SpanID(parent))
                steps += 1
            }
        }
        return out
    }
}

/// What a content search found.
public struct ContentMatches: Sendable, Equatable {
    public var tasks = Set<TaskIndex>()
    /// Spans whose content matched.
    public var spans = 0
    /// Distinct strings read.
    public var stringsTested = 0
    public init() {}
}
