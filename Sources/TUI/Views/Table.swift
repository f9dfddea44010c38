/// A table column: a title, a width, and how readily it is dropped on narrow screens.
struct Column {
    var title: String
    var width: Int
    var alignRight = false
    /// Columns with lower priority are dropped first when the screen is too narrow.
    var priority = 100
    /// The one column that takes whatever width is left.
    var flexible = false
    /// Sized to its widest cell (told to `TableLayout`) rather than to the screen: `width` is
    /// what it keeps at most on narrow screens, and width it does not need goes to the others.
    var fitsContent = false
}

/// Columns placed across the screen width.
struct TableLayout {
    struct Placed {
        var index: Int
        var x: Int
        var width: Int
        var column: Column
    }

    var placed: [Placed]

    /// Drops the least important columns until the rest fit; a content-sized column then grows
    /// towards its widest cell, and the flexible column gets the remaining width.
    /// - Parameters:
    ///   - contentWidths: the widest cell of each `fitsContent` column, by column index.
    init(_ columns: [Column], width: Int, gap: Int = 1, contentWidths: [Int: Int] = [:]) {
        var widths = columns.map(\.width)
        var wanted = widths
        for (i, c) in columns.enumerated() where c.fitsContent {
            // Without cells (an empty table) it keeps its nominal width.
            wanted[i] = contentWidths[i].map { max(DisplayWidth.of(c.title), $0) } ?? c.width
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
            return Placed(index: i, x: x, width: w, column: columns[i])
        }
    }

    func drawHeader(_ screen: inout Screen, y: Int) {
        screen.fill(x: 0, y: y, width: screen.width, role: .header)
        for p in placed {
            screen.put(p.column.title, x: p.x, y: y, width: p.width, role: .header, alignRight: p.column.alignRight)
        }
    }

    /// Draws one row; `cell` is asked only for the columns on screen.
    func drawRow(_ screen: inout Screen, y: Int, cell: (Int) -> (String, Role)) {
        for p in placed {
            let (text, role) = cell(p.index)
            screen.put(text, x: p.x, y: y, width: p.width, role: role, alignRight: p.column.alignRight)
        }
    }
}
