import ArgumentParser
import Foundation
import SpanCore

/// Options shared by every command that fills a store.
struct StoreOptions: ParsableArguments {
    @Option(help: "Keep at most this many spans; the oldest finished traces are evicted beyond it.")
    var maxSpans: Int = 2_000_000

    @Option(
        help: ArgumentHelp(
            "Model prices (TOML, USD per 1M tokens) overriding the built-in table.",
            discussion:
                "Default: ~/.config/spantop/pricing.toml when it exists. Format: [models.\"gpt-4o\"] input = 2.5  output = 10",
            valueName: "file"))
    var pricing: String?

    func validate() throws {
        guard maxSpans > 0 else { throw ValidationError("--max-spans must be a positive number") }
    }

    /// The price table: defaults plus the user's file.
    func priceTable() throws -> PriceTable {
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

    func makeStore() throws -> TraceStore {
        TraceStore(maxSpans: maxSpans, prices: try priceTable())
    }
}

/// An error that ends the command with a message and exit status 2.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

extension ParsableCommand {
    /// Prints `error: …` to stderr and exits with status 2 (bad usage or unreadable input).
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("spantop: error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
