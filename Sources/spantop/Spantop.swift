import ArgumentParser

@main
struct Spantop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spantop",
        abstract: "A terminal trace explorer for LLM-agent workforces (CAMEL/Eigent, AutoGen, DSPy).",
        discussion: """
            spantop reads OpenTelemetry spans from OTLP JSON-lines recordings, organises them by \
            project and task, and summarises task status, queue and processing times, tokens, \
            cost and quality.

            Examples:
              spantop report session.jsonl            a table per project
              spantop report --json session.jsonl.gz  the report as JSON (version 1)
              spantop report --failed session.jsonl   failed tasks with errors and log lines
            """,
        version: "0.1.0",
        subcommands: [ReportCommand.self, ServeCommand.self, ReplayCommand.self, DemoCommand.self]
    )
}
