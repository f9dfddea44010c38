import ArgumentParser
import Foundation
import Recordings
import SpanCore

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two runs of a job: newly failing, fixed, slower, costlier tasks.",
        discussion: """
            BEFORE and AFTER are recordings, anything `spantop report` reads (OTLP JSON lines, flat \
            span lines, .gz, .pb); each may hold several projects. Projects pair in the order of \
            their first span (the earliest before with the earliest after, and so on); --pair sets \
            pairs explicitly and the rest pair by order among themselves. Tasks pair by description \
            (a repeated description in order of creation), else by position under paired parents; \
            the rest are added or removed.

            Tags per task: newly_failed, fixed, slower / faster (processing time at least 1.5x and \
            1 s apart), costlier / cheaper (cost at least 1.25x and $0.001 apart), more_attempts, \
            added, removed. The table lists what got worse first; --json lists every task.

            Exit status: 0 whenever the diff is printed, also when things got worse (read the tags \
            to gate a build on them); 2 when a file cannot be read; 64 on a usage error, such as a \
            malformed --pair or a project id the recording does not have.
            """)

    @Argument(help: ArgumentHelp("The earlier run's recording.", valueName: "before"))
    var before: String

    @Argument(help: ArgumentHelp("The later run's recording.", valueName: "after"))
    var after: String

    @Flag(help: "Print the diff as JSON (version 1: pairs, totals, tasks with change tags).")
    var json = false

    @Option(
        name: .customLong("pair"),
        help: ArgumentHelp(
            "Pair project BEFORE_ID of the first recording with AFTER_ID of the second (repeatable).",
            valueName: "before_id=after_id"),
        transform: DiffCommand.projectPair)
    var pairs: [RunDiff.ProjectPair] = []

    @Option(help: "At most this many tasks per section of the table (0: all).")
    var limit = 20

    @Flag(name: .shortAndLong, help: "Do not print skipped-line diagnostics.")
    var quiet = false

    @Option(help: "Keep at most this many spans of each recording; the oldest finished traces are evicted beyond it.")
    var maxSpans: Int = 2_000_000

    // Not `StoreOptions`: budgets mean nothing to a comparison.
    @OptionGroup var pricing: PricingOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        guard maxSpans > 0 else { throw ValidationError("--max-spans must be a positive number") }
    }

    /// `BEFORE_ID=AFTER_ID`, split at the first `=`; neither side may be empty.
    static func projectPair(_ text: String) throws -> RunDiff.ProjectPair {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex
        else {
            throw ValidationError("expected BEFORE_ID=AFTER_ID")
        }
        return RunDiff.ProjectPair(before: String(text[..<eq]), after: String(text[text.index(after: eq)...]))
    }

    func run() throws {
        let prices = try pricing.priceTable()
        let beforeStore = try load(before, prices)
        let afterStore = try load(after, prices)
        let diff: RunDiff
        do {
            diff = try RunDiff(before: beforeStore, after: afterStore, pairs: pairs)
        } catch {
            // A usage error found only once the files are read: the same status as one found
            // by the parser, without the top-level usage a late ValidationError would print.
            FileHandle.standardError.write(
                Data("spantop: error: --pair: \(error.description) (see 'spantop diff --help')\n".utf8))
            throw ExitCode.validationFailure
        }
        if json {
            FileHandle.standardOutput.write(Data(diff.jsonBytes() + [0x0A]))
        } else {
            print(diff.table(limit: limit), terminator: "")
        }
    }

    /// One recording in its own store, as `spantop report` loads it.
    private func load(_ path: String, _ prices: PriceTable) throws(CLIError) -> TraceStore {
        let store = TraceStore(maxSpans: maxSpans, prices: prices)
        try RecordingFiles.load([path], into: store, quiet: quiet, label: path)
        return store
    }
}
