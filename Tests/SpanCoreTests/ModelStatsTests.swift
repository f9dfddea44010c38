import Testing

@testable import SpanCore

/// Per-model figures (`TraceStore.modelStats`): one row per model that answered, from the model
/// calls' spans of agent and plain traces and from Eigent tasks' token reports.
struct ModelStatsTests {
    /// A plain trace (no runs): a chat span with the given attributes, its own trace.
    static func call(
        _ b: inout SpanBuilder, trace: UInt64, name: String = "chat gpt-4o", seconds: Double = 1, status: UInt8 = 0,
        _ attributes: [String: AttributeValue]
    ) {
        b.trace = TraceID(high: 7, low: trace)
        b.span(
            name, start: 0, end: seconds, status: status, parent: .zero, id: SpanID(trace),
            attributes.merging(["gen_ai.conversation.id": "models"]) { a, _ in a })
    }

    @Test func theDelegationsCallsAreCountedByModel() throws {
        let store = TraceStore()
        store.ingest(AgentRunTests.delegation().batch())
        let stats = store.modelStats(store.projects)
        // claude-haiku-4-5: 700 in, 70 out at $1/$5 per million beats gpt-4o-mini's 800/80.
        #expect(stats.map(\.model) == ["claude-haiku-4-5", "gpt-4o-mini"])
        let haiku = stats[0]
        let mini = stats[1]
        #expect(haiku.calls == 2 && mini.calls == 3)
        #expect(haiku.inputTokens == 700 && haiku.outputTokens == 70 && haiku.tokens == 770)
        // The coordinator's run span carries the sum of its calls (800/80): not a call.
        #expect(mini.inputTokens == 800 && mini.outputTokens == 80 && mini.tokens == 880)
        #expect(mini.providers == ["openai"])
        #expect(mini.p50 == 0.5 && mini.p95 == 0.5)
        #expect(haiku.workforceTasks == 0 && haiku.errors == 0 && !haiku.unpriced)
        // The calls' costs are the tasks' costs: nothing priced twice or left out.
        let taskCost = store.projects.flatMap(\.tasks).compactMap { store.tasks[$0].cost }.reduce(0, +)
        let modelCost = stats.compactMap(\.cost).reduce(0, +)
        #expect(taskCost > 0)
        #expect(abs(modelCost - taskCost) < 1e-12)
    }

    @Test func errorsTruncationMismatchesAndDurations() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        let asked: [String: AttributeValue] = [
            "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.provider.name": "openai",
        ]
        // Served by another model, and cut off.
        Self.call(
            &b, trace: 1, seconds: 1,
            asked.merging([
                "gen_ai.response.model": "gpt-4o-mini", "gen_ai.response.finish_reasons": .array(["length"]),
                "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 5,
            ]) { a, _ in a })
        // A failed call; a dated snapshot of the model asked for is no mismatch.
        Self.call(
            &b, trace: 2, seconds: 3, status: StatusCode.error,
            asked.merging(["gen_ai.response.model": "gpt-4o-2024-08-06"]) { a, _ in a })
        for (i, seconds) in [2.0, 4, 10].enumerated() {
            Self.call(
                &b, trace: 3 + UInt64(i), seconds: seconds,
                asked.merging(["gen_ai.response.model": "gpt-4o-2024-08-06"]) { a, _ in a })
        }
        let store = TraceStore()
        store.ingest(b.batch())
        let stats = store.modelStats(store.projects)
        let mini = try #require(stats.first { $0.model == "gpt-4o-mini" })
        #expect(mini.calls == 1 && mini.truncated == 1 && mini.mismatches == 1 && mini.errors == 0)
        let dated = try #require(stats.first { $0.model == "gpt-4o-2024-08-06" })
        #expect(dated.calls == 4 && dated.errors == 1 && dated.mismatches == 0 && dated.truncated == 0)
        // Nearest rank over 2, 3, 4, 10 s.
        #expect(dated.p50 == 3 && dated.p95 == 10)
        // No tokens: unknown, not 0.
        #expect(dated.tokens == nil && dated.inputTokens == nil && dated.cost == nil)
        // Known cost first, then the one without.
        #expect(stats.map(\.model) == ["gpt-4o-mini", "gpt-4o-2024-08-06"])
        // The store's own count of the same calls.
        let project = try #require(Report(store).projects.first)
        #expect(project.truncatedCalls == 1 && project.modelMismatches == 1)
    }

    @Test func aModelWithoutAPriceIsMarkedAndItsCostUnknown() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        Self.call(
            &b, trace: 1, name: "chat",
            [
                "gen_ai.operation.name": "chat", "gen_ai.request.model": "house-model-7",
                "gen_ai.usage.input_tokens": 100, "gen_ai.usage.output_tokens": 10,
            ])
        // Named by the span's name alone; and a call that names no model at all.
        Self.call(&b, trace: 2, name: "chat claude-haiku-4-5", ["gen_ai.operation.name": "chat"])
        Self.call(&b, trace: 3, name: "chat", ["gen_ai.operation.name": "chat"])
        let store = TraceStore()
        store.ingest(b.batch())
        let stats = store.modelStats(store.projects)
        let house = try #require(stats.first { $0.model == "house-model-7" })
        #expect(house.unpriced)
        #expect(store.unpricedModels == ["house-model-7"])
        #expect(house.cost == nil && house.tokens == 110)
        #expect(stats.contains { $0.model == "claude-haiku-4-5" && $0.calls == 1 && !$0.unpriced })
        let unnamed = try #require(stats.first { $0.model == nil })
        #expect(unnamed.calls == 1)
        // Most used first when no cost is known; the unnamed calls last.
        #expect(stats.last?.model == nil)
    }

    @Test func eigentTasksCountWithTheirWorkersModel() throws {
        // t1 reported 1000 tokens (a total only) on its second attempt, done by a gpt-4o worker.
        let store = TraceStore()
        store.ingest(EigentTaskModelTests().workforce().batch())
        let stats = store.modelStats(store.projects)
        #expect(stats.count == 1)
        let gpt4o = try #require(stats.first)
        #expect(gpt4o.model == "gpt-4o")
        #expect(gpt4o.workforceTasks == 1 && gpt4o.calls == 0 && gpt4o.uses == 1)
        // A total only: input and output stay unknown; the cost is the task's blended estimate.
        #expect(gpt4o.tokens == 1000 && gpt4o.inputTokens == nil && gpt4o.outputTokens == nil)
        let t1 = try #require(store.tasks.first { $0.tokens.seen })
        #expect(gpt4o.cost != nil && gpt4o.cost == t1.cost && gpt4o.costIsEstimate)
        // Its failed first attempt is on the Failures tab; the task completed.
        #expect(gpt4o.errors == 0)
        // Call durations only: a task's processing time is not one.
        #expect(gpt4o.p50 == nil)
    }

    @Test func anEmptyStoreHasNoModels() {
        let store = TraceStore()
        #expect(store.modelStats(store.projects).isEmpty)
    }
}
