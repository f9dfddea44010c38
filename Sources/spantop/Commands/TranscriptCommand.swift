import ArgumentParser
import Foundation
import Recordings
import SpanCore

struct TranscriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript",
        abstract:
            "The conversation of a task or trace: every message once, in order, tool calls joined to their results.",
        discussion: """
            --task takes an id from `spantop report --json` (a trace task's id is its trace id, a nested \
            agent run's is its span id); the task's run and the runs it called are shown, delegated runs \
            after the tool call that started them. --trace shows every run of a trace; --call one model \
            call alone (its whole input, the history as it was sent, and its answer). Message content \
            is read from OTel GenAI JSON attributes, OpenInference indexed attributes and Langfuse \
            input/output; tool spans give results and errors. Exit status: 0, or 2 when a file cannot be \
            read or the id is not in the files.
            """)

    @Argument(help: ArgumentHelp("Recorded span files.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The task whose conversation to show.", valueName: "id"))
    var task: String?

    @Option(help: ArgumentHelp("The trace whose conversation to show (32 hex digits).", valueName: "id"))
    var trace: String?

    @Option(help: ArgumentHelp("One model call (its span id, 16 hex digits).", valueName: "span-id"))
    var call: String?

    @Flag(help: "Print Transcript JSON (version 1, see docs/reference/transcript-json.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "Do not print skipped-line diagnostics.")
    var quiet = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if [task, trace, call].compactMap({ $0 }).count != 1 {
            throw ValidationError("give exactly one of --task ID, --trace ID or --call SPAN-ID")
        }
        if let call, SpanID(hex: call) == nil {
            throw ValidationError("--call takes a span id of 16 hex digits, not '\(call)'")
        }
        if let trace, TraceID(hex: trace) == nil {
            throw ValidationError("--trace takes a trace id of 32 hex digits, not '\(trace)'")
        }
    }

    func run() throws {
        let store = try storeOptions.makeStore()
        try RecordingFiles.load(files, into: store, quiet: quiet)
        let transcript: Transcript?
        if let task {
            let found = store.projects.lazy.compactMap { p in
                store.strings.lookup(task).flatMap { p.taskIndex[$0] }
            }.first
            guard let t = found else {
                throw CLIError(
                    "no task '\(task)' in \(files.joined(separator: ", ")) (spantop report --json lists them)")
            }
            transcript = store.transcript(ofTask: t)
        } else if let call, let span = SpanID(hex: call) {
            let owner = store.traceID(holding: span)
            transcript = owner.flatMap { store.transcript(ofCall: span, in: $0) }
            if owner != nil && transcript == nil { throw CLIError("span '\(call)' is not a model call") }
        } else {
            transcript = store.transcript(ofTrace: TraceID(hex: trace!)!)
        }
        guard let transcript else {
            let what = trace.map { "trace '\($0)'" } ?? call.map { "span '\($0)'" } ?? "task '\(task ?? "")'"
            throw CLIError("no \(what) in \(files.joined(separator: ", "))")
        }
        if json {
            FileHandle.standardOutput.write(Data(transcript.jsonBytes() + [0x0A]))
        } else {
            print(transcript.text(), terminator: "")
        }
    }
}
