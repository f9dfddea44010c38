import SpanCore
import Testing

@testable import TUI

@Suite struct WorkersViewTests {
    /// Every workers column at its nominal width, with a gap between each two.
    static let allColumnsWidth = WorkersView.columns.reduce(0) { $0 + $1.width } + WorkersView.columns.count - 1

    @Test func costPerTaskIsTheKnownCostOverTheTasksWithOne() throws {
        let h = try TUIHarness.fixture(width: 140, height: 30)
        h.press("3")
        assertSnapshot(h.screen, named: "workers-cost-per-task-140x30")
        let header = try #require(h.line(containing: "COST/TASK"))
        // Right-aligned: a cell ends where the title ends (the text before it is one column a character).
        let end = header.distance(from: header.startIndex, to: try #require(header.range(of: "COST/TASK")).upperBound)
        for id in h.data.workerRows() {
            let priced = h.store.tasks.filter { $0.workerID == id && $0.cost != nil }
            let expected =
                priced.isEmpty
                ? "—"
                : Format.cost(
                    priced.reduce(0) { $0 + $1.cost! } / Double(priced.count),
                    estimate: priced.contains(where: \.costIsEstimate))
            let name = String(h.data.workerName(id).prefix(20))
            let row = try #require(h.line(containing: name), "\(name)")
            let cell = String(Array(row)[(end - 9)..<end]).trimmingCharacters(in: .whitespaces)
            #expect(cell == expected, "\(name): \(row)")
        }
        // developer_agent's two tasks cost ~$0.0044 together.
        #expect(h.line(containing: "developer_agent")?.contains("~$0.0022") == true)
    }

    @Test func narrowScreensDropCostPerTaskFirst() {
        let all = WorkersView.columns.map(\.title)
        #expect(TableLayout(WorkersView.columns, width: Self.allColumnsWidth).placed.map(\.column.title) == all)
        // One column short of room: COST/TASK, the lowest priority, is the one to go.
        let short = TableLayout(WorkersView.columns, width: Self.allColumnsWidth - 1).placed.map(\.column.title)
        #expect(short == all.filter { $0 != "COST/TASK" })
    }
}
