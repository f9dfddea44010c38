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
            if facts.truncated { rareTaskFacts[r].truncatedCalls &+= 1 }
            if isMismatch(requested: facts.requestedModel, served: facts.servedModel) {
                rareTaskFacts[r].modelMismatches &+= 1
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
            guard traces[trace.id] === trace, !trace.isEigent, trace.isAgentic, trace.genericTask != nil else {
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

    /// A served model differs from the one asked for; a dated snapshot of it
    /// (`gpt-4o-mini` → `gpt-4o-mini-2024-07-18`) is the same model, `gpt-4o` → `gpt-4o-mini`
    /// is not.
    func isMismatch(requested: StringID, served: StringID) -> Bool {
        guard !requested.isEmpty, !served.isEmpty, requested != served else { return false }
        let asked = strings.string(requested).utf8
        let got = strings.string(served).utf8
        guard got.starts(with: asked) else { return true }
        let rest = got.dropFirst(asked.count)
        guard rest.first == UInt8(ascii: "-"), let digit = rest.dropFirst().first else { return true }
        return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit)
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

    // MARK: The rebuild

    private func rebuildRuns(of trace: TraceRecord) {
        guard let t0 = trace.genericTask else { return }
        var spans = readSpans(of: trace)
        var layout = RunLayout()
        layout.build(parents: spans.parents, isRun: spans.isRun, root: trace.rootIndex)

        // Unit 0 is the trace task (its root run, or what lies outside any run); one more unit
        // per nested run.
        var runSpans: [Int32] = [-1]
        var unitOfRun = [Int32](repeating: 0, count: spans.count)
        for i in 0..<spans.count where spans.isRun[i] && Int32(i) != layout.rootRun {
            unitOfRun[i] = Int32(runSpans.count)
            runSpans.append(Int32(i))
        }
        func unit(ofRun r: Int32) -> Int { r < 0 ? 0 : Int(unitOfRun[Int(r)]) }
        func parentUnit(_ u: Int) -> Int { u == 0 ? -1 : unit(ofRun: layout.enclosing[Int(runSpans[u])]) }
        func runSpan(_ u: Int) -> Int? {
            if u == 0 { return layout.rootRun >= 0 ? Int(layout.rootRun) : nil }
            return Int(runSpans[u])
        }

        var tallies = [RunTally](repeating: RunTally(), count: runSpans.count)
        var traceErrors = 0
        var toolCalls: [LoopFinder.ToolCall] = []
        var modelCalls: [LoopFinder.ModelCall] = []
        var summary = AgentTraceSummary()
        var toolCallUnits: [Int] = []
        var offered: [OfferKey: Int] = [:]
        // Workflows are runs (tasks) but not agents.
        let unitAgents = (0..<runSpans.count).map { u in
            runSpan(u).map { spans.facts[$0].isWorkflow ? .empty : spans.facts[$0].agent } ?? .empty
        }
        for i in 0..<spans.count {
            let u = unit(ofRun: layout.owner(i, spans.isRun))
            let span = trace.spans[i]
            let facts = spans.facts[i]
            tallies[u].spans += 1
            // A run's own usage sums its calls (pydantic-ai, `gen_ai.aggregated_usage`): never
            // count both.
            let charge = spans.charges[i]
            if !(facts.isRun && spans.callsCarryUsage) { tallies[u].add(charge) }
            // The model of the run's earliest call (any span's, where no call names one): the
            // same whatever order the spans came in.
            let model = spans.models[i]
            let rank = (facts.activity == .modelCall ? 0 : 1, span.startTime, span.spanID)
            if !model.isEmpty, tallies[u].model.isEmpty || rank < tallies[u].modelRank {
                tallies[u].model = model
                tallies[u].modelRank = rank
            }
            if span.statusCode == StatusCode.error {
                traceErrors += 1
                tallies[u].errorSpans += 1
                let message = !span.statusMessage.isEmpty ? span.statusMessage : exceptionMessage(i, trace) ?? span.name
                // The earliest error is the cause: it is the error of every run it sits in.
                var up = u
                while up >= 0 {
                    if span.endTime < tallies[up].firstErrorEnd {
                        tallies[up].firstErrorEnd = span.endTime
                        tallies[up].firstError = message
                    }
                    up = parentUnit(up)
                }
            }
            if let (score, label, time) = evaluation(i, trace), time >= tallies[u].evaluationTime {
                tallies[u].evaluation = score
                tallies[u].evaluationLabel = label
                tallies[u].evaluationTime = time
            }
            switch facts.activity {
            case .modelCall:
                if facts.truncated { tallies[u].truncatedCalls += 1 }
                if isMismatch(requested: facts.requestedModel, served: facts.servedModel) {
                    tallies[u].modelMismatches += 1
                }
                modelCalls.append(
                    LoopFinder.ModelCall(
                        run: Int32(u), request: facts.request, start: span.startTime, end: span.endTime,
                        tokens: charge.hasTokens ? charge.total : nil, cost: charge.cost))
                for tool in offeredTools(i, trace) {
                    offered[OfferKey(agent: unitAgents[u], tool: tool), default: 0] += 1
                }
            case .toolCall:
                let tool = facts.tool.isEmpty ? span.name : facts.tool
                toolCalls.append(
                    LoopFinder.ToolCall(run: Int32(u), tool: tool, arguments: facts.arguments, start: span.startTime))
                summary.toolCalls.append(
                    ToolCallRecord(
                        tool: tool, agent: unitAgents[u], task: t0, start: span.startTime,
                        seconds: span.durationSeconds, failed: span.statusCode == StatusCode.error,
                        arguments: facts.arguments, spanID: span.spanID))
                toolCallUnits.append(u)
            default: break
            }
        }

        // The tasks: the trace task, then one per nested run.
        let project = tasks[t0].project
        var unitTasks = [t0]
        var unitIDs = [tasks[t0].id]
        for u in 1..<max(1, runSpans.count) {
            let id = strings.intern(SpanID(trace.spans[Int(runSpans[u])].spanID).hex)
            let t = taskFor(project: project, id: id, source: .run, trace: trace.id)
            touch(t, by: trace)
            unitTasks.append(t)
            unitIDs.append(id)
        }
        let loops = LoopFinder.loops(toolCalls: toolCalls, modelCalls: modelCalls)
        for loop in loops { tallies[Int(loop.run)].loops &+= 1 }
        for u in unitTasks.indices {
            let t = unitTasks[u]
            let run = runSpan(u).map { trace.spans[$0] }
            let facts = runSpan(u).map { spans.facts[$0] }
            let state: RunState
            if let run {
                // A run fails with its own span, or with an error among the spans it owns (a
                // nested run's failure counts once its caller's tool span fails too).
                state = run.statusCode == StatusCode.error || tallies[u].errorSpans > 0 ? .failed : .completed
            } else if trace.rootIndex != nil {
                state = traceErrors > 0 ? .failed : .completed
            } else {
                state = .running
            }
            apply(
                tallies[u], state: state, run: run, workflow: facts?.isWorkflow ?? false, agent: unitAgents[u],
                agentID: facts?.agentID ?? .empty, to: t)
            if u > 0 {
                let parent = unitIDs[parentUnit(u)]
                if tasks[t].parentID != parent { reparent(t, to: parent) }
            } else if let named = run ?? trace.root {
                tasks[t].name = named.name
            }
            markDirty(t)
        }
        for k in summary.toolCalls.indices { summary.toolCalls[k].task = unitTasks[toolCallUnits[k]] }
        summary.loops = loops.map {
            LoopRecord(
                task: unitTasks[Int($0.run)], agent: unitAgents[Int($0.run)], tool: $0.tool, arguments: $0.arguments,
                calls: $0.calls, wastedTokens: $0.wastedTokens, wastedCost: $0.wastedCost)
        }
        summary.offered = offered.map { OfferedTool(agent: $0.key.agent, tool: $0.key.tool, calls: $0.value) }
        summary.truncatedCalls = tallies.reduce(0) { $0 + Int($1.truncatedCalls) }
        summary.modelMismatches = tallies.reduce(0) { $0 + Int($1.modelMismatches) }
        loopsFound += summary.loops.count - (trace.agentSummary?.loops.count ?? 0)
        trace.agentSummary = summary

        let kept = Set(unitTasks)
        for old in trace.runTasks where !kept.contains(old) { dropRunTask(old) }
        trace.runTasks = Array(unitTasks.dropFirst())
        spans.release()
    }

    /// Writes one run's facts into its task.
    private func apply(
        _ tally: RunTally, state: RunState, run: StoredSpan?, workflow: Bool, agent: StringID, agentID: StringID,
        to t: TaskIndex
    ) {
        let r = rareSlot(t)
        var rare = rareTaskFacts[r]
        rare.runState = state
        rare.isAgentRun = run != nil && !workflow
        rare.errorSpans = tally.errorSpans
        rare.firstError = tally.firstError
        rare.modelFromSpans = tally.model
        rare.agentFromSpans = agent
        rare.workerFromSpans = agentID
        rare.callCost = tally.cost
        rare.callCostIsEstimate = tally.costIsEstimate
        rare.evaluation = tally.evaluation
        rare.evaluationLabel = tally.evaluationLabel
        rare.loops = tally.loops
        rare.truncatedCalls = tally.truncatedCalls
        rare.modelMismatches = tally.modelMismatches
        // The trace task without a root run stands for the trace's root span, once it arrived.
        let own = run ?? (tasks[t].source == .trace ? traces[tasks[t].traceID]?.root : nil)
        rare.rootDuration = own?.durationSeconds
        rareTaskFacts[r] = rare
        tasks[t].tokens = tally.tokens
        tasks[t].spanCount = Int(tally.spans)
        tasks[t].wastedSeconds = state == .failed ? run?.durationSeconds ?? 0 : 0
        if let own {
            if tasks[t].source == .run { tasks[t].name = own.name }
            tasks[t].createdAt = own.startTime
            tasks[t].firstSpanAt = min(tasks[t].firstSpanAt, own.startTime)
        }
    }

    /// Moves a run task under another parent (its parent run arrived, or turned out nested).
    private func reparent(_ t: TaskIndex, to parent: StringID) {
        let project = tasks[t].project
        let old = tasks[t].parentID
        if !old.isEmpty {
            if let p = taskIndex(project: project, id: old) {
                tasks[p].children.removeAll { $0 == t }
            } else {
                let key = OrphanKey(project: project, parent: old)
                orphanChildren[key]?.removeAll { $0 == t }
                if orphanChildren[key]?.isEmpty == true { orphanChildren[key] = nil }
            }
        }
        tasks[t].parentID = .empty
        setParent(t, parent)
    }

    /// Takes away a run task the latest rebuild no longer has (its run became the trace's own,
    /// or the trace moved to another project). Its slot is freed with the trace.
    private func dropRunTask(_ t: TaskIndex) {
        guard tasks[t].spanCount > 0 || !tasks[t].parentID.isEmpty else { return }
        reparent(t, to: .empty)
        removeTask(t)
        tasks[t].parentID = .empty
    }

    /// The latest `gen_ai.evaluation.result` event of a span: score 0–100, label, time.
    private func evaluation(_ local: Int, _ trace: TraceRecord) -> (Double?, StringID, UInt64)? {
        var found: (Double?, StringID, UInt64)?
        for e in trace.eventRange(of: local) where trace.events[e].name == words.evaluationEvent {
            var score: Double?
            var label = StringID.empty
            for a in trace.events[e].attributeRange {
                let attribute = trace.extraAttributes[a]
                if attribute.key == WellKnownKey.evaluationScore.id {
                    score =
                        attribute.number(trace.wideValues)
                        ?? (attribute.kind == .string ? Double(strings.string(attribute.stringID)) : nil)
                } else if attribute.key == WellKnownKey.evaluationLabel.id, attribute.kind == .string {
                    label = attribute.stringID
                }
            }
            if let s = score, s.isFinite, s >= 0 { score = s <= 1 ? s * 100 : min(s, 100) } else { score = nil }
            if score != nil || !label.isEmpty, found.map({ trace.events[e].time >= $0.2 }) ?? true {
                found = (score, label, trace.events[e].time)
            }
        }
        return found
    }

    /// The tools a model call was offered: `gen_ai.tool.definitions`, else OpenInference's
    /// `llm.tools.{i}.tool.json_schema`.
    private func offeredTools(_ local: Int, _ trace: TraceRecord) -> [StringID] {
        var names: [String] = []
        for i in trace.spans[local].attributeRange {
            let a = trace.attributes[i]
            guard a.kind == .string else { continue }
            if a.key == WellKnownKey.genAIToolDefinitions.id || isToolSchemaKey(a.key) {
                names.append(contentsOf: ToolDefinitions.names(in: strings.string(a.stringID)))
            }
        }
        var seen: [StringID] = []
        for name in names {
            let id = strings.intern(name)
            if !seen.contains(id) { seen.append(id) }
        }
        return seen
    }

    private func isToolSchemaKey(_ key: StringID) -> Bool {
        if let known = toolSchemaKeys[key] { return known }
        let text = strings.string(key)
        let yes = text.hasPrefix("llm.tools.") && text.hasSuffix(".tool.json_schema")
        toolSchemaKeys[key] = yes
        return yes
    }

    /// Each stored span's facts, charge, model and parent position.
    private func readSpans(of trace: TraceRecord) -> SpanReadings {
        var r = SpanReadings()
        let n = trace.spans.count
        r.facts.reserveCapacity(n)
        r.charges.reserveCapacity(n)
        // The model of the earliest span that names one prices tokens on spans that name none.
        var fallback = (model: StringID.empty, start: UInt64.max, id: UInt64.max)
        for i in 0..<n {
            let span = trace.spans[i]
            withView(trace, i) { v in
                let facts = Interpreters.facts(v)
                let model = modelOf(trace) ?? .empty
                if !model.isEmpty, (span.startTime, span.spanID) < (fallback.start, fallback.id) {
                    fallback = (model, span.startTime, span.spanID)
                }
                r.facts.append(facts)
                r.isRun.append(facts.isRun)
                r.models.append(model)
            }
            let parent = span.parentSpanID
            r.parents.append(parent == 0 ? -1 : trace.spanIndex.find(parent, in: trace.spans).map { Int32($0) } ?? -1)
        }
        for i in 0..<n {
            let charge = withView(trace, i) { _ in callCharge(trace.spans[i], trace, fallbackModel: fallback.model) }
            if r.facts[i].activity == .modelCall && charge.hasTokens { r.callsCarryUsage = true }
            r.charges.append(charge)
        }
        return r
    }
}

/// What the rebuild reads from each stored span, by span position.
private struct SpanReadings {
    var facts: [SpanFacts] = []
    var isRun: [Bool] = []
    var charges: [CallCharge] = []
    var models: [StringID] = []
    var parents: [Int32] = []
    /// Some model call carries tokens, so runs' own (aggregate) usage is not counted.
    var callsCarryUsage = false

    var count: Int { facts.count }

    mutating func release() { self = SpanReadings() }
}

private struct OfferKey: Hashable {
    var agent: StringID
    var tool: StringID
}

/// One run's sums over the spans it owns (nested runs' spans are theirs).
struct RunTally {
    var spans: UInt32 = 0
    var tokens = TokenUsage()
    var cost: Double?
    var costIsEstimate = false
    var errorSpans: UInt32 = 0
    /// The earliest-ending error in the run or any run nested in it.
    var firstError = StringID.empty
    var firstErrorEnd = UInt64.max
    var model = StringID.empty
    var modelRank: (Int, UInt64, UInt64) = (2, 0, 0)
    var evaluation: Double?
    var evaluationLabel = StringID.empty
    var evaluationTime: UInt64 = 0
    var loops: UInt16 = 0
    var truncatedCalls: UInt32 = 0
    var modelMismatches: UInt32 = 0

    mutating func add(_ charge: CallCharge) {
        if charge.hasTokens { tokens.add(input: charge.input, output: charge.output, total: charge.total) }
        if let c = charge.cost {
            cost = (cost ?? 0) + c
            if charge.estimated { costIsEstimate = true }
        }
    }
}
