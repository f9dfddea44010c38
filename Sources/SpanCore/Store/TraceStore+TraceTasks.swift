/// Tasks of traces that are not workforces: the trace is a task (its root span, or a
/// placeholder until the root arrives) with its calls' tokens and cost and its first error.
/// Agent traces are rebuilt from their runs at the batch's end (`TraceStore+Agents`).
extension TraceStore {
    func applyTraceSpan(_ span: StoredSpan, _ local: Int, _ trace: TraceRecord, _ origin: Origin) {
        let project = projectOf(origin, trace) ?? (strings.intern("unknown_service"), false)
        let t: TaskIndex
        if let existing = trace.genericTask {
            t = existing
            // The root's project wins: a nested run may carry a conversation id of its own.
            let explicitBefore = taskTable.rare[rareSlot(t)].projectIsExplicit
            if project.explicit && tasks[t].project != project.id && (!explicitBefore || span.parentSpanID == 0) {
                moveTask(t, to: project.id)
            }
        } else {
            let hex = trace.id.hex
            t = taskFor(project: project.id, id: strings.intern(hex), source: .trace, trace: trace.id)
            trace.genericTask = t
            touch(t, by: trace)
        }
        let r = rareSlot(t)
        if project.explicit { taskTable.rare[r].projectIsExplicit = true }
        touchProject(tasks[t].project, span)
        tasks[t].spanCount += 1
        tasks[t].noteSpan(startingAt: span.startTime)
        if span.parentSpanID == 0 {
            tasks[t].name = span.name
            taskTable.rare[r].rootDuration = span.durationSeconds
            tasks[t].createdAt = span.startTime
        } else if tasks[t].name.isEmpty {
            tasks[t].name = span.name
        }
        if span.statusCode == StatusCode.error {
            taskTable.rare[r].errorSpans &+= 1
            if taskTable.rare[r].firstError.isEmpty {
                taskTable.rare[r].firstError =
                    !span.statusMessage.isEmpty ? span.statusMessage : exceptionMessage(local, trace) ?? span.name
            }
        }
        if taskTable.rare[r].modelFromSpans.isEmpty, let m = modelOf(trace) { taskTable.rare[r].modelFromSpans = m }
        if taskTable.rare[r].agentFromSpans.isEmpty, let a = knownString(.genAIAgentName, trace) {
            taskTable.rare[r].agentFromSpans = a
        }
        if taskTable.rare[r].workerFromSpans.isEmpty, let w = knownString(.genAIAgentID, trace) {
            taskTable.rare[r].workerFromSpans = w
        }
        addGenericUsage(t, span, trace)
        noteAgentFacts(trace, local, task: t)
        markDirty(t)
    }

    /// Tokens and cost of one call, added to the trace's task.
    private func addGenericUsage(_ t: TaskIndex, _ span: StoredSpan, _ trace: TraceRecord) {
        let r = rareSlot(t)
        let charge = callCharge(span, trace, fallbackModel: taskTable.rare[r].modelFromSpans)
        if charge.hasTokens { tasks[t].tokens.add(input: charge.input, output: charge.output, total: charge.total) }
        if let cost = charge.cost {
            taskTable.rare[r].callCost = (taskTable.rare[r].callCost ?? 0) + cost
            if charge.estimated { taskTable.rare[r].callCostIsEstimate = true }
        }
    }

    func exceptionMessage(_ local: Int, _ trace: TraceRecord) -> StringID? {
        for e in trace.eventRange(of: local) {
            for a in trace.events[e].attributeRange
            where trace.extraAttributes[a].key == WellKnownKey.exceptionMessage.id
                && trace.extraAttributes[a].kind == .string
            {
                return trace.extraAttributes[a].stringID
            }
        }
        return nil
    }

}
