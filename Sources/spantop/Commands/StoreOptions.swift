import ArgumentParser
import Foundation
import SpanCore

/// Options shared by every command that fills a store.
struct StoreOptions: ParsableArguments {
    @Option(help: "Keep at most this many spans; the oldest finished traces are evicted beyond it.")
    var maxSpans: Int = 2_000_000

    @Option(
        help: ArgumentHelp(
            "Keep totals for at most this many projects whose tasks were all evicted.",
            discussion: "Beyond it the summaries seen longest ago are dropped (and counted in the report)."))
    var maxProjects: Int = 1000

    @OptionGroup var pricing: PricingOptions

    @OptionGroup var budgets: BudgetOptions

    func validate() throws {
        guard maxSpans > 0 else { throw ValidationError("--max-spans must be a positive number") }
        guard maxProjects >= 0 else { throw ValidationError("--max-projects must be 0 or more") }
    }

    func makeStore() throws -> TraceStore {
        TraceStore(maxSpans: maxSpans, maxProjects: maxProjects, prices: try pricing.priceTable())
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
