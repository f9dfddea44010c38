extension Screen {
    /// The text layer, one line per row, trailing spaces kept so columns stay visible.
    public var textLines: [String] {
        (0..<height).map { y in
            var line = String.UnicodeScalarView()
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].scalar) }
            return String(line)
        }
    }

    /// The role layer: one letter per cell (see `Role.letter`).
    public var roleLines: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y].role.letter }) }
    }

    /// Whether `text` appears anywhere on screen.
    public func contains(_ text: String) -> Bool { textLines.contains { $0.contains(text) } }
}
