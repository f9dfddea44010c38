/// Agent traces: the trace's root run is its task, every nested run a subtask, and the tool
/// calls, loops and model health of each run. Spans of a run arrive before the run's own span
/// (it ends last), so the runs are rebuilt from the trace's stored spans at the end of a batch
/// that brought the trace spans, whatever order they came in.
extension TraceStore {
    /// Whether a span turns its trace into an agent trace, and the model health of a lone
    /// model call (counted on the trace task until the trace turns out to have runs).
    func noteAgentFacts(_ trace: TraceRecord, _ local: Int, task t: TaskIndex) {
        let facts = Interpreters.facts(SpanView(store: self, trace: trace, local: local))
        switch facts.activity {
        case .run, .toolCall:
            trace.isAgentic = true
        case .modelCall where !trace.isAgentic:
            let r = rareSlot(t)
            if facts.truncated { taskTable.rare[r].truncatedCalls &+= 1 }
            if isMismatch(requested: facts.requestedModel, served: facts.servedModel) {
                taskTable.rare[r].modelMismatches &+= 1
            }
        default: break
        }
        if trace.isAgentic && !trace.agentRebuildPending {
            trace.agentRebuildPending = true
            agentTracesToRebuild.append(trace)
        }
    }

    /// Rebuilds the runs of every agent trace the batch touched.
    func rebuildAgentTraces() {
        guard !agentTracesToRebuild.isEmpty else { return }
        for trace in agentTracesToRebuild {
            trace.agentRebuildPending = false
            guard traceTable[trace.id] === trace, !trace.isEigent, trace.isAgentic, trace.genericTask != nil else {
                continue
            }
            rebuildRuns(of: trace)
        }
        agentTracesToRebuild.removeAll(keepingCapacity: true)
    }

    /// Fills the known-attribute slots for a stored span while `body` reads it.
    func withView<R>(_ trace: TraceRecord, _ local: Int, _ body: (SpanView) -> R) -> R {
        let range = trace.spans[local].attributeRange
        for i in range {
            let key = trace.attributes[i].key
            if key.rawValue < knownKeyCount { knownSlots[key.slot] = Int32(i) }
        }
        defer {
            for i in range {
                let key = trace.attributes[i].key
                if key.rawValue < knownKeyCount { knownSlots[key.slot] = -1 }
            }
        }
        return body(SpanView(store: self, trace: trace, local: local))
    }

    /// A served model differs from the one asked for (`ModelName.isMismatch`).
    func isMismatch(requested: StringID, served: StringID) -> Bool {
        guard !requested.isEmpty, !served.isEmpty, requested != served else { return false }
        return ModelName.isMismatch(requested: strings.string(requested), served: strings.string(served))
    }

    /// What the span's name says (`invoke_agent coordinator`), decided once per name.
    func nameMeaning(_ name: StringID) -> NameMeaning {
        if name.slot < nameMeanings.count, let m = nameMeanings[name.slot] { return m }
        if name.slot >= nameMeanings.count {
            nameMeanings.append(contentsOf: repeatElement(nil, count: name.slot + 1 - nameMeanings.count))
        }
        var meaning = NameMeaning()
        let text = strings.string(name)
        if let space = text.firstIndex(of: " "), let operation = strings.lookup(String(text[..<space])) {
            let w = words
            let known = [w.invokeAgent, w.invokeWorkflow, w.executeTool, w.chat, w.textCompletion, w.generateContent]
            if known.contains(operation) {
                let subject = text[text.index(after: space)...].drop { $0 == " " }
                meaning = NameMeaning(
                    operation: operation, subject: subject.isEmpty ? .empty : strings.intern(String(subject)))
            }
        }
        nameMeanings[name.slot] = meaning
        return meaning
    }
}
