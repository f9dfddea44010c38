/// Playback speeds, in the order `+` and `-` step through them.
public enum ReplaySpeed: Int, CaseIterable, Sendable {
    case x1, x2, x5, x10, x100, max

    public var factor: Double? {
        switch self {
        case .x1: return 1
        case .x2: return 2
        case .x5: return 5
        case .x10: return 10
        case .x100: return 100
        case .max: return nil
        }
    }

    public var label: String {
        switch self {
        case .max: return "max"
        default: return "\(Int(factor!))×"
        }
    }

    /// Parses `1`, `2x`, `10×`, `max`.
    public init?(argument: String) {
        var s = argument.lowercased()
        if s != "max" && (s.hasSuffix("x") || s.hasSuffix("×")) { s.removeLast() }
        guard let match = Self.allCases.first(where: { $0 == .max ? s == "max" : s == String(Int($0.factor!)) }) else {
            return nil
        }
        self = match
    }

    public var faster: ReplaySpeed { ReplaySpeed(rawValue: min(rawValue + 1, Self.max.rawValue))! }
    public var slower: ReplaySpeed { ReplaySpeed(rawValue: Swift.max(rawValue - 1, 0))! }
}
