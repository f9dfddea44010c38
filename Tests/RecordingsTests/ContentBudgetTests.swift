import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// Message text under its own budget, `--no-content`, and the search over what agents said,
/// on the captured pydantic-ai runs (four traces, one per project).
struct ContentBudgetTests {
    static let fixture = "agents-pydantic.otlp.jsonl"
    static let delegation = "83fa3269d734a52b6f0aa4af9b26d5df"

    static func load(budget: Int? = nil, keep: Bool = true) throws -> TraceStore {
        let store = TraceStore()
        store.contentBudget = budget
        store.keepsContent = keep
        try RecordingLoader(store: store) { _ in }.load(path: Fixtures.path(fixture))
        return store
    }

    static func task(_ store: TraceStore, _ id: String) throws -> TaskIndex {
        let found = store.projects.lazy.compactMap { p in store.strings.lookup(id).flatMap { p.taskIndex[$0] } }.first
        return try #require(found)
    }

    @Test func overTheBudgetTheOldestTracesLoseTheirTextAndSaySo() throws {
        let full = try Self.load()
        let total = full.contentBytes
        #expect(total > 10_000)
        let store = try Self.load(budget: total / 2)
        #expect(store.contentBytes <= total / 2)
        #expect(store.statistics.contentDroppedTraces >= 1)
        // Spans, tokens and costs stay.
        #expect(store.statistics.spans == full.statistics.spans)
        let before = Report(full)
        let after = Report(store)
        #expect(after.projects.map(\.tokens) == before.projects.map(\.tokens))
        #expect(after.content.droppedTraces == store.statistics.contentDroppedTraces)
        // The oldest trace (the delegation) lost its text; its conversation says why and still
        // shows its tool calls and results.
        let t = try #require(store.transcript(ofTask: try Self.task(store, Self.delegation)))
        #expect(t.contentDropped == .budget)
        #expect(t.messages.allSatisfy { m in m.parts.allSatisfy { if case .text = $0 { false } else { true } } })
        #expect(
            t.messages.contains { m in
                m.parts.contains { if case .toolCall(_, "lookup", _) = $0 { true } else { false } }
            })
        #expect(t.text().contains("content dropped (budget)"))
        let json = String(decoding: t.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""content_dropped": "budget""#))
        let task = after.projects.flatMap(\.tasks).first { $0.id == Self.delegation }
        #expect(task?.contentDropped == "budget")
        // The newest trace kept its text.
        let kept = after.projects.flatMap(\.tasks).filter { $0.contentDropped == nil }
        #expect(!kept.isEmpty)
        // What was dropped is no longer in the store's strings.
        #expect(
            store.strings.lookup("Research: Kyoto in autumn") == nil
                || store.tasks(withContent: "Research: Kyoto").tasks.isEmpty)
    }

    @Test func noContentKeepsToolsTokensAndCosts() throws {
        let full = try Self.load()
        let store = try Self.load(keep: false)
        #expect(store.contentBytes == 0)
        #expect(store.statistics.contentDroppedAttributes > 0)
        #expect(Report(store).projects.map(\.tokens) == Report(full).projects.map(\.tokens))
        #expect(Report(store).projects.map(\.cost) == Report(full).projects.map(\.cost))
        let t = try #require(store.transcript(ofTask: try Self.task(store, Self.delegation)))
        #expect(t.contentDropped == .notKept)
        #expect(t.messages.allSatisfy { $0.role != "system" && $0.role != "user" })
        #expect(!t.messages.isEmpty)
        #expect(store.tasks(withContent: "Kyoto in mid-November").tasks.isEmpty)
    }

    @Test func searchFindsTheTasksWhoseConversationsSayIt() throws {
        let store = try Self.load()
        let coordinator = try Self.task(store, Self.delegation)
        // The researcher fetched it: its own run's task, inside the coordinator's (the tree
        // shows the coordinator around it).
        let found = store.tasks(withContent: "MAPLE leaves")
        #expect(found.tasks.count == 1)
        let researcher = try #require(found.tasks.first)
        #expect(store.string(store.tasks[researcher].agent) == "researcher")
        #expect(store.tasks[researcher].traceID == store.tasks[coordinator].traceID)
        // The coordinator's own answer says "maples".
        #expect(store.tasks(withContent: "maple").tasks == [researcher, coordinator])
        // Typing narrows from the last query and gives what a fresh search gives.
        var index = store.contentIndex()
        for typed in ["map", "mapl", "maple", "maple ", "maple l"] {
            #expect(store.tasks(withContent: typed, in: &index) == store.tasks(withContent: typed), "\(typed)")
        }
        #expect(store.tasks(withContent: "ma").tasks.isEmpty, "under three characters")
        #expect(store.tasks(withContent: "").tasks.isEmpty)
        #expect(store.tasks(withContent: "no agent ever said this").tasks.isEmpty)
        // Tool arguments are content too.
        #expect(!store.tasks(withContent: "kyoto-temples").tasks.isEmpty)
    }
}
