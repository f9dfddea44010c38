/// A colour at three terminal depths: 256 colours, 16 colours and the 8 basic ones.
/// -1 is the terminal's default colour.
public struct ThemeColor: Equatable, Sendable {
    public var at256: Int
    public var at16: Int
    public var at8: Int

    public static let terminalDefault = ThemeColor(at256: -1, at16: -1, at8: -1)

    /// The colour index to use on a terminal reporting `colors` colours.
    public func index(forColors colors: Int) -> Int {
        if colors >= 256 { return at256 }
        if colors >= 16 { return at16 }
        return at8
    }
}

/// How one role looks.
public struct Style: Equatable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init() {}
}

/// A palette plus semantic roles: views name roles, the theme says how each looks.
public struct Theme: Equatable, Sendable {
    public var name: String
    public private(set) var styles: [Style]

    public init(name: String) {
        self.name = name
        styles = Array(repeating: Style(), count: Role.allCases.count)
    }

    public subscript(role: Role) -> Style {
        get { styles[Int(role.rawValue)] }
        set { styles[Int(role.rawValue)] = newValue }
    }

    /// Attributes only, no colour: used for NO_COLOR, terminals without colour, and as the
    /// fallback when no theme file can be read.
    public static var monochrome: Theme {
        var t = Theme(name: "mono")
        for role in [Role.title, .header, .tabActive, .statusFailed, .error, .footerKey] { t[role].bold = true }
        for role in [Role.selection, .statusLine] { t[role].reverse = true }
        for role in [Role.dim, .statusPending, .tabInactive] { t[role].dim = true }
        t[.match].underline = true
        t[.barError].bold = true
        return t
    }

    /// The same theme without colours (keeps bold, reverse and the like).
    public var withoutColors: Theme {
        var t = self
        for i in t.styles.indices {
            t.styles[i].foreground = .terminalDefault
            t.styles[i].background = .terminalDefault
        }
        // Colour was the only thing marking these; make sure they stay visible.
        for role in [Role.selection, .statusLine] where !t[role].reverse { t[role].reverse = true }
        return t
    }
}
