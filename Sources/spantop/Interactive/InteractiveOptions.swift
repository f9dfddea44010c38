import ArgumentParser
import Foundation
import SpanCore
import TUI
import Terminal

/// Options of every command that opens the TUI.
struct InteractiveOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Colour theme: default, light, high-contrast, mono, or a path to a .theme file.",
            discussion: "NO_COLOR in the environment always means mono.", valueName: "name|path"))
    var theme: String?

    @Flag(help: "Leave the mouse to the terminal (text selection) instead of clicking rows and tabs.")
    var noMouse = false

    /// What `prepare` found: the theme to draw with.
    struct TerminalSetup {
        var theme: Theme
        var useColor: Bool
    }

    /// Fails early, before receivers bind or files load, when there is no screen to draw on
    /// or the theme cannot be read.
    func prepare() throws -> TerminalSetup {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError(
                "no terminal: the TUI needs one. Use `spantop report FILE...` for a summary, "
                    + "or `spantop serve` to receive spans without a screen")
        }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw CLIError("TERM is not set to a terminal type that can draw a screen (try TERM=xterm-256color)")
        }
        let (theme, useColor) = try ThemeChoice.load(self.theme, environment: environment)
        return TerminalSetup(theme: theme, useColor: useColor)
    }

    /// Opens the terminal, runs the loop over `feed` until `q` or `stop`, and restores the
    /// terminal on the way out. Blocks: call it on the UI's own thread.
    /// - Parameters:
    ///   - notices: lines to show in the footer at start (e.g. forwarding left off).
    func run(
        _ screen: TerminalSetup, store: TraceStore, feed: SpanFeed, stop: StopFlag, budget: Budget = Budget(),
        notices: [String] = []
    ) throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(theme: screen.theme, useColor: screen.useColor, mouse: !noMouse)
        } catch {
            throw CLIError(error.description)
        }
        defer { terminal.end() }
        AppLoop(store: store, feed: feed, terminal: terminal, stop: stop, budget: budget, notices: notices).run()
    }
}
