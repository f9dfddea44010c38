import ArgumentParser
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

    func makeStore() throws(CLIError) -> TraceStore {
        TraceStore(maxSpans: maxSpans, maxProjects: maxProjects, prices: try pricing.priceTable())
    }
}
