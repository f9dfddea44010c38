import SpanCore

/// A frame as a value: a grid of cells with roles. Views draw into it; the terminal copies
/// only the cells that differ from the previous frame.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` on row `y`, clipped to `limit` columns (to the right edge
    /// when nil). Control characters become `�`; a wide character that would straddle the
    /// limit becomes a space. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var col = x
        for s in text.unicodeScalars {
            if col >= end { break }
            var scalar = s
            var w: Int
            if let known = DisplayWidth.of(s) {
                w = known
            } else {
                scalar = "\u{FFFD}"
                w = 1
            }
            if w == 0 { continue }
            if col + w > end {
                if col >= 0 { self[col, y] = Cell(" ", role: role) }
                col += 1
                break
            }
            if col >= 0 {
                clearWide(at: col, y)
                self[col, y] = Cell(scalar, role: role)
                if w == 2 {
                    clearWide(at: col + 1, y)
                    self[col + 1, y] = Cell(" ", role: role, isContinuation: true)
                }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Writes `text` padded with spaces (or truncated with `…`) to exactly `width` columns.
    public mutating func put(_ text: String, x: Int, y: Int, width columns: Int, role: Role, alignRight: Bool = false) {
        guard columns > 0 else { return }
        let fitted = Text.fit(text, columns)
        let w = DisplayWidth.of(fitted)
        fill(x: x, y: y, width: columns, role: role)
        put(fitted, x: alignRight ? x + columns - w : x, y: y, role: role, limit: columns)
    }

    /// Fills a span of a row with blanks in `role`.
    public mutating func fill(x: Int, y: Int, width columns: Int, role: Role) {
        guard y >= 0, y < height else { return }
        let from = max(0, x)
        let to = min(width, x + columns)
        guard from < to else { return }
        clearWide(at: from, y)
        clearWide(at: to - 1, y)
        for c in from..<to { self[c, y] = Cell(" ", role: role) }
    }

    /// Changes the role of a span of a row without touching its text (selection highlight).
    public mutating func paint(y: Int, x: Int = 0, width columns: Int? = nil, role: Role) {
        guard y >= 0, y < height else { return }
        let to = min(width, x + (columns ?? width))
        for c in max(0, x)..<max(max(0, x), to) { self[c, y].role = role }
    }

    /// Overwriting half of a wide character blanks its other half, so nothing is left dangling.
    private mutating func clearWide(at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        } else if x + 1 < width, self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
        }
    }
}
