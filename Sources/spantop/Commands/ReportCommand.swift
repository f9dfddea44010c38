import ArgumentParser
import Foundation
import Recordings
import SpanCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise recorded spans: tasks by status, tokens, cost, quality, slowest and failed tasks.",
        discussion: """
            FILE may be OTLP JSON lines (what --record and the OpenTelemetry file exporters write), \
            flat span lines, both mixed, gzip-compressed (.gz), or a raw OTLP protobuf request (.pb). \
            Bad lines are reported as file:line: reason on stderr and skipped; the rest is still loaded. \
            Exit status: 0 on success, 2 when a file cannot be read, 3 when a project is over \
            --budget-usd or --budget-tokens, or has a loop under --fail-on loops.
            """)

    @Argument(help: ArgumentHelp("Recorded span files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print the report as JSON (version 1, see docs/reference/report-json.md).")
    var json = false

    @Flag(help: "List failed tasks with their errors and related log.message lines.")
    var failed = false

    @Flag(name: .shortAndLong, help: "Do not print skipped-line diagnostics.")
    var quiet = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if json && failed { throw ValidationError("--json and --failed cannot be combined") }
    }

    func run() throws {
        let store = try storeOptions.makeStore()
        try RecordingFiles.load(files, into: store, quiet: quiet)
        let report = Report(store, budget: storeOptions.budgets.budget)
        if json {
            FileHandle.standardOutput.write(Data(report.jsonBytes() + [0x0A]))
        } else if failed {
            print(report.failures(), terminator: "")
        } else {
            print(report.table(), terminator: "")
        }
        // A CI gate: the report is printed either way.
        if report.projects.contains(where: \.overBudget) { throw ExitCode(3) }
        if storeOptions.budgets.failsOnLoops && report.projects.contains(where: { !$0.loops.isEmpty }) {
            throw ExitCode(3)
        }
    }
}
