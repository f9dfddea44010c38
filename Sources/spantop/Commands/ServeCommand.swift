import ArgumentParser
import Forward
import Foundation
import SpanCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive OTLP spans (gRPC and HTTP) without the TUI; write a report on exit.",
        discussion: """
            Listens on 127.0.0.1:4317 (OTLP/gRPC) and 127.0.0.1:4318 (OTLP/HTTP, POST /v1/traces and \
            /api/public/otel/v1/traces) and keeps what it receives in memory. A status line goes to \
            stderr every few seconds. SIGINT or SIGTERM (or --exit-after-idle) stops accepting, \
            answers requests in flight, flushes the recording and writes --report-json.

            Examples:
              spantop serve --record session.jsonl --report-json report.json
              spantop serve --http 0.0.0.0:4318 --grpc off --auth-token s3cret
              spantop serve --forward-langfuse --redact   a relay to Langfuse, without content
            """)

    @OptionGroup var receiverOptions: ReceiverOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var forwardOptions: ForwardOptions

    @Option(help: ArgumentHelp("Write the report JSON (version 1) here on exit.", valueName: "path"))
    var reportJSON: String?

    @Option(help: ArgumentHelp("Exit after this many seconds without a request.", valueName: "seconds"))
    var exitAfterIdle: Seconds?

    @Option(help: ArgumentHelp("Seconds between status lines on stderr; 0 for none.", valueName: "seconds"))
    var statusInterval = Seconds(5)

    func validate() throws {
        if let exitAfterIdle, exitAfterIdle.value == 0 { throw ValidationError("--exit-after-idle must be positive") }
    }

    func run() async throws {
        let store = try storeOptions.makeStore()
        let configuration = try receiverOptions.configuration()
        let recorder = try receiverOptions.makeRecorder()
        let forwarder = try forwardOptions.makeForwarder { Stderr.log($0) }
        for warning in receiverOptions.warnings(configuration) { Stderr.log(warning) }

        let pipeline = LivePipeline(configuration, recorder: recorder, forwarder: forwarder)
        try await pipeline.start()
        Stderr.log(pipeline.listening)

        let shutdown = ShutdownSwitch()
        let loop = ServeLoop(
            store: store, pipeline: pipeline, shutdown: shutdown, budget: storeOptions.budgets.budget,
            idleLimit: exitAfterIdle?.nanoseconds,
            statusEvery: statusInterval.value > 0 ? statusInterval.nanoseconds : nil,
            failOnLoops: storeOptions.budgets.failsOnLoops)
        try await shutdown.run([SignalWatch(shutdown: shutdown)] + pipeline.services(owner: loop))

        for line in pipeline.outcome { Stderr.log(line) }
        Stderr.log(loop.finalStatus())
        if let reportJSON {
            // The report's own keys, then what was forwarded where.
            let forwarding = JSONSection("forwarding") { ForwardStatus.write(pipeline.forwarded, to: &$0) }
            var bytes = Report(store, budget: loop.budgets.budget).jsonBytes(
                extra: forwarder != nil ? [forwarding] : [])
            bytes.append(0x0A)
            guard FileManager.default.createFile(atPath: reportJSON, contents: Data(bytes)) else {
                throw CLIError("cannot write the report to \(reportJSON)")
            }
        }
    }
}
