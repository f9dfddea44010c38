import Testing

@testable import SpanCore

/// Parents sum their subtasks; unknown stays unknown (null, never 0); estimates stay marked.
struct RollupTests {
    /// root → t1 (1000 tokens, quality 82), t2 → t2a (500 tokens, quality 50); root and t2
    /// have nothing of their own.
    func workforce() -> SpanBuilder {
        var b = EigentTaskModelTests().workforce()
        let p: AttributeValue = "proj"
        b.span(
            "task.created", start: 2.5,
            ["eigent.task.id": "t2a", "eigent.project.id": p, "eigent.task.parent_id": "t2"])
        b.span("task.assigned", start: 10, ["eigent.task.id": "t2a", "eigent.project.id": p, "eigent.worker.id": "w1"])
        b.span(
            "task.execution:t2a", start: 10.5, end: 12, status: StatusCode.ok,
            [
                "eigent.task.id": "t2a", "eigent.project.id": p, "eigent.worker.id": "w1",
                "eigent.task.status": "completed", "eigent.task.quality_score": 50,
                "eigent.task.token_usage.total_tokens": 500,
            ])
        return b
    }

    func reportTask(_ r: Report, _ id: String) -> Report.Task? { r.projects.first?.tasks.first { $0.id == id } }

    @Test func parentsShowTheirSubtreeAndSubtasksQuality() throws {
        let store = TraceStore()
        store.ingest(workforce().batch())
        let r = Report(store)
        let root = try #require(reportTask(r, "root"))
        let t1 = try #require(reportTask(r, "t1"))
        let t2a = try #require(reportTask(r, "t2a"))
        #expect(root.tokens == nil, "the root has no tokens of its own")
        #expect(root.subtreeTokens == 1500)
        let childCosts = try #require(t1.cost) + #require(t2a.cost)
        #expect(abs(try #require(root.subtreeCost) - childCosts) < 1e-12)
        #expect(root.subtasksQualityAverage == 66)
        #expect(reportTask(r, "t2")?.subtreeTokens == 500)
        #expect(t1.subtreeTokens == 1000, "a leaf's subtree is itself")
        #expect(t1.subtasksQualityAverage == nil)
        // The project counts each task once.
        #expect(r.projects[0].tokens == 1500)
        // Eigent sends totals only: blended-rate costs are estimates, up to the project.
        #expect(t1.costIsEstimate && r.projects[0].costIsEstimate)
        let json = r.json()
        #expect(json.contains(#""subtree_tokens": 1500"#))
        #expect(json.contains(#""cost_estimated": true"#))
    }

    @Test func parentCyclesCountEachTaskOnce() {
        var b = SpanBuilder()
        let p: AttributeValue = "proj"
        b.span("task.created", start: 1, ["eigent.task.id": "a", "eigent.project.id": p, "eigent.task.parent_id": "b"])
        b.span("task.created", start: 1, ["eigent.task.id": "b", "eigent.project.id": p, "eigent.task.parent_id": "a"])
        for id in ["a", "b"] {
            b.span(
                "task.execution:\(id)", start: 2, end: 3,
                [
                    "eigent.task.id": .string(id), "eigent.project.id": p, "eigent.task.status": "completed",
                    "eigent.task.token_usage.total_tokens": 100,
                ])
        }
        let store = TraceStore()
        store.ingest(b.batch())
        let sums = Report(store).projects[0].tasks.compactMap(\.subtreeTokens)
        #expect(sums.sorted() == [100, 200], "one of the two holds the other; neither counts itself twice")
    }

    @Test func projectsWithoutTokenCountsReportNull() {
        // A DSPy program traced by OpenInference: model names, no token counts.
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("dspy-app"))])
        b.scope = ScopeRecord(name: "openinference.instrumentation.dspy")
        let root = SpanID(0x10)
        b.span("Predict.forward", start: 0, end: 2, parent: .zero, id: root, ["openinference.span.kind": "CHAIN"])
        b.span(
            "LM.__call__", start: 0.5, end: 1.5, parent: root,
            ["openinference.span.kind": "LLM", "llm.model_name": "gpt-4o-mini"])
        let store = TraceStore()
        store.ingest(b.batch())
        let r = Report(store)
        #expect(r.projects[0].tokens == nil)
        #expect(r.projects[0].cost == nil)
        #expect(r.json().contains(#""tokens": null"#))
        #expect(!r.json().contains(#""tokens": 0"#))
    }

    @Test func aPartlyKnownSumIsTheKnownPartAndUnpricedModelsAreListed() {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        for (i, model) in ["gpt-4o-mini", "acme-llm-9000"].enumerated() {
            b.trace = TraceID(high: 1, low: UInt64(i + 1))
            b.span(
                "chat \(model)", start: 1, end: 2, parent: .zero,
                [
                    "gen_ai.conversation.id": "conv", "gen_ai.request.model": .string(model),
                    "gen_ai.usage.input_tokens": 1000, "gen_ai.usage.output_tokens": 100,
                ])
        }
        b.trace = TraceID(high: 1, low: 9)
        b.span("tool call", start: 1, end: 2, parent: .zero, ["gen_ai.conversation.id": "conv"])
        let store = TraceStore()
        store.ingest(b.batch())
        let r = Report(store)
        let p = r.projects[0]
        #expect(p.tokens == 2200)
        let expected = (1000 * 0.15 + 100 * 0.6) / 1e6
        #expect(abs((p.cost ?? 0) - expected) < 1e-12)
        #expect(!p.costIsEstimate)
        #expect(p.tasks.filter { $0.tokens == nil }.count == 1, "the tool trace's tokens are unknown")
        #expect(r.unpricedModels == ["acme-llm-9000"])
        #expect(r.json().contains(#""unpriced_models": ["acme-llm-9000"]"#))
    }

    @Test func explicitCostOnASpanWinsOverItsPrice() {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        b.span(
            "chat", start: 1, end: 2, parent: .zero,
            [
                "gen_ai.conversation.id": "c", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1000,
                "gen_ai.usage.output_tokens": 100, "gen_ai.usage.cost": 0.5,
            ])
        let store = TraceStore()
        store.ingest(b.batch())
        #expect(Report(store).projects[0].cost == 0.5)
    }
}
