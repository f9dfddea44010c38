/// A parser for `.env` files as Eigent and the Langfuse SDKs write them (python-dotenv's
/// dialect, the parts people use).
///
/// `KEY=value` per line; an optional `export ` prefix; `#` starts a comment on its own line
/// or after whitespace in an unquoted value; single quotes are literal; double quotes allow
/// `\n`, `\t`, `\"` and `\\`. Lines that are not assignments are skipped (and reported), so a
/// stray line never stops the rest from loading.
public enum DotEnv {
    public struct Parsed: Sendable, Equatable {
        /// The assignments; a key assigned twice keeps the later value.
        public var values: [String: String] = [:]
        /// 1-based numbers of lines that were neither blank, comment nor assignment.
        public var badLines: [Int] = []
    }

    public static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        // Character.isNewline covers "\n", "\r" and "\r\n" (one Character in Swift).
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        {
            var line = trimmed(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") || line.hasPrefix("export\t") { line = trimmed(line.dropFirst(7)) }
            guard let equals = line.firstIndex(of: "="), case let key = trimmed(line[..<equals]), isValidKey(key)
            else {
                parsed.badLines.append(number + 1)
                continue
            }
            guard let value = parseValue(trimmed(line[line.index(after: equals)...])) else {
                parsed.badLines.append(number + 1)
                continue
            }
            parsed.values[String(key)] = value
        }
        return parsed
    }

    private static func parseValue(_ raw: Substring) -> String? {
        guard let first = raw.first else { return "" }
        if first == "'" {
            guard let close = raw.dropFirst().firstIndex(of: "'") else { return nil }
            return String(raw[raw.index(after: raw.startIndex)..<close])
        }
        if first == "\"" {
            var out = ""
            var escaped = false
            for c in raw.dropFirst() {
                if escaped {
                    switch c {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    default: out.append(c)
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    return out
                } else {
                    out.append(c)
                }
            }
            return nil  // unterminated
        }
        // Unquoted: a comment starts at a `#` that follows whitespace.
        var end = raw.endIndex
        var i = raw.startIndex
        while i < raw.endIndex {
            if raw[i] == "#", i > raw.startIndex, raw[raw.index(before: i)].isWhitespace {
                end = i
                break
            }
            i = raw.index(after: i)
        }
        return String(trimmed(raw[..<end]))
    }

    private static func isValidKey(_ key: Substring) -> Bool {
        guard let first = key.first, first == "_" || first.isLetter else { return false }
        return key.allSatisfy { $0 == "_" || $0 == "." || $0 == "-" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
