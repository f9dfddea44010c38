/// A key press as the app sees it, independent of curses.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace
    case up, down, left, right, pageUp, pageDown, home, end
    case ctrl(Character)

    /// How the key is written in the footer and the help overlay.
    public var label: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "S-tab"
        case .backspace: return "bksp"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .ctrl(let c): return "^" + String(c).uppercased()
        }
    }
}

/// Everything that can reach the app loop from the terminal.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case click(x: Int, y: Int)
    case wheel(x: Int, y: Int, delta: Int)
    case resize(width: Int, height: Int)
}
