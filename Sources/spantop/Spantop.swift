import ArgumentParser
import Foundation

@main
struct Spantop: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "spantop",
        abstract: "A terminal trace explorer for LLM-agent workforces (CAMEL/Eigent, AutoGen, DSPy).",
        discussion: """
            spantop receives OpenTelemetry spans (OTLP/gRPC on 127.0.0.1:4317, OTLP/HTTP on \
            127.0.0.1:4318) or reads recordings, organises them by project and task, and shows \
            task status, queue and processing times, tokens, cost and quality — live in the \
            terminal, or as a report. It can forward everything to Langfuse or any OTLP endpoint.

            Examples:
              spantop                                 live TUI on the standard OTLP ports
              spantop demo                            a simulated workforce, to look around
              spantop replay session.jsonl            play a recording back
              spantop serve --record s.jsonl          receive without a screen
              spantop report session.jsonl            a table per project
              spantop report --json session.jsonl.gz  the report as JSON (version 1)
              spantop report --failed session.jsonl   failed tasks with errors and log lines
              spantop diff before.jsonl after.jsonl   what got worse (or better) between two runs
              spantop transcript --task ID run.jsonl  what the agents said: messages, tool calls, results
              spantop prices gpt-4o-mini              the price entry a model gets, and why
              spantop mcp run.jsonl                   an MCP server for a coding agent (or --connect URL)
            """,
        version: Spantop.version,
        subcommands: [
            LiveCommand.self, DemoCommand.self, ReplayCommand.self, ServeCommand.self, ReportCommand.self,
            PricesCommand.self,
            DiffCommand.self, TranscriptCommand.self, MCPCommand.self,
        ],
        defaultSubcommand: LiveCommand.self
    )
}

extension Spantop {
    /// ArgumentParser's own `main` plus one mapping: a `CLIError` prints `spantop: error: …`
    /// and exits with status 2, the status the commands document for unreadable input.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Stderr.log("error: \(error.description)")
            exit(withError: ExitCode(2))
        } catch {
            exit(withError: error)
        }
    }
}
