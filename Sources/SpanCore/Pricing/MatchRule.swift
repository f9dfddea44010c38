/// A rule that decides whether a model or provider name matches a price entry: the clauses of
/// genai-prices' data (equals, starts-with, ends-with, contains, regex, any-of, all-of).
/// Names are compared lowercased, as the data is.
public indirect enum MatchRule: Sendable, CustomStringConvertible {
    case equals(String)
    case startsWith(String)
    case endsWith(String)
    case contains(String)
    case regex(CompiledPattern)
    case anyOf([MatchRule])
    case allOf([MatchRule])

    /// Whether `name` (already lowercased) matches.
    public func matches(_ name: String) -> Bool {
        switch self {
        case .equals(let s): return name == s
        case .startsWith(let s): return name.hasPrefix(s)
        case .endsWith(let s): return name.hasSuffix(s)
        case .contains(let s): return name.contains(s)
        case .regex(let p): return p.matches(name)
        case .anyOf(let rules): return rules.contains { $0.matches(name) }
        case .allOf(let rules): return rules.allSatisfy { $0.matches(name) }
        }
    }

    /// The part of the rule that `name` satisfied, e.g. `starts with "gpt-4o"`: what
    /// `spantop prices` shows as the reason a price applies.
    public func explain(_ name: String) -> String? {
        switch self {
        case .anyOf(let rules): return rules.lazy.compactMap { $0.explain(name) }.first
        case .allOf(let rules):
            let parts = rules.compactMap { $0.explain(name) }
            return parts.count == rules.count ? parts.joined(separator: " and ") : nil
        default: return matches(name) ? description : nil
        }
    }

    public var description: String {
        switch self {
        case .equals(let s): return "equals \"\(s)\""
        case .startsWith(let s): return "starts with \"\(s)\""
        case .endsWith(let s): return "ends with \"\(s)\""
        case .contains(let s): return "contains \"\(s)\""
        case .regex(let p): return "matches /\(p.pattern)/"
        case .anyOf(let rules): return rules.map(\.description).joined(separator: " or ")
        case .allOf(let rules): return rules.map(\.description).joined(separator: " and ")
        }
    }
}

/// A regular expression from the price data, compiled once. Searched anywhere in the name,
/// as Python's `re.search` does; a pattern Swift cannot compile never matches.
public final class CompiledPattern: @unchecked Sendable {
    // Regex is immutable once built; @unchecked because it is not declared Sendable.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>?

    public init(_ pattern: String) {
        self.pattern = pattern
        regex = try? Regex(pattern)
    }

    public var compiled: Bool { regex != nil }

    func matches(_ name: String) -> Bool {
        guard let regex else { return false }
        return (try? regex.firstMatch(in: name)) != nil
    }
}
