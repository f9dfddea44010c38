import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

@testable import TUI

/// A store, view data and app state driven the way the loop drives them: keys through the
/// binding tables and `reduce`, frames through `render`.
final class TUIHarness {
    let store: TraceStore
    let data: ViewData
    var state: AppState

    init(width: Int = 80, height: Int = 24, store: TraceStore = TraceStore(), mode: FeedStatus.Mode = .replay) {
        self.store = store
        data = ViewData(store: store)
        state = AppState(width: width, height: height, feed: FeedStatus(mode: mode))
        state.now = Timestamp(unixNanoseconds: 1_767_261_700_000_000_000)
    }

    /// A harness over the committed Eigent/GenAI/DSPy fixture.
    static func fixture(
        width: Int = 80, height: Int = 24, named name: String = "workforce.otlp.jsonl"
    ) throws -> TUIHarness {
        let h = TUIHarness(width: width, height: height)
        let loader = RecordingLoader(store: h.store) { Issue.record("fixture diagnostic: \($0)") }
        try loader.load(path: Fixtures.path(name))
        return h
    }

    @discardableResult
    func send(_ action: Action) -> [Effect] { reduce(&state, action, data: data) }

    /// Types keys as a user would: "j", "enter", "esc", "tab", "space", or single characters.
    @discardableResult
    func press(_ keys: String...) -> [Effect] {
        var effects: [Effect] = []
        for name in keys {
            let key = Self.key(named: name)
            let action =
                state.prompt != nil
                ? KeyBindings.promptAction(for: key) : KeyBindings.action(for: key, in: state.view)
            if let action { effects += send(action) }
        }
        return effects
    }

    static func key(named name: String) -> Key {
        switch name {
        case "enter": return .enter
        case "esc": return .escape
        case "tab": return .tab
        case "space": return .char(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "bksp": return .backspace
        default: return .char(Character(name))
        }
    }

    var screen: Screen { render(state, data: data) }
    var text: String { screen.textLines.joined(separator: "\n") }

    /// The row of the screen that contains `needle`.
    func line(containing needle: String) -> String? { screen.textLines.first { $0.contains(needle) } }
}
