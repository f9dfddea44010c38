import ArgumentParser
import SpanCore

/// `--budget-usd`, `--budget-tokens`: per-project limits.
struct BudgetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Alarm when a project's cost passes this many USD.",
            discussion:
                "The project's row turns to the alarm style and the terminal bell rings once; serve logs a line; "
                + "the report marks it \"over_budget\" and `spantop report` exits with status 3.",
            valueName: "usd"))
    var budgetUsd: Double?

    @Option(help: ArgumentHelp("Alarm when a project's tokens pass this many.", valueName: "tokens"))
    var budgetTokens: Int64?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Treat these findings like a budget alarm (repeatable).",
            discussion:
                "loops: an agent run called one tool 3 or more times with identical arguments, or sent the same "
                + "model request 3 or more times. `spantop report` then exits with status 3; serve logs one line "
                + "per loop.",
            valueName: "finding"))
    var failOn: [FailCondition] = []

    func validate() throws {
        if let usd = budgetUsd, !(usd.isFinite && usd >= 0) {
            throw ValidationError("--budget-usd must be a non-negative number of dollars")
        }
        if let tokens = budgetTokens, tokens < 0 { throw ValidationError("--budget-tokens must not be negative") }
    }

    var budget: Budget { Budget(usd: budgetUsd, tokens: budgetTokens) }

    var failsOnLoops: Bool { failOn.contains(.loops) }
}

/// A finding `--fail-on` turns into a failure.
enum FailCondition: String, ExpressibleByArgument, CaseIterable {
    case loops
}
