import ArgumentParser
import Foundation
import SpanCore

/// `--pricing FILE`: the user's price overrides on top of the generated table.
struct PricingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Model prices (TOML, USD per 1M tokens) overriding the built-in table.",
            discussion: """
                Default: ~/.config/spantop/pricing.toml when it exists. Format: \
                [models."gpt-4o"] input = 2.5  output = 10  cache_read = 1.25  cache_write = 3.125 \
                (cache prices optional; a name also covers the names that start with it).
                """,
            valueName: "file"))
    var pricing: String?

    /// The generated table plus the user's file.
    func priceTable() throws(CLIError) -> PriceTable {
        var table = PriceTable()
        let path: String
        if let pricing {
            path = pricing
        } else {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            path = home + "/.config/spantop/pricing.toml"
            guard FileManager.default.fileExists(atPath: path) else { return table }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read pricing file \(path)")
        }
        do {
            table.override(with: try PricingFile.parse(String(decoding: data, as: UTF8.self)))
        } catch {
            throw CLIError("\(path):\(error.description)")
        }
        return table
    }
}
