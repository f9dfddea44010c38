import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// `TraceStore.modelStats` over the committed fixtures, checked against their truth files and,
/// where a truth file says nothing per model, against counts read from the spans themselves.
struct ModelStatsFixtureTests {
    static func truthInts(_ objects: [[String: Any]], _ key: String) -> Int {
        objects.compactMap { $0[key] as? Int }.reduce(0, +)
    }

    /// pydantic-ai: per model, the `chat` spans of the four scenarios (response model; the
    /// truncated scenario asked for gpt-4o and got gpt-4o-mini).
    @Test func pydanticCallsByModel() throws {
        let store = try AgentFixtureTests.load("agents-pydantic.otlp.jsonl")
        let stats = store.modelStats(store.projects)
        let scenarios = try AgentFixtureTests.json("agents-pydantic.truth.json")["scenarios"] as! [String: Any]
        let truth = scenarios.values.map { $0 as! [String: Any] }
        #expect(stats.reduce(0) { $0 + $1.truncated } == Self.truthInts(truth, "truncated_calls"))
        #expect(stats.reduce(0) { $0 + $1.mismatches } == Self.truthInts(truth, "model_mismatches"))
        #expect(stats.reduce(0) { $0 + ($1.tokens ?? 0) } == Int64(Self.truthInts(truth, "tokens")))

        // Read from the spans: claude-haiku-4-5 4 calls 1880 in / 215 out; gpt-4o-mini 10 calls
        // 4400 / 314 (the truncated, mismatched one among them); gpt-4o one call 220 / 20.
        #expect(stats.map(\.model) == ["claude-haiku-4-5", "gpt-4o-mini", "gpt-4o"])
        #expect(stats.map(\.calls) == [4, 10, 1])
        #expect(stats.map(\.inputTokens) == [1880, 4400, 220])
        #expect(stats.map(\.outputTokens) == [215, 314, 20])
        #expect(stats.map(\.truncated) == [0, 1, 0])
        #expect(stats.map(\.mismatches) == [0, 1, 0])
        // The failure is a tool's, not a model call's.
        #expect(stats.allSatisfy { $0.errors == 0 && $0.workforceTasks == 0 && !$0.unpriced })
        // Durations of the gpt-4o-mini calls: 0.5 ×4, 0.6 ×2, 0.7 ×2, 1.4, 2.2 s.
        #expect(abs((stats[1].p50 ?? 0) - 0.6) < 1e-5)
        #expect(abs((stats[1].p95 ?? 0) - 2.2) < 1e-5)
        // Every priced call is in some model's cost: the same total as the tasks'.
        let taskCost = store.projects.flatMap(\.tasks).compactMap { store.tasks[$0].cost }.reduce(0, +)
        #expect(abs(stats.compactMap(\.cost).reduce(0, +) - taskCost) < 1e-12)
    }

    /// The Eigent fixture: workforce tasks count with their worker's model (a worker that never
    /// announced itself names none), next to the GenAI and DSPy traces' calls.
    @Test func workforceTasksAndTraceCallsByModel() throws {
        let store = try AgentFixtureTests.load("workforce.otlp.jsonl")
        let stats = store.modelStats(store.projects)
        let truth = try AgentFixtureTests.json("workforce.truth.json")
        let projects = (truth["projects"] as! [String: [String: Any]]).values
        let eigentTasks = projects.flatMap { ($0["tasks"] as! [String: [String: Any]]).values }
            .filter { $0["tokens"] is Int }
        let traces = truth["traces"] as! [[String: Any]]
        #expect(stats.reduce(0) { $0 + $1.workforceTasks } == eigentTasks.count)
        #expect(
            stats.reduce(0) { $0 + ($1.tokens ?? 0) }
                == Int64(Self.truthInts(eigentTasks, "tokens") + Self.truthInts(traces, "tokens")))
        // The DSPy trace's model: its two LLM spans, and only it.
        let dspy = try #require(traces.first { $0["model"] as? String == "gpt-4o-mini" })
        let mini = try #require(stats.first { $0.model == "gpt-4o-mini" })
        #expect(mini.calls == 2 && mini.tokens == Int64(dspy["tokens"] as! Int) && mini.providers == ["openai"])

        // Read from the spans: workers f594… (gpt-4o) did .1 and .4, 6d94… (gpt-4.1-mini) .2
        // and .5; 6e7e… and 8a45… never said their model (1210 + 800 + 450 tokens).
        let gpt4o = try #require(stats.first { $0.model == "gpt-4o" })
        #expect(gpt4o.calls == 2 && gpt4o.workforceTasks == 2)
        #expect(gpt4o.tokens == Int64(812 + 64 + 930 + 212) + 1843 + 990)
        #expect(gpt4o.inputTokens == 812 + 930 && gpt4o.outputTokens == 64 + 212)
        let gpt41 = try #require(stats.first { $0.model == "gpt-4.1-mini" })
        #expect(gpt41.calls == 0 && gpt41.workforceTasks == 2 && gpt41.tokens == 2950 + 3320)
        #expect(gpt41.inputTokens == nil && gpt41.costIsEstimate)
        let unnamed = try #require(stats.first { $0.model == nil })
        #expect(unnamed.workforceTasks == 3 && unnamed.tokens == 1210 + 800 + 450 && unnamed.cost == nil)
        #expect(stats.last?.model == nil)
    }
}
