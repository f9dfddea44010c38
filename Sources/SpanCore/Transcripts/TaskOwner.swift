/// The task whose own conversation a span is in: the innermost agent run (a nested run's task)
/// or Eigent task (an execution attempt) above it, else the trace's task. Walks up the parents
/// once per span, remembering every answer (content search reads many spans of a trace).
struct TaskOwner {
    let store: TraceStore
    let trace: TraceRecord
    private var runTask: [Int: TaskIndex] = [:]
    private var eigentTasks: [StringID: TaskIndex] = [:]
    /// Answers by span position, nil until asked.
    private var memo: [TaskIndex?]

    init(store: TraceStore, trace: TraceRecord) {
        self.store = store
        self.trace = trace
        memo = Array(repeating: nil, count: trace.spans.count)
        for t in trace.runTasks {
            if let id = SpanID(hex: store.string(store.tasks[t].id)), let i = trace.index(of: id) { runTask[i] = t }
        }
        for t in trace.touchedTasks { eigentTasks[store.tasks[t].id] = t }
    }

    mutating func task(of span: Int) -> TaskIndex {
        var path: [Int] = []
        var i: Int? = span
        var found = trace.genericTask ?? ContentIndex.noTask
        while let j = i, path.count <= trace.spans.count {
            if let known = memo[j] {
                found = known
                break
            }
            path.append(j)
            if !runTask.isEmpty, let t = runTask[j] {
                found = t
                break
            }
            if !eigentTasks.isEmpty, let attempt = store.executionAttempt(trace, span: j),
                let t = eigentTasks[attempt.task]
            {
                found = t
                break
            }
            let parent = trace.spans[j].parentSpanID
            i = parent == 0 ? nil : trace.index(of: SpanID(parent))
        }
        for j in path { memo[j] = found }
        return found
    }
}
