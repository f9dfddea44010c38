/// Breaks text into lines of at most `width` display columns, at spaces where it can.
enum Wrap {
    static func lines(_ text: String, width: Int, limit: Int = 200) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String.UnicodeScalarView()
            var lineWidth = 0
            var lastSpace: String.UnicodeScalarView.Index?
            for u in paragraph.unicodeScalars {
                let w = DisplayWidth.of(u) ?? 1
                if lineWidth + w > width {
                    if let cut = lastSpace {
                        out.append(String(line[..<cut]))
                        line = String.UnicodeScalarView(line[line.index(after: cut)...])
                    } else {
                        out.append(String(line))
                        line = String.UnicodeScalarView()
                    }
                    lineWidth = line.reduce(0) { $0 + (DisplayWidth.of($1) ?? 1) }
                    lastSpace = nil
                    if out.count >= limit { return out + ["…"] }
                }
                if u == " " { lastSpace = line.endIndex }
                line.append(u)
                lineWidth += w
            }
            out.append(String(line))
        }
        return out
    }
}
