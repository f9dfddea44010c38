import Foundation
import SpantopThemes
import Testing

@testable import TUI

@Suite struct ThemeTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemeParsesAndStylesEveryRole(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name + ".theme"), encoding: .utf8)
        let theme = try Theme.parse(text, name: name)
        // Each file names every role, so none silently falls back.
        for role in Role.allCases { #expect(text.contains("\n" + role.name + " "), "\(name) lacks \(role.name)") }
        // The selected row must stand out from a plain row.
        #expect(theme[.selection] != theme[.normal])
        if name == "mono" {
            #expect(theme.styles.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        }
    }

    /// The binary carries the theme files in its code; they must be the files in `themes/`.
    @Test func embeddedThemesAreTheShippedFiles() throws {
        #expect(BundledThemes.names == ["default", "light", "high-contrast", "mono"])
        for name in BundledThemes.names {
            let file = try String(contentsOf: Self.directory.appendingPathComponent(name + ".theme"), encoding: .utf8)
            #expect(BundledThemes.text(named: name) == file, "\(name)")
        }
        #expect(BundledThemes.text(named: "nope") == nil)
    }

    @Test func coloursFallBackByWhatTheTerminalReports() throws {
        let theme = try Theme.parse("[palette]\nred = 203 9 1\n[roles]\nstatusFailed = red, bold\n", name: "t")
        let c = theme[.statusFailed].foreground
        #expect(c.index(forColors: 256) == 203)
        #expect(c.index(forColors: 16) == 9)
        #expect(c.index(forColors: 8) == 1)
        #expect(theme[.statusFailed].bold)
        #expect(theme.withoutColors[.statusFailed].foreground == .terminalDefault)
        #expect(theme.withoutColors[.selection].reverse)
    }

    @Test func badThemeFilesSayWhichLine() {
        #expect(throws: ThemeError.self) { try Theme.parse("[roles]\nnope = red\n", name: "x") }
        do {
            _ = try Theme.parse("[palette]\nred = 1 2\n", name: "x")
            Issue.record("accepted a colour with two indexes")
        } catch {
            #expect(error.line == 2)
        }
        #expect(throws: ThemeError.self) { try Theme.parse("[roles]\nnormal = purple\n", name: "x") }
    }
}
