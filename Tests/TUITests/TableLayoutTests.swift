import SpanCore
import Testing

@testable import TUI

@Suite struct TableLayoutTests {
    static let columns = [
        Column(title: "NAME", width: 14, fitsContent: true),
        Column(title: "TASK", width: 10, flexible: true),
        Column(title: "N", width: 3, priority: 10),
    ]

    @Test func aContentSizedColumnLeavesTheRestToTheFlexibleOne() {
        let t = TableLayout(Self.columns, width: 60, contentWidths: [0: 9])
        #expect(t.placed.map(\.width) == [9, 60 - 9 - 3 - 2, 3])
    }

    @Test func itNeverGrowsPastItsWidestCellNorBelowItsTitle() {
        let long = TableLayout(Self.columns, width: 60, contentWidths: [0: 40])
        #expect(long.placed[0].width == 40)
        let short = TableLayout(Self.columns, width: 60, contentWidths: [0: 1])
        #expect(short.placed[0].width == 4, "as wide as NAME")
    }

    @Test func onANarrowScreenItKeepsAtMostItsWidthAndShortNamesKeepColumns() {
        // 14 + 10 + 3 and two gaps leave 1 of 30 spare: the long name gets only that.
        let long = TableLayout(Self.columns, width: 30, contentWidths: [0: 40])
        #expect(long.placed.map(\.width) == [15, 10, 3])
        // Without cells it keeps its nominal 14, and N no longer fits 22 columns...
        #expect(TableLayout(Self.columns, width: 22).placed.map(\.index) == [0, 1])
        // ...but a short name leaves room for it.
        let short = TableLayout(Self.columns, width: 22, contentWidths: [0: 5])
        #expect(short.placed.map(\.index) == [0, 1, 2])
        #expect(short.placed.map(\.width) == [5, 12, 3])
    }

    @Test func overviewProjectColumnIsAsWideAsTheLongestName() throws {
        let h = try TUIHarness.fixture(width: 160, height: 30)
        let header = try #require(h.line(containing: "PROJECT"))
        // "dspy-session-1" is the longest of the fixture's project ids: 14 columns, then a gap.
        #expect(header.hasPrefix("PROJECT        STATUS"), "\(header)")
        #expect(h.line(containing: "dspy-session-1")?.hasPrefix("dspy-session-1 ") == true)
    }
}
