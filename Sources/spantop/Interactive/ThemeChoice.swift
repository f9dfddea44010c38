import Foundation
import SpantopThemes
import TUI

/// Picks the theme: `--theme NAME|PATH`, `NO_COLOR` meaning mono, the default otherwise.
enum ThemeChoice {
    static func load(_ requested: String?, environment: [String: String]) throws -> (theme: Theme, useColor: Bool) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return (try parse(BundledThemes.text(named: "mono"), name: "mono"), false)
        }
        let name = requested ?? "default"
        if BundledThemes.names.contains(name) {
            return (try parse(BundledThemes.text(named: name), name: name), name != "mono")
        }
        guard name.contains("/") || name.hasSuffix(".theme") else {
            throw CLIError(
                "unknown theme \"\(name)\": use one of \(BundledThemes.names.joined(separator: ", ")) or a path to a .theme file"
            )
        }
        guard let data = FileManager.default.contents(atPath: name) else {
            throw CLIError("cannot read theme file \(name)")
        }
        return (try parse(String(decoding: data, as: UTF8.self), name: name), true)
    }

    private static func parse(_ text: String?, name: String) throws -> Theme {
        // Bundled themes are compiled in, so nil is not expected; a colourless screen still beats failing.
        guard let text else { return Theme.monochrome }
        do {
            return try Theme.parse(text, name: name)
        } catch {
            throw CLIError("theme \(name): \(error.description)")
        }
    }
}
