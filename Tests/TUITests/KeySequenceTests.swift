import SpanCore
import Testing

@testable import TUI

@Suite struct KeySequenceTests {
    @Test func failedAttemptLeadsToItsSpanAndError() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("4")
        #expect(h.text.contains("7 failed attempts"))
        // Newest first: the generic trace's timeout, then the Eigent pytest failures.
        h.press("j")
        let selected = try #require(h.line(containing: "3/3"))
        #expect(selected.contains("pytest exited with code 1"))
        h.press("enter")
        #expect(h.state.view == .waterfall)
        // The waterfall opens on the failed attempt itself.
        let rows = h.data.waterfallRows(try #require(h.state.waterfallTarget))
        let trace = try #require(rows.trace)
        let span = trace.spans[rows.rows[h.state.position(of: .waterfall).selected].span]
        #expect(span.statusCode == StatusCode.error)
        h.press("enter")
        #expect(h.state.view == .detail)
        #expect(h.text.contains("status: error — Command failed: pytest exited with code 1"))
        h.press("esc", "esc")
        #expect(h.state.view == .failures)
    }

    @Test func rootTaskOpensTheTimelineAndARowOpensItsTask() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("j", "j", "enter")
        #expect(h.text.contains("Tasks › proj-alpha"))
        h.press("enter")
        #expect(h.state.view == .timeline)
        #expect(h.text.contains("Timeline › proj-alpha"))
        // The critical path: Eigent dependencies 9343.1 → 9343.3 → 9343.5 in the fixture.
        let critical = h.screen.textLines.filter { $0.contains("◆ ✓ 1767261600000-9343.") }
        #expect(critical.count == 3)
        h.press("v")
        #expect(h.text.contains("Timeline › proj-alpha · workers"))
        #expect(h.line(containing: "developer_agent") != nil)
        h.press("v", "j", "enter")
        #expect(h.state.view == .waterfall)
        #expect(h.text.contains("Waterfall › task 1767261600000-9343.1"))
        h.press("esc", "esc")
        #expect(h.state.view == .tasks)
        // A subtask still opens its own waterfall.
        h.press("j", "enter")
        #expect(h.state.view == .waterfall)
    }

    @Test func overBudgetProjectsTurnToTheAlarmStyle() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.state.budget = Budget(usd: 0.01)
        let screen = h.screen
        let row = try #require(screen.textLines.firstIndex { $0.hasPrefix("proj-alpha") })
        #expect(screen[0, row].role == .error, "proj-alpha's ~$0.0168 is over $0.01")
        let other = try #require(screen.textLines.firstIndex { $0.hasPrefix("conv-genai-1") })
        #expect(screen[0, other].role != .error)
    }

    @Test func burnRateIsCostPerMinuteOverTheLastFiveMinutes() {
        var state = AppState(width: 80, height: 24, feed: FeedStatus(mode: .live))
        let data = ViewData(store: TraceStore())
        let minute = Nanoseconds.seconds(60)
        let project = StringID(rawValue: 7)
        for i in 0...10 {
            let time = Timestamp.epoch + minute * UInt64(i)
            _ = reduce(&state, .costs(time: time, byProject: [project: Double(i) * 0.5]), data: data)
        }
        // Samples older than five minutes are dropped: (5.0 - 2.5) over 5 minutes.
        #expect(state.burnRate(project) == 0.5)
        #expect(state.burnRate(StringID(rawValue: 8)) == nil)
    }

    @Test func filterShowsOnlyFailedTasksAndTheirParents() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2")
        h.state.tasks.project = h.store.project(named: "proj-beta")!.id
        let all = h.data.taskRows(h.state.tasks).count
        h.press("f")
        #expect(h.state.tasks.filter == .failed)
        let rows = h.data.taskRows(h.state.tasks)
        #expect(rows.count < all)
        let failed = rows.filter { h.store.tasks[$0.task].status == .failed }
        #expect(!failed.isEmpty)
        // Every non-failed row shown is an ancestor kept for context.
        for row in rows where h.store.tasks[row.task].status != .failed { #expect(row.hasChildren) }
        #expect(h.text.contains("filter failed"))
        h.press("f", "f", "f", "f")
        #expect(h.state.tasks.filter == nil)
    }

    @Test func searchNarrowsAsYouTypeAndEscClears() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2", "/")
        #expect(h.state.prompt == "")
        h.press("T", "r", "a", "v")
        #expect(h.text.contains("search \"Trav\""))
        h.state.tasks.project = h.store.project(named: "conv-genai-1")!.id
        #expect(h.data.taskRows(h.state.tasks).count == 1)
        h.press("bksp")
        #expect(h.state.tasks.search == "Tra")
        h.press("enter")
        #expect(h.state.prompt == nil && h.state.tasks.search == "Tra")
        h.press("/", "esc")
        #expect(h.state.tasks.search == "")
    }

    @Test func sortCyclesColumnsAndOrdersRows() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2")
        h.state.tasks.project = h.store.project(named: "proj-alpha")!.id
        while h.state.tasks.sort != .tokens { h.press("s") }
        #expect(h.state.tasks.descending)
        #expect(h.line(containing: "TOKENS↓") != nil)
        // Among the root's subtasks, tokens go down.
        let rows = h.data.taskRows(h.state.tasks).filter { $0.depth == 1 }
        let tokens = rows.map { h.store.tasks[$0.task].tokens.total }
        #expect(tokens == tokens.sorted(by: >))
    }

    @Test func collapseHidesSubtasksAndExpandBringsThemBack() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2")
        h.state.tasks.project = h.store.project(named: "proj-alpha")!.id
        let before = h.data.taskRows(h.state.tasks)
        #expect(before.first?.hasChildren == true)
        h.press("h")
        #expect(h.data.taskRows(h.state.tasks).count == 1)
        #expect(h.text.contains("▸ "))
        h.press("l")
        #expect(h.data.taskRows(h.state.tasks).count == before.count)
        // On a leaf, h goes to the parent row.
        h.press("j", "j", "h")
        #expect(h.state.tasks.position.selected == 0)
    }

    @Test func tabsCycleAndNumberKeysJump() {
        let h = TUIHarness()
        h.press("tab")
        #expect(h.state.tab == .tasks)
        h.press("tab", "tab", "tab", "tab", "tab")
        #expect(h.state.tab == .overview)
        h.press("4")
        #expect(h.state.tab == .failures)
        h.press("esc")
        #expect(h.state.tab == .overview)
    }

    @Test func theModelsTabIsReachableByItsKeyAndByTab() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40, named: "agents-pydantic.otlp.jsonl")
        h.press("6")
        #expect(h.state.view == .models)
        #expect(h.text.contains("Models  3 models"))
        // The last tab: `tab` from Forward lands on it, and wraps round to the overview.
        h.press("5", "tab")
        #expect(h.state.tab == .models)
        h.press("tab")
        #expect(h.state.tab == .overview)
        h.send(try #require(KeyBindings.action(for: .backTab, in: h.state.view)))
        #expect(h.state.tab == .models)
        // Rows move like any list; the dearest model is first.
        let first = try #require(h.screen.textLines.firstIndex { $0.hasPrefix("claude-haiku-4-5") })
        h.press("j")
        #expect(h.state.models.selected == 1)
        #expect(h.screen.textLines[first + 1].hasPrefix("gpt-4o-mini"))
        h.press("G")
        #expect(h.state.models.selected == 2)
        // A click on its title in the tab bar opens it too.
        h.press("1")
        let range = Layout.tabRanges()[Tab.models.rawValue]
        if let a = Layout.action(forClick: range.lowerBound + 1, y: 0, in: h.state) { h.send(a) }
        #expect(h.state.tab == .models)
    }

    @Test func mouseClickSelectsTabsAndRows() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        let workersTab = Layout.tabRanges()[Tab.workers.rawValue]
        if let a = Layout.action(forClick: workersTab.lowerBound + 1, y: 0, in: h.state) { h.send(a) }
        #expect(h.state.tab == .workers)
        if let a = Layout.action(forClick: 5, y: Layout.listTop + 2, in: h.state) { h.send(a) }
        #expect(h.state.workers.selected == 2)
        h.send(.scroll(3))
        #expect(h.state.workers.selected == 5)
    }

    @Test func replayKeysBecomeEffectsOnlyInReplay() throws {
        let h = try TUIHarness.fixture()
        #expect(h.press("space") == [.replay(.togglePause)])
        #expect(h.press("+") == [.replay(.faster)])
        #expect(h.press(".") == [.replay(.step)])
        let live = TUIHarness(mode: .live)
        #expect(live.press("space").isEmpty)
        #expect(live.text.contains("spantop replay"))
    }

    @Test func exportNamesTheTraceOnScreen() throws {
        let h = try TUIHarness.fixture()
        h.press("2", "enter")
        let effects = h.press("e")
        guard case .exportTrace(let id)? = effects.first else {
            Issue.record("no export effect: \(effects)")
            return
        }
        #expect(h.store.trace(id) != nil)
        #expect(h.press("q") == [.quit])
    }

    @Test func detailScrollsAndStopsAtTheEnd() throws {
        let h = try TUIHarness.fixture(width: 80, height: 24)
        h.press("4", "j", "enter", "enter")
        _ = h.screen
        let lines = h.data.detailLineCount(h.state)
        #expect(lines > Layout.listHeight(.detail, height: 24))
        h.press("G")
        _ = h.screen
        #expect(h.text.contains("of \(lines)"))
        h.press("j", "j")
        #expect(h.state.position(of: .detail).top == lines - Layout.listHeight(.detail, height: 24))
    }

    @Test func detailScrollingNeedsNoFrameDrawnFirst() throws {
        // Keys alone, never a render: reduce knows the page's length from the data.
        let h = try TUIHarness.fixture(width: 80, height: 24)
        h.press("4", "j", "enter", "enter", "G")
        let height = Layout.listHeight(.detail, height: 24)
        let top = h.state.position(of: .detail).top
        #expect(top > 0)
        #expect(h.text.contains("\(top + 1)–\(top + height) of \(top + height)"))
        // A narrower screen wraps into more lines; the end moves with it.
        h.send(.resize(width: 60, height: 24))
        h.press("G")
        #expect(h.state.position(of: .detail).top > top)
    }
}

extension AppState {
    var waterfallTarget: WaterfallTarget? {
        if case .waterfall(let t, _)? = drills.last { return t }
        return nil
    }
}
