/// A table's columns placed across the screen width, and the drawing of its header and rows.
struct TableLayout<Row, Sort: Equatable & Sendable> {
    struct Placed {
        var x: Int
        var width: Int
        var column: Column<Row, Sort>
    }

    var placed: [Placed]

    /// Drops the least important columns until the rest fit; a content-sized column then grows
    /// towards its widest cell, and the flexible column gets the remaining width.
    /// - Parameters:
    ///   - rows: every row of the table, not just the visible ones, so that `fitsContent`
    ///     columns keep their width while scrolling; only those columns read them.
    init(_ columns: [Column<Row, Sort>], width: Int, gap: Int = 1, rows: some Collection<Row>) {
        var widths = columns.map(\.width)
        var wanted = widths
        for (i, c) in columns.enumerated() where c.fitsContent {
            // Without cells (an empty table) it keeps its nominal width.
            let widest = rows.lazy.map { DisplayWidth.of(c.cell($0).0) }.max()
            wanted[i] = widest.map { max(DisplayWidth.of(c.title), $0) } ?? c.width
            widths[i] = min(c.width, wanted[i])
        }
        var kept = Array(columns.indices)
        func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(0, kept.count - 1) }
        while total() > width,
            let drop = kept.filter({ !columns[$0].flexible && !columns[$0].fitsContent }).min(by: {
                (columns[$0].priority, -$0) < (columns[$1].priority, -$1)
            })
        {
            kept.removeAll { $0 == drop }
        }
        var spare = max(0, width - total())
        for i in kept where columns[i].fitsContent {
            let grow = min(spare, wanted[i] - widths[i])
            widths[i] += grow
            spare -= grow
        }
        var x = 0
        placed = kept.map { i in
            let w = widths[i] + (columns[i].flexible ? spare : 0)
            defer { x += w + gap }
            return Placed(x: x, width: w, column: columns[i])
        }
    }

    /// A table whose columns are all sized by rule, not by their cells.
    init(_ columns: [Column<Row, Sort>], width: Int, gap: Int = 1) {
        self.init(columns, width: width, gap: gap, rows: EmptyCollection())
    }

    /// The titles; the column of the current sort gets ↑ or ↓.
    func drawHeader(_ screen: inout Screen, y: Int, sort: Sort? = nil, descending: Bool = false) {
        screen.fill(x: 0, y: y, width: screen.width, role: .header)
        for p in placed {
            var title = p.column.title
            if let sort, p.column.sort == sort { title += descending ? "↓" : "↑" }
            screen.put(title, x: p.x, y: y, width: p.width, role: .header, alignRight: p.column.alignRight)
        }
    }

    /// Draws one row; only the columns on screen are asked for their cells.
    func drawRow(_ screen: inout Screen, y: Int, _ row: Row) {
        // By index: `for p in placed` would copy each column, closures and all, per cell.
        for i in placed.indices {
            let (text, role) = placed[i].column.cell(row)
            screen.put(
                text, x: placed[i].x, y: y, width: placed[i].width, role: role, alignRight: placed[i].column.alignRight)
        }
    }

    /// Draws the rows of a list visible from `position.top` below the header, the selected one
    /// highlighted; `cells` makes a row's cells from its item, `styled` paints a row before the
    /// selection does.
    func drawList<Item>(
        _ screen: inout Screen, _ items: [Item], at position: ListPosition, view: ViewID, cells: (Item) -> Row,
        styled: (inout Screen, Int, Row) -> Void = { _, _, _ in }
    ) {
        let height = Layout.listHeight(view, height: screen.height)
        for line in 0..<height where position.top + line < items.count {
            let y = Layout.listTop + line
            let row = cells(items[position.top + line])
            drawRow(&screen, y: y, row)
            styled(&screen, y, row)
            if position.top + line == position.selected { screen.paint(y: y, role: .selection) }
        }
    }

    /// Draws the overlays of the columns on screen that have one, once the row is styled.
    func drawOverlays(_ screen: inout Screen, y: Int, _ row: Row) {
        for i in placed.indices { placed[i].column.overlay?(&screen, row, placed[i].x, y, placed[i].width) }
    }

    /// The column drawn at `x`, if any (not the gaps between columns).
    func column(atX x: Int) -> Column<Row, Sort>? {
        placed.first { $0.x <= x && x < $0.x + $0.width }?.column
    }
}
