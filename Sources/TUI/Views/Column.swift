/// One column of a table as data: its title, width rule, how readily narrow screens drop it,
/// the sort it stands for, and what a row shows in it. A table is one list of these; its
/// header, rows, sort marker and header clicks all read that list, so a column is added in
/// one place.
///
/// `Row` is what one row's cells are drawn from; `Sort` is the table's sort key (`Never` for a
/// table that cannot be sorted).
struct Column<Row, Sort: Equatable & Sendable>: Sendable {
    var title: String
    var width: Int
    var alignRight = false
    /// Columns with lower priority are dropped first when the screen is too narrow.
    var priority = 100
    /// The one column that takes whatever width is left.
    var flexible = false
    /// Sized to its widest cell (over every row given to `TableLayout`) rather than to the
    /// screen: `width` is what it keeps at most on narrow screens, and width it does not need
    /// goes to the others.
    var fitsContent = false
    /// The sort this column shows: its title gets ↑ or ↓, and a click on the title picks it.
    var sort: Sort?
    /// The text of this column's cell in a row, and its role.
    var cell: @Sendable (Row) -> (String, Role)
    /// Drawn over the cell after the row is styled: for a cell that is more than one text in
    /// one role (the overview's status bar keeps its colours on an over-budget row).
    var overlay: (@Sendable (inout Screen, Row, _ x: Int, _ y: Int, _ width: Int) -> Void)?
}
