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

    @Option(
        help: ArgumentHelp(
            "Keep at most this many MB of message text (prompts, answers, messages).",
            discussion:
                "Beyond it the oldest traces' message text is dropped, whole traces at a time; their spans, tokens and costs stay, and their conversations say \"content dropped (budget)\".",
            valueName: "MB"))
    var maxContentMb: Int = 512

    @Flag(help: "Do not keep message text at all (privacy); tool calls, tokens and costs are still kept.")
    var noContent = false

    @OptionGroup var pricing: PricingOptions

    @OptionGroup var budgets: BudgetOptions

    func validate() throws {
        guard maxSpans > 0 else { throw ValidationError("--max-spans must be a positive number") }
        guard maxProjects >= 0 else { throw ValidationError("--max-projects must be 0 or more") }
        guard maxContentMb > 0 else { throw ValidationError("--max-content-mb must be a positive number") }
    }

    func makeStore() throws(CLIError) -> TraceStore {
        let store = TraceStore(maxSpans: maxSpans, maxProjects: maxProjects, prices: try pricing.priceTable())
        store.contentBudget = maxContentMb << 20
        store.keepsContent = !noContent
        return store
    }
}
