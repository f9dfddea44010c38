import SpanCore
import Testing

@testable import TUI

@Suite struct ScreenTests {
    @Test func wideCharactersTakeTwoColumnsAndKeepAlignment() {
        var s = Screen(width: 12, height: 2)
        s.put("数据ab", x: 0, y: 0, width: 6, role: .normal)
        s.put("|", x: 6, y: 0)
        s.put("abcdef", x: 0, y: 1, width: 6, role: .normal)
        s.put("|", x: 6, y: 1)
        #expect(s.textLines[0].hasPrefix("数据ab|"))
        #expect(s.textLines[1].hasPrefix("abcdef|"))
        #expect(DisplayWidth.of("🚀ok") == 4)
    }

    @Test func wideCharacterCutAtTheEdgeBecomesASpace() {
        var s = Screen(width: 5, height: 1)
        s.put("ab数据", x: 0, y: 0, role: .normal, limit: 3)
        #expect(s.textLines[0] == "ab   ")
    }

    @Test func controlCharactersAndEscapesNeverReachCells() {
        var s = Screen(width: 30, height: 1)
        s.put("ok\u{1B}[31mred\u{07}\u{202E}x", x: 0, y: 0)
        let scalars = s.cells.map(\.scalar.value)
        #expect(!scalars.contains(0x1B))
        #expect(!scalars.contains(0x07))
        #expect(!scalars.contains(0x202E))
        #expect(s.textLines[0].hasPrefix("ok�[31mred��x"))
    }

    @Test func diffRedrawsOnlyChangedCells() {
        var a = Screen(width: 20, height: 3)
        a.put("hello world", x: 0, y: 1)
        #expect(a.changes(since: nil).count == 3)
        var b = a
        b.put("W", x: 6, y: 1)
        let runs = b.changes(since: a)
        #expect(runs == [CellRun(x: 6, y: 1, role: .normal, scalars: ["W"])])
        var c = b
        c.paint(y: 2, role: .selection)
        #expect(c.changes(since: b).count == 1)
        #expect(c.changes(since: c).isEmpty)
    }

    @Test func diffKeepsWideCharactersWhole() {
        var a = Screen(width: 10, height: 1)
        a.put("ab", x: 0, y: 0)
        var b = a
        b.put("数", x: 1, y: 0)
        let runs = b.changes(since: a)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1 && runs[0].scalars == ["数"])
    }

    @Test func fitCutsWithAnEllipsis() {
        #expect(Text.fit("abcdef", 4) == "abc…")
        #expect(Text.fit("数据数据", 5) == "数据…")
        #expect(Text.fit("abc", 4) == "abc")
    }
}
