import Testing

@testable import TUI

/// The pydantic-ai fixture (a coordinator delegating to a researcher, a loop, a failing tool,
/// a truncated answer) on screen: the agent tree, agents among the workers, the tools, the
/// loop and the failure.
@Suite struct AgentScreenTests {
    static let fixture = "agents-pydantic.otlp.jsonl"

    /// Projects by name: agents-delegation, agents-loop, agents-tool-error, agents-truncated.
    static let screens: [(name: String, keys: [String])] = [
        ("agents-tree", ["enter"]),
        ("agents-loop", ["j", "enter"]),
        ("agents-workers", ["3"]),
        ("agents-tools", ["3", "t"]),
        ("agents-failures", ["4"]),
        ("agents-run-waterfall", ["enter", "j", "enter"]),
        ("agents-loop-waterfall", ["j", "enter", "enter"]),
        // `enter` on a root run with nested runs: the project's runs on one time axis, then by agent.
        ("agents-timeline", ["enter", "enter"]),
        ("agents-timeline-agents", ["enter", "enter", "v"]),
        // `c`: the conversation, delegated runs indented; from the failures view at the failure.
        ("agents-transcript", ["enter", "c"]),
        ("agents-transcript-failure", ["4", "j", "c"]),
        ("agents-transcript-truncated", ["j", "j", "j", "enter", "c", "j", "j", "j", "j", "j", "j", "j", "j"]),
        ("agents-transcript-unfolded", ["enter", "c", "enter"]),
        // `/` on the page: lines with the text marked, the first one near the top.
        ("agents-transcript-search", ["enter", "c", "/", "m", "a", "p", "l", "e"]),
        // `c` on a model call's span: that call alone, with the history it was sent.
        ("agents-call-transcript", ["enter", "j", "enter", "j", "enter", "c"]),
        // `m` on the task list: the tasks whose conversations say it.
        ("agents-content-search", ["j", "j", "enter", "m", "5", "0", "3"]),
        // `6`: a row per model, most cost first.
        ("agents-models", ["6"]),
    ]

    @Test(arguments: screens)
    func screen(_ entry: (name: String, keys: [String])) throws {
        for (w, h) in ScreenSnapshotTests.sizes {
            let harness = try TUIHarness.fixture(width: w, height: h, named: Self.fixture)
            for k in entry.keys { harness.press(k) }
            assertSnapshot(harness.screen, named: "\(entry.name)-\(w)x\(h)")
        }
    }

    @Test func theCoordinatorIsTheTaskAndTheResearcherItsSubtask() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        h.press("enter")
        let lines = h.text.split(separator: "\n").map(String.init)
        let root = try #require(lines.firstIndex { $0.contains("invoke_agent coordinator") })
        let sub = try #require(lines.firstIndex { $0.contains("invoke_agent researcher") })
        #expect(sub == root + 1)
        #expect(lines[root].contains("▾"))
        #expect(lines[root].contains("coordinator"))
        #expect(lines[sub].contains("researcher"))
    }

    @Test func theLoopIsMarkedAndExplained() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        h.press("j", "enter")
        #expect(h.text.contains("↻ "))
        h.press("enter")
        #expect(h.text.contains(#"↻ check_status ×4 {"job_id":"42"}"#))
        h.press("4")
        // The failures view lists the failed runs; the loop project has none.
        #expect(!h.text.contains("check_status"))
    }

    @Test func theFailureShowsTheToolsError() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        h.press("4")
        #expect(h.text.contains("fetch_page: 503 from https://example.com/x"))
    }

    @Test func toolsToggleWithT() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        h.press("3")
        #expect(h.text.contains("coordinator"))
        #expect(h.text.contains("researcher"))
        h.press("t")
        #expect(h.text.contains("Workers › tools"))
        let line = try #require(h.text.split(separator: "\n").first { $0.hasPrefix("check_status") })
        #expect(line.split(separator: " ").dropFirst().first == "4")
        h.press("t")
        #expect(!h.text.contains("Workers › tools"))
    }

    @Test func theConversationOpensFromTheTaskAndFromTheFailure() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        h.press("enter", "c")
        #expect(h.text.contains("Conversation › invoke_agent coordinator"))
        #expect(h.text.contains("→ lookup {"))
        #expect(h.text.contains("  assistant · researcher · claude-haiku-4-5"))
        h.press("esc", "esc", "4", "j", "c")
        #expect(h.text.contains("✗ fetch_page #toolu_01 failed: fetch_page: 503 from https://example.com/x"))
    }

    @Test func aModelCallsHealthIsInTheSpanDetail() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: Self.fixture)
        // agents-truncated → its run's waterfall → the answering call's detail.
        h.press("j", "j", "j", "enter", "enter", "j", "j", "j", "enter")
        #expect(h.text.contains("Model call"))
        #expect(h.text.contains("gpt-4o → gpt-4o-mini"))
        #expect(h.text.contains("the answer was cut off"))
    }

    /// A LangGraph supervisor traced by OpenInference: its conversation on screen has the
    /// delegated research agent's messages, indented, between the delegation and its result.
    @Test func aLangGraphDelegationReadsOnScreen() throws {
        let h = try TUIHarness.fixture(width: 140, height: 60, named: "agents-langgraph.otlp.jsonl")
        h.press("enter")
        let lines = h.text.split(separator: "\n").map(String.init)
        let supervisor = try #require(lines.firstIndex { $0.contains("supervisor_agent") })
        let row = try #require(lines.firstIndex { $0.contains("ST TASK") })
        for _ in 0..<(supervisor - row - 1) { h.press("j") }
        h.press("c")
        h.press("enter")
        let screen = h.text
        #expect(screen.contains("Conversation › "))
        let order = [
            "Find recent research on marine renewable energy in Portugal",
            "→ delegate_research",
            "  user · research_agent",
            "→ search_papers",
            "Tidal energy in the Tagus estuary",
            "← delegate_research #call_lg_ask_1",
            "Recent Portuguese marine-energy research",
        ]
        var at = screen.startIndex
        for text in order {
            let found = try #require(screen.range(of: text, range: at..<screen.endIndex), "\(text) after the previous")
            at = found.upperBound
        }
    }
}
