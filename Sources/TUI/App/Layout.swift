/// Where things go on screen. Render and the mouse mapping share it, so a click lands on
/// the row that was drawn there.
public enum Layout {
    /// Row 0 tabs, 1 totals, 2 context line, 3 column headers; the last two rows are the
    /// status line and the footer.
    public static let listTop = 4
    public static let detailTop = 3

    /// Columns the detail page wraps its text to (a margin each side).
    public static func detailTextWidth(_ width: Int) -> Int { width - 2 }

    /// Rows of the bottom pane of the failures screen (error text and log lines).
    public static func failurePaneHeight(_ height: Int) -> Int { max(4, (height - 6) / 3) }

    /// Visible list rows of a view at this terminal height.
    public static func listHeight(_ view: ViewID, height: Int) -> Int {
        switch view {
        case .detail, .transcript: return max(1, height - detailTop - 2)
        case .failures: return max(1, height - listTop - 2 - failurePaneHeight(height) - 1)
        default: return max(1, height - listTop - 2)
        }
    }

    /// The columns of each tab title on row 0, in `Tab` order.
    public static func tabRanges() -> [Range<Int>] {
        var x = 9  // after " spantop "
        var ranges: [Range<Int>] = []
        for tab in Tab.allCases {
            let w = DisplayWidth.of(tabLabel(tab))
            ranges.append(x..<x + w)
            x += w + 1
        }
        return ranges
    }

    public static func tabLabel(_ tab: Tab) -> String { " \(tab.rawValue + 1) \(tab.title) " }

    /// What a left click at (x, y) means.
    public static func action(forClick x: Int, y: Int, in state: AppState) -> Action? {
        if y == 0 {
            for (i, r) in tabRanges().enumerated() where r.contains(x) { return .showTab(Tab(rawValue: i)!) }
            return nil
        }
        let view = state.view
        if y == listTop - 1, view == .tasks {
            // A column's title sorts by it; only the task tree's columns have sorts.
            return TaskTreeView.table(width: state.width).column(atX: x)?.sort.map { .sort(by: $0) }
        }
        guard !view.isPage else { return nil }
        let row = y - listTop
        guard row >= 0, row < listHeight(view, height: state.height) else { return nil }
        return .select(row: state.position(of: view).top + row)
    }
}
