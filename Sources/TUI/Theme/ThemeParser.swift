/// A theme file that cannot be used, with the line at fault.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

extension Theme {
    /// Parses a theme file:
    ///
    ///     [palette]
    ///     green = 114 10 2          # colour index at 256 / 16 / 8 colours
    ///     [roles]
    ///     statusCompleted = green
    ///     selection = black on cyan, bold
    ///
    /// A colour is a palette name or `default`; attributes are bold, dim, underline, reverse.
    /// Roles not named keep the monochrome look.
    public static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        var theme = Theme.monochrome
        theme.name = name
        var palette: [String: ThemeColor] = ["default": .terminalDefault]
        var section = ""
        let rolesByName = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.name, $0) })
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingSpaces } ?? ""
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ThemeError(line: lineNumber, reason: "unclosed section") }
                section = String(line.dropFirst().dropLast())
                guard section == "palette" || section == "roles" else {
                    throw ThemeError(line: lineNumber, reason: "unknown section [\(section)]")
                }
                continue
            }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingSpaces
            }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ThemeError(line: lineNumber, reason: "expected name = value")
            }
            switch section {
            case "palette":
                let numbers = parts[1].split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 3, numbers[0] < 256, numbers[1] < 16, numbers[2] < 8,
                    numbers.allSatisfy({ $0 >= -1 })
                else {
                    throw ThemeError(
                        line: lineNumber, reason: "a colour is three indexes: 256-colour 16-colour 8-colour")
                }
                palette[parts[0]] = ThemeColor(at256: numbers[0], at16: numbers[1], at8: numbers[2])
            case "roles":
                guard let role = rolesByName[parts[0]] else {
                    throw ThemeError(line: lineNumber, reason: "unknown role \(parts[0])")
                }
                theme[role] = try style(parts[1], palette: palette, line: lineNumber)
            default:
                throw ThemeError(line: lineNumber, reason: "entry outside [palette] or [roles]")
            }
        }
        return theme
    }

    private static func style(_ spec: String, palette: [String: ThemeColor], line: Int) throws(ThemeError) -> Style {
        var style = Style()
        let pieces = spec.split(separator: ",").map { $0.trimmingSpaces }
        func color(_ name: String) throws(ThemeError) -> ThemeColor {
            guard let c = palette[name] else { throw ThemeError(line: line, reason: "unknown colour \(name)") }
            return c
        }
        if let colors = pieces.first, !colors.isEmpty {
            let words = colors.split(separator: " ").map(String.init)
            if words.count == 3 && words[1] == "on" {
                style.foreground = try color(words[0])
                style.background = try color(words[2])
            } else if words.count == 1 {
                if !isAttribute(words[0]) { style.foreground = try color(words[0]) } else { apply(words[0], &style) }
            } else {
                throw ThemeError(line: line, reason: "expected `colour` or `colour on colour`")
            }
        }
        for attribute in pieces.dropFirst() {
            guard isAttribute(attribute) else { throw ThemeError(line: line, reason: "unknown attribute \(attribute)") }
            apply(attribute, &style)
        }
        return style
    }

    private static func isAttribute(_ s: String) -> Bool { ["bold", "dim", "underline", "reverse"].contains(s) }

    private static func apply(_ attribute: String, _ style: inout Style) {
        switch attribute {
        case "bold": style.bold = true
        case "dim": style.dim = true
        case "underline": style.underline = true
        default: style.reverse = true
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
