extension Report {
    /// The report as JSON, version 1 (`docs/reference/report-json.md`, keys in that order).
    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The report JSON as UTF-8 bytes, ready to write.
    /// - Parameter extra: members written after the report's own, in order.
    public func jsonBytes(extra: [JSONSection] = []) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        writeTotals(&w)
        w.beginArray("projects")
        for p in projects {
            w.beginObject()
            w.project(p)
            w.beginArray("task_list")
            w.elements(rendered: Report.taskListElements(p.tasks))
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

extension Report {
    /// The report's top-level counts: spans, traces, what was rejected, evicted or dropped.
    public func writeTotals(_ w: inout JSONWriter) {
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
    }
}

extension JSONWriter {
    /// A project's members, as the report writes them (all but `task_list`); the query API
    /// writes the same.
    public mutating func project(_ p: Report.Project) {
        field("id", p.id)
        field("evicted", p.evicted)
        field("evicted_tasks", p.evictedTasks)
        beginObject("tasks")
        field("total", p.total)
        for s in TaskStatus.allCases { field(s.name, p.counts[s] ?? 0) }
        endObject()
        field("tokens", p.tokens)
        field("cost_usd", p.cost, digits: 9)
        field("cost_estimated", p.costIsEstimate)
        field("quality_avg", p.qualityAverage, digits: 2)
        if let path = p.criticalPath {
            beginObject("critical_path")
            beginArray("task_ids")
            for id in path.taskIDs { element(id) }
            endArray()
            field("seconds", path.seconds, digits: 3)
            endObject()
        } else {
            field("critical_path", nil as String?)
        }
        field("over_budget", p.overBudget)
        field("eta_s", p.etaSeconds, digits: 1)
        waste(p.waste)
        beginArray("workers")
        for worker in p.workers {
            beginObject()
            field("id", worker.id)
            field("agent", worker.agent)
            field("completed", worker.completed)
            field("failed", worker.failed)
            waste(worker.waste)
            endObject()
        }
        endArray()
        agents(p)
    }

    /// One task as the report writes it in `task_list`; `extra` adds members at its end.
    public mutating func task(_ t: Report.Task, extra: (inout JSONWriter) -> Void = { _ in }) {
        beginObject()
        field("id", t.id)
        field("parent_id", t.parentID)
        field("name", t.name)
        field("status", t.status.name)
        field("worker_id", t.workerID)
        field("agent", t.agent)
        field("model", t.model)
        field("attempts", t.attempts)
        field("queue_s", t.queueSeconds)
        field("processing_s", t.processingSeconds)
        field("tokens", t.tokens)
        field("cost_usd", t.cost, digits: 9)
        field("cost_estimated", t.costIsEstimate)
        field("subtree_tokens", t.subtreeTokens)
        field("subtree_cost_usd", t.subtreeCost, digits: 9)
        field("subtasks_quality_avg", t.subtasksQualityAverage, digits: 2)
        field("outlier", t.outlier)
        waste(t.waste)
        field("quality", t.quality, digits: 2)
        field("error", t.error)
        field("span_count", t.spanCount)
        field("content_dropped", t.contentDropped)
        extra(&self)
        endObject()
    }

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
