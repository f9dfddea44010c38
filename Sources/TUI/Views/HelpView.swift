/// The `?` overlay: the current view's keys and the global ones, straight from the tables.
enum HelpView {
    static func draw(_ s: inout Screen, _ state: AppState) {
        var lines: [(String, Role)] = [("Keys — \(state.view.rawValue)", .title)]
        func add(_ bindings: [KeyBinding]) {
            for b in bindings {
                let keys = b.keys.map(\.label).joined(separator: " ")
                lines.append((pad(keys, 14) + b.description, .normal))
            }
        }
        add(KeyBindings.table(for: state.view))
        lines.append(("", .normal))
        lines.append(("Everywhere", .title))
        add(KeyBindings.global)
        lines.append(("", .normal))
        lines.append(("Mouse: click a tab or a row; the wheel scrolls.  esc or ? closes.", .dim))

        let width = min(s.width - 4, max(50, lines.map { DisplayWidth.of($0.0) }.max() ?? 0) + 4)
        let height = min(s.height - 2, lines.count + 2)
        let x = (s.width - width) / 2
        let y = max(1, (s.height - height) / 2)
        for row in 0..<height { s.fill(x: x, y: y + row, width: width, role: .statusLine) }
        for (i, (text, role)) in lines.prefix(height - 2).enumerated() {
            s.put(text, x: x + 2, y: y + 1 + i, role: role == .normal ? .statusLine : role, limit: width - 4)
        }
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s + String(repeating: " ", count: max(1, n - DisplayWidth.of(s)))
    }
}
