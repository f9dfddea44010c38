import Testing

@testable import TUI

@Suite struct KeyBindingTests {
    @Test(arguments: ViewID.allCases)
    func noViewBindsAKeyTwice(_ view: ViewID) {
        var seen: [Key: String] = [:]
        for b in KeyBindings.table(for: view) + KeyBindings.global {
            for k in b.keys {
                #expect(seen[k] == nil, "\(view): \(k.label) is bound to both \(seen[k] ?? "") and \(b.description)")
                seen[k] = b.description
            }
        }
    }

    @Test func helpListsEveryBindingOfTheView() throws {
        let h = try TUIHarness.fixture(width: 120, height: 40)
        h.press("2", "?")
        for b in KeyBindings.table(for: .tasks) { #expect(h.text.contains(b.description)) }
        h.press("?")
        #expect(!h.state.showHelp)
    }
}
