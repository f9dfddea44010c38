import ArgumentParser
import Forward
import Foundation
import Ingest
import SpanCore

struct ServeCommand: ParsableCommand {
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

    func run() throws {
        let store = try storeOptions.makeStore()
        let configuration = try receiverOptions.configuration()
        let recorder = try receiverOptions.makeRecorder()
        let forwarder = try forwardOptions.makeForwarder { Self.log($0) }
        let forward = forwarder.map { f in { (batch: SpanBatch) in f.submit(batch) } }
        for warning in receiverOptions.warnings(configuration) { Self.log(warning) }

        let receivers: LiveReceivers
        do {
            receivers = try LiveReceivers.startBlocking(configuration)
        } catch {
            throw CLIError(error)
        }
        Self.log(Self.listening(receivers))
        let inbox = receivers.inbox
        let signals = ShutdownSignals { _ in inbox.wakeUp() }

        var budgets = BudgetWatch(budget: storeOptions.budgets.budget)
        var status = ServeStatus(start: ContinuousClock.now)
        var lastActivity = ContinuousClock.now
        let idleLimit = exitAfterIdle?.duration
        let statusEvery = statusInterval.duration
        while !signals.isRequested {
            inbox.wait(timeout: .milliseconds(100))
            receivers.drain(into: store, recorder: recorder, forward: forward)
            for p in budgets.newlyOver(store) { Self.log(BudgetWatch.line(p, store, budget: budgets.budget)) }
            let now = ContinuousClock.now
            if status.noteRequests(receivers.snapshots) { lastActivity = now }
            if statusInterval.value > 0 && now - status.lastLine >= statusEvery {
                Self.log(status.line(receivers.snapshots, store: store, now: now))
            }
            if let idleLimit, now - lastActivity >= idleLimit { break }
        }

        receivers.shutdownBlocking()
        receivers.drain(into: store, recorder: recorder, forward: forward)
        recorder?.close()
        let forwarded = forwarder?.shutdownBlocking() ?? []
        for s in forwarded { Self.log("forward " + s.summary) }
        if let error = recorder?.writeError { Self.log("error: recording failed: \(error)") }
        Self.log(status.line(receivers.snapshots, store: store, now: ContinuousClock.now))
        if let reportJSON {
            // The report's own keys, then what was forwarded where.
            let forwarding = JSONSection("forwarding") { ForwardStatus.write(forwarded, to: &$0) }
            var bytes = Report(store, budget: budgets.budget).jsonBytes(extra: forwarder != nil ? [forwarding] : [])
            bytes.append(0x0A)
            guard FileManager.default.createFile(atPath: reportJSON, contents: Data(bytes)) else {
                throw CLIError("cannot write the report to \(reportJSON)")
            }
        }
    }

    private static func listening(_ receivers: LiveReceivers) -> String {
        var parts: [String] = []
        if let http = receivers.http {
            parts.append("OTLP/HTTP on \(ReceiverAddress.format(host: http.host, port: http.port)) (POST /v1/traces)")
        }
        if let grpc = receivers.grpc {
            parts.append("OTLP/gRPC on \(ReceiverAddress.format(host: grpc.host, port: grpc.port))")
        }
        return "listening: " + parts.joined(separator: ", ")
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("spantop: \(line)\n".utf8))
    }
}
