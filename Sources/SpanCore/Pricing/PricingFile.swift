/// Reads a user's price overrides: a small TOML file of the form
///
/// ```toml
/// [models."gpt-4o"]
/// input = 2.5         # USD per 1M input tokens (cached ones included unless priced below)
/// output = 10.0
/// cache_read = 1.25   # optional: USD per 1M input tokens read from the prompt cache
/// cache_write = 3.75  # optional: USD per 1M input tokens written to it
/// ```
public enum PricingFile {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> [String: ModelPrice] {
        var result: [String: ModelPrice] = [:]
        var current: String?
        var input: Double?
        var output: Double?
        var cacheRead: Double?
        var cacheWrite: Double?
        var sectionLine = 0

        func finish() throws(ParseError) {
            guard let model = current else { return }
            guard let input, let output else {
                throw ParseError(line: sectionLine, reason: "model \"\(model)\" needs both `input` and `output`")
            }
            result[model.lowercased()] = ModelPrice(
                input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite)
        }

        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            let line = stripComment(raw).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                try finish()
                guard line.hasSuffix("]") else { throw ParseError(line: lineNumber, reason: "unclosed section header") }
                let inner = line.dropFirst().dropLast().trimmingCharacters(in: " \t")
                guard inner.hasPrefix("models.") else {
                    throw ParseError(line: lineNumber, reason: "expected a [models.\"NAME\"] section, got [\(inner)]")
                }
                var name = String(inner.dropFirst("models.".count))
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                guard !name.isEmpty else { throw ParseError(line: lineNumber, reason: "empty model name") }
                current = name
                input = nil
                output = nil
                cacheRead = nil
                cacheWrite = nil
                sectionLine = lineNumber
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, reason: "expected `key = number`")
            }
            let key = line[..<eq].trimmingCharacters(in: " \t")
            let valueText = line[line.index(after: eq)...].trimmingCharacters(in: " \t").replacingOccurrences("_", "")
            guard current != nil else {
                throw ParseError(line: lineNumber, reason: "`\(key)` outside a [models.\"NAME\"] section")
            }
            guard let value = Double(valueText), value.isFinite, value >= 0 else {
                throw ParseError(line: lineNumber, reason: "`\(key)` must be a non-negative number, got `\(valueText)`")
            }
            switch key {
            case "input": input = value
            case "output": output = value
            case "cache_read": cacheRead = value
            case "cache_write": cacheWrite = value
            default:
                throw ParseError(
                    line: lineNumber,
                    reason: "unknown key `\(key)` (expected `input`, `output`, `cache_read` or `cache_write`)")
            }
        }
        try finish()
        return result
    }

    private static func stripComment(_ line: Substring) -> Substring {
        var inQuotes = false
        for i in line.indices {
            if line[i] == "\"" { inQuotes.toggle() }
            if line[i] == "#" && !inQuotes { return line[..<i] }
        }
        return line
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
