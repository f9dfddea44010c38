import Testing

@testable import SpanCore

/// Traces that are not Eigent workforces: each trace is a task.
struct GenericTraceTests {
    func genAITrace(rootLast: Bool) -> SpanBuilder {
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("travel"))])
        b.scope = ScopeRecord(name: "app")
        let root = SpanID(0x100)
        b.span(
            "invoke_agent Planner", start: 0, end: 4, parent: .zero, id: root,
            ["gen_ai.agent.name": "Planner", "gen_ai.conversation.id": "conv-1"])
        b.span(
            "chat gpt-4o", start: 1, end: 2, parent: root,
            [
                "gen_ai.usage.input_tokens": 100, "gen_ai.usage.output_tokens": 50, "gen_ai.request.model": "gpt-4o",
                "gen_ai.conversation.id": "conv-1",
            ])
        b.span(
            "execute_tool search", start: 2, end: 3, status: StatusCode.error, message: "tool timed out", parent: root,
            ["gen_ai.conversation.id": "conv-1"])
        if rootLast { b.records.append(b.records.removeFirst()) }
        return b
    }

    @Test func rootOrderDoesNotChangeTheTask() {
        let first = TraceStore()
        first.ingest(genAITrace(rootLast: false).batch())
        let last = TraceStore()
        for r in genAITrace(rootLast: true).records { last.ingest(genAITrace(rootLast: true).batch([r])) }
        #expect(Report(first).json() == Report(last).json())
    }

    @Test func traceIsATaskWithTokensCostAndError() {
        let store = TraceStore()
        store.ingest(genAITrace(rootLast: true).batch())
        let report = Report(store)
        #expect(report.projects.map(\.id) == ["conv-1"])
        let t = report.projects[0].tasks[0]
        #expect(t.name == "invoke_agent Planner")
        #expect(t.status == .failed)
        #expect(t.error == "tool timed out")
        #expect(t.tokens == 150)
        #expect(t.model == "gpt-4o")
        #expect(t.agent == "Planner")
        #expect(t.processingSeconds == 4)
        #expect(abs((t.cost ?? 0) - (100 * 2.5 + 50 * 10) / 1e6) < 1e-12)
        #expect(!t.costIsEstimate)
    }

    @Test func projectFallsBackToServiceNameThenMoves() {
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("svc"))])
        b.scope = ScopeRecord(name: "app")
        b.span("child", start: 1, end: 2, parent: SpanID(0x100))
        let store = TraceStore()
        store.ingest(b.batch())
        #expect(Report(store).projects.map(\.id) == ["svc"])
        var c = b
        c.records = []
        c.span("root", start: 0, end: 3, parent: .zero, id: SpanID(0x100), ["session.id": "s-1"])
        store.ingest(c.batch())
        let report = Report(store)
        #expect(report.projects.map(\.id) == ["s-1"])
        #expect(report.projects[0].tasks[0].spanCount == 2)
    }

    @Test func openInferenceTotalsAreEstimatedWithABlendedPrice() {
        var b = SpanBuilder()
        b.resource = ResourceRecord()
        b.scope = ScopeRecord(name: "dspy")
        b.span(
            "LLM", start: 0, end: 1, parent: .zero,
            ["llm.token_count.total": 1000, "llm.model_name": "gpt-4o-mini", "session.id": "s"])
        let store = TraceStore()
        store.ingest(b.batch())
        let t = Report(store).projects[0].tasks[0]
        #expect(t.tokens == 1000)
        #expect(t.costIsEstimate)
        #expect(abs(t.cost! - 1000 * (3 * 0.15 + 0.6) / 4 / 1e6) < 1e-12)
    }

    @Test func explicitCostWins() {
        var b = SpanBuilder()
        b.resource = ResourceRecord()
        b.scope = ScopeRecord(name: "langfuse")
        b.span(
            "generation", start: 0, end: 1, parent: .zero,
            [
                "langfuse.observation.usage_details": "{\"input\": 10, \"output\": 5}",
                "langfuse.observation.cost_details": "{\"total\": 0.25}",
                "langfuse.observation.model.name": "gpt-4o", "langfuse.session.id": "lf",
            ])
        let store = TraceStore()
        store.ingest(b.batch())
        let t = Report(store).projects[0].tasks[0]
        #expect(t.tokens == 15)
        #expect(t.cost == 0.25)
    }
}
