/// What a cell means, not how it looks: themes map roles to colours and attributes.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal = 0
    case dim
    case title
    case header
    case tabActive
    case tabInactive
    case selection
    case statusPending
    case statusRunning
    case statusCompleted
    case statusFailed
    case error
    case warning
    case accent
    case costHigh
    case sparkline
    case bar
    case barError
    case footerKey
    case footerText
    case statusLine
    case match

    /// The name used in theme files.
    public var name: String {
        switch self {
        case .normal: return "normal"
        case .dim: return "dim"
        case .title: return "title"
        case .header: return "header"
        case .tabActive: return "tabActive"
        case .tabInactive: return "tabInactive"
        case .selection: return "selection"
        case .statusPending: return "statusPending"
        case .statusRunning: return "statusRunning"
        case .statusCompleted: return "statusCompleted"
        case .statusFailed: return "statusFailed"
        case .error: return "error"
        case .warning: return "warning"
        case .accent: return "accent"
        case .costHigh: return "costHigh"
        case .sparkline: return "sparkline"
        case .bar: return "bar"
        case .barError: return "barError"
        case .footerKey: return "footerKey"
        case .footerText: return "footerText"
        case .statusLine: return "statusLine"
        case .match: return "match"
        }
    }

    /// One letter per role for the snapshot tests' role layer.
    public var letter: Character {
        let letters: [Character] = Array(".dTHAaSprcfEWxCsbBKkLm")
        return letters[Int(rawValue)]
    }
}
