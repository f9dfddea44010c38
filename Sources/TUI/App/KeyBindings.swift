/// One entry of a view's key table: the keys, what they do, and the words shown for them.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    /// Whether the footer hints list it (the `?` overlay lists everything).
    public var hint: Bool

    init(_ keys: [Key], _ action: Action, _ description: String, hint: Bool = false) {
        self.keys = keys
        self.action = action
        self.description = description
        self.hint = hint
    }
}

/// The key tables, one per view plus the global one. The footer and the help overlay are
/// generated from them, and a test checks that no view binds a key twice.
public enum KeyBindings {
    public static let global: [KeyBinding] = [
        KeyBinding([.char("q")], .quit, "quit", hint: true),
        KeyBinding([.char("?")], .toggleHelp, "help: every key", hint: true),
        KeyBinding([.tab], .nextTab, "next tab"),
        KeyBinding([.backTab], .previousTab, "previous tab"),
        KeyBinding([.char("1")], .showTab(.overview), "overview"),
        KeyBinding([.char("2")], .showTab(.tasks), "tasks"),
        KeyBinding([.char("3")], .showTab(.workers), "workers"),
        KeyBinding([.char("4")], .showTab(.failures), "failures"),
        KeyBinding([.char("5")], .showTab(.forwarding), "forwarding destinations"),
        KeyBinding([.char("6")], .showTab(.models), "models: calls, tokens and cost of each"),
        KeyBinding([.escape], .back, "back"),
        KeyBinding([.char(" ")], .replay(.togglePause), "replay: pause / resume"),
        KeyBinding([.char("+"), .char("=")], .replay(.faster), "replay: faster"),
        KeyBinding([.char("-")], .replay(.slower), "replay: slower"),
        KeyBinding([.char(".")], .replay(.step), "replay: one step (paused)"),
    ]

    static let listMoves: [KeyBinding] = [
        KeyBinding([.char("j"), .down], .moveDown, "down"),
        KeyBinding([.char("k"), .up], .moveUp, "up"),
        KeyBinding([.char("g"), .home], .top, "first row"),
        KeyBinding([.char("G"), .end], .bottom, "last row"),
        KeyBinding([.pageDown, .ctrl("d"), .ctrl("f")], .pageDown, "page down"),
        KeyBinding([.pageUp, .ctrl("u"), .ctrl("b")], .pageUp, "page up"),
    ]

    public static func table(for view: ViewID) -> [KeyBinding] {
        switch view {
        case .overview:
            return listMoves + [KeyBinding([.enter], .open, "open the project's tasks", hint: true)]
        case .tasks:
            return listMoves + [
                KeyBinding([.enter], .open, "waterfall of the task", hint: true),
                KeyBinding([.char("w")], .openTrace, "waterfall of the whole trace"),
                KeyBinding([.char("h"), .left], .collapse, "collapse / go to parent"),
                KeyBinding([.char("l"), .right], .expand, "expand"),
                KeyBinding([.char("s")], .cycleSort, "sort by next column", hint: true),
                KeyBinding([.char("S")], .reverseSort, "reverse the sort"),
                KeyBinding([.char("f")], .cycleFilter, "filter by status", hint: true),
                KeyBinding([.char("/")], .startSearch, "search id and description", hint: true),
                KeyBinding([.char("c")], .openTranscript, "conversation: what the agents said"),
                KeyBinding([.char("m")], .startContentSearch, "tasks whose conversations mention a text"),
            ]
        case .workers:
            return listMoves + [KeyBinding([.char("t")], .toggleTools, "tools ↔ workers and agents", hint: true)]
        case .forwarding, .models:
            return listMoves
        case .failures:
            return listMoves + [
                KeyBinding([.enter], .open, "open the task", hint: true),
                KeyBinding([.char("w")], .openTrace, "waterfall of the whole trace"),
                KeyBinding([.char("c")], .openTranscript, "conversation, at the failing call", hint: true),
            ]
        case .waterfall:
            return listMoves + [
                KeyBinding([.enter], .open, "span detail", hint: true),
                KeyBinding([.char("c")], .openTranscript, "conversation of the task"),
                KeyBinding([.char("w")], .openTrace, "whole trace"),
                KeyBinding([.char("e")], .exportTrace, "export the trace (OTLP JSON line)", hint: true),
            ]
        case .timeline:
            return listMoves + [
                KeyBinding([.enter], .open, "open the task", hint: true),
                KeyBinding([.char("v")], .toggleLanes, "a row per task / per worker", hint: true),
                KeyBinding([.char("w")], .openTrace, "waterfall of the whole trace"),
            ]
        case .transcript:
            return listMoves + [
                KeyBinding([.enter], .open, "unfold / fold long texts", hint: true),
                KeyBinding([.char("/")], .startSearch, "find a text", hint: true),
                KeyBinding([.char("n")], .nextMatch(forward: true), "next match"),
                KeyBinding([.char("N")], .nextMatch(forward: false), "previous match"),
            ]
        case .detail:
            return listMoves + [
                KeyBinding([.char("c")], .openTranscript, "this model call's conversation"),
                KeyBinding([.char("e")], .exportTrace, "export the trace (OTLP JSON line)", hint: true),
            ]
        }
    }

    /// The action a key means in `view`: the view's table first, then the global one.
    public static func action(for key: Key, in view: ViewID) -> Action? {
        for b in table(for: view) where b.keys.contains(key) { return b.action }
        for b in global where b.keys.contains(key) { return b.action }
        return nil
    }

    /// The action for a key while the search prompt is open.
    public static func promptAction(for key: Key) -> Action? {
        switch key {
        case .enter: return .promptCommit
        case .escape: return .promptCancel
        case .backspace: return .promptBackspace
        case .char(let c): return .promptInput(c)
        default: return nil
        }
    }
}
