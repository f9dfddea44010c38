extension Report {
    /// The report as JSON, version 1 of the contract in DESIGN.md (keys in that order).
    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The report JSON as UTF-8 bytes, ready to write.
    /// - Parameter extra: members written after the report's own, in order.
    public func jsonBytes(extra: [JSONSection] = []) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.field("spans", spans)
        w.field("traces", traces)
        w.field("rejected_spans", rejectedSpans)
        w.field("evicted_spans", evictedSpans)
        w.field("evicted_tasks", evictedTasks)
        w.field("dropped_projects", droppedProjects)
        w.beginObject("content")
        w.field("kept", content.kept)
        w.field("bytes", content.bytes)
        w.field("budget_bytes", content.budgetBytes)
        w.field("dropped_traces", content.droppedTraces)
        w.field("dropped_attributes", content.droppedAttributes)
        w.endObject()
        w.beginArray("projects")
        for p in projects {
            w.beginObject()
            w.field("id", p.id)
            w.field("evicted", p.evicted)
            w.field("evicted_tasks", p.evictedTasks)
            w.beginObject("tasks")
            w.field("total", p.total)
            for s in TaskStatus.allCases { w.field(s.name, p.counts[s] ?? 0) }
            w.endObject()
            w.field("tokens", p.tokens)
            w.field("cost_usd", p.cost, digits: 9)
            w.field("cost_estimated", p.costIsEstimate)
            w.field("quality_avg", p.qualityAverage, digits: 2)
            if let path = p.criticalPath {
                w.beginObject("critical_path")
                w.beginArray("task_ids")
                for id in path.taskIDs { w.element(id) }
                w.endArray()
                w.field("seconds", path.seconds, digits: 3)
                w.endObject()
            } else {
                w.field("critical_path", nil as String?)
            }
            w.field("over_budget", p.overBudget)
            w.field("eta_s", p.etaSeconds, digits: 1)
            w.waste(p.waste)
            w.beginArray("workers")
            for worker in p.workers {
                w.beginObject()
                w.field("id", worker.id)
                w.field("agent", worker.agent)
                w.field("completed", worker.completed)
                w.field("failed", worker.failed)
                w.waste(worker.waste)
                w.endObject()
            }
            w.endArray()
            w.agents(p)
            w.beginArray("task_list")
            for t in p.tasks {
                w.beginObject()
                w.field("id", t.id)
                w.field("parent_id", t.parentID)
                w.field("name", t.name)
                w.field("status", t.status.name)
                w.field("worker_id", t.workerID)
                w.field("agent", t.agent)
                w.field("model", t.model)
                w.field("attempts", t.attempts)
                w.field("queue_s", t.queueSeconds)
                w.field("processing_s", t.processingSeconds)
                w.field("tokens", t.tokens)
                w.field("cost_usd", t.cost, digits: 9)
                w.field("cost_estimated", t.costIsEstimate)
                w.field("subtree_tokens", t.subtreeTokens)
                w.field("subtree_cost_usd", t.subtreeCost, digits: 9)
                w.field("subtasks_quality_avg", t.subtasksQualityAverage, digits: 2)
                w.field("outlier", t.outlier)
                w.waste(t.waste)
                w.field("quality", t.quality, digits: 2)
                w.field("error", t.error)
                w.field("span_count", t.spanCount)
                w.field("content_dropped", t.contentDropped)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("unpriced_models")
        for m in unpricedModels { w.element(m) }
        w.endArray()
        w.field("price_data", priceData)
        for section in extra {
            w.key(section.key)
            section.write(&w)
        }
        w.endObject()
        return w.bytes
    }
}

extension JSONWriter {
    /// `agents`, `tools`, `loops`, `truncated_calls`, `model_mismatches` of a project.
    mutating func agents(_ p: Report.Project) {
        beginArray("agents")
        for a in p.agents {
            beginObject()
            field("name", a.name)
            field("runs", a.runs)
            field("failed", a.failed)
            field("tokens", a.tokens)
            field("cost_usd", a.cost, digits: 9)
            field("p50_s", a.p50, digits: 3)
            field("p95_s", a.p95, digits: 3)
            beginArray("tools")
            for t in a.tools where t.calls > 0 {
                beginObject()
                field("name", t.name)
                field("calls", t.calls)
                field("errors", t.errors)
                endObject()
            }
            endArray()
            endObject()
        }
        endArray()
        beginArray("tools")
        for t in p.tools {
            beginObject()
            field("name", t.name)
            field("calls", t.calls)
            field("errors", t.errors)
            field("p95_s", t.p95, digits: 3)
            field("offered", t.offered)
            endObject()
        }
        endArray()
        beginArray("loops")
        for l in p.loops {
            beginObject()
            field("task_id", l.taskID)
            field("agent", l.agent)
            field("tool", l.tool)
            field("arguments", l.arguments)
            field("calls", l.calls)
            field("wasted_tokens", l.wastedTokens)
            field("wasted_cost_usd", l.wastedCost, digits: 9)
            endObject()
        }
        endArray()
        field("truncated_calls", p.truncatedCalls)
        field("model_mismatches", p.modelMismatches)
    }

    /// `wasted_s`, `wasted_tokens`, `wasted_cost_usd`: what failed attempts cost.
    mutating func waste(_ w: Waste) {
        field("wasted_s", w.seconds, digits: 3)
        field("wasted_tokens", w.tokens)
        field("wasted_cost_usd", w.cost, digits: 9)
    }
}
