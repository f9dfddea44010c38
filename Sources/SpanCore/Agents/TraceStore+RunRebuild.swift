/// The rebuild of an agent trace's runs from its stored spans: which spans each run owns, one
/// task per run, their sums, tool calls, loops and offered tools (see `TraceStore+Agents`).
extension TraceStore {

    func rebuildRuns(of trace: TraceRecord) {
        guard let t0 = trace.genericTask else { return }
        // Scratch taken from the store for the rebuild and given back: no arrays per rebuild.
        var spans = runScratch.readings
        var layout = runScratch.layout
        runScratch = RunScratch()
        defer { runScratch = RunScratch(readings: spans, layout: layout) }
        readSpans(of: trace, into: &spans)
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
            if !model.isEmpty, tallies[u].modelRank.map({ rank < $0 }) ?? true {
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
                    if tallies[up].firstErrorEnd.map({ span.endTime < $0 }) ?? true {
                        tallies[up].firstErrorEnd = span.endTime
                        tallies[up].firstError = message
                    }
                    up = parentUnit(up)
                }
            }
            if let (score, label, time) = evaluation(i, trace), tallies[u].evaluationTime.map({ time >= $0 }) ?? true {
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
    }

    /// Writes one run's facts into its task.
    private func apply(
        _ tally: RunTally, state: RunState, run: StoredSpan?, workflow: Bool, agent: StringID, agentID: StringID,
        to t: TaskIndex
    ) {
        let r = rareSlot(t)
        var rare = taskTable.rare[r]
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
        let own = run ?? (tasks[t].source == .trace ? traceTable[tasks[t].traceID]?.root : nil)
        rare.rootDuration = own?.durationSeconds
        taskTable.rare[r] = rare
        tasks[t].tokens = tally.tokens
        tasks[t].spanCount = Int(tally.spans)
        tasks[t].wastedSeconds = state == .failed ? run?.durationSeconds ?? 0 : 0
        if let own {
            if tasks[t].source == .run { tasks[t].name = own.name }
            tasks[t].createdAt = own.startTime
            tasks[t].noteSpan(startingAt: own.startTime)
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
}
