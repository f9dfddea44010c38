import SpanCore
import Testing

@testable import TUI

@Suite struct TableLayoutTests {
    /// NAME is sized to its cells (14 at most while the screen is short of room), TASK takes
    /// the spare width, N is the first to go.
    static let columns: [Column<String, Never>] = [
        Column(title: "NAME", width: 14, fitsContent: true) { name in (name, .normal) },
        Column(title: "TASK", width: 10, flexible: true) { _ in ("", .normal) },
        Column(title: "N", width: 3, priority: 10) { _ in ("", .normal) },
    ]
    /// `TableLayout`'s default space between two columns.
    static let gap = 1
    /// The three columns at their nominal widths, with the two gaps between them.
    static let nominal = 14 + 10 + 3 + 2 * gap

    /// Rows whose longest name is `width` columns wide.
    static func names(longest width: Int) -> [String] { ["ab", String(repeating: "x", count: width)] }

    @Test func aContentSizedColumnLeavesTheRestToTheFlexibleOne() {
        let t = TableLayout(Self.columns, width: 60, rows: Self.names(longest: 9))
        // NAME shrinks to its 9-column cells, N keeps its 3, TASK gets the rest but the gaps.
        #expect(t.placed.map(\.width) == [9, 60 - 9 - 3 - 2 * Self.gap, 3])
        // The last column ends at the screen's edge.
        #expect(t.placed.map(\.x) == [0, 9 + Self.gap, 60 - 3])
    }

    @Test func itNeverGrowsPastItsWidestCellNorBelowItsTitle() {
        // 40 + 10 + 3 and two gaps fit in 60: the whole name shows, past its nominal 14.
        let long = TableLayout(Self.columns, width: 60, rows: Self.names(longest: 40))
        #expect(long.placed[0].width == 40)
        // Names narrower than the title still leave room for the title.
        let short = TableLayout(Self.columns, width: 60, rows: Self.names(longest: 1))
        #expect(short.placed[0].width == "NAME".count)
    }

    @Test func onANarrowScreenItKeepsAtMostItsWidthAndShortNamesKeepColumns() {
        // Every column at its nominal width leaves 1 of 30 spare: the long name gets only that.
        let long = TableLayout(Self.columns, width: 30, rows: Self.names(longest: 40))
        let spare = 30 - Self.nominal
        #expect(spare == 1)
        #expect(long.placed.map(\.width) == [14 + spare, 10, 3])
        // Without rows NAME keeps its nominal 14, so all three need 29 of 22 columns: N, the only
        // one that may be dropped, goes (NAME and TASK stay, however narrow the screen)...
        #expect(TableLayout(Self.columns, width: 22).placed.map(\.column.title) == ["NAME", "TASK"])
        // ...but 5-column names need 5 + 10 + 3 + 2 gaps = 20: N stays and TASK takes the 2 left.
        let short = TableLayout(Self.columns, width: 22, rows: Self.names(longest: 5))
        #expect(short.placed.map(\.column.title) == ["NAME", "TASK", "N"])
        #expect(short.placed.map(\.width) == [5, 10 + (22 - 20), 3])
    }

    /// The workforce fixture's longest project id is as long as PROJECT's nominal 14; the agent
    /// fixture's are longer, and a wide screen has room for them.
    @Test(arguments: ["workforce.otlp.jsonl", "agents-pydantic.otlp.jsonl"])
    func overviewProjectColumnIsAsWideAsTheLongestName(_ fixture: String) throws {
        let h = try TUIHarness.fixture(width: 160, height: 30, named: fixture)
        let names = h.store.projects.map { h.store.string($0.id) }
        let longest = try #require(names.max { $0.count < $1.count })
        let header = try #require(h.line(containing: "PROJECT"))
        // PROJECT is padded to the longest name, then one gap before STATUS.
        let project = "PROJECT" + String(repeating: " ", count: longest.count + Self.gap - "PROJECT".count)
        #expect(header.hasPrefix(project + "STATUS"), "\(header)")
        #expect(h.line(containing: longest)?.hasPrefix(longest + " ") == true)
    }
}
