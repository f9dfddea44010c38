import ArgumentParser
import Forward
import Foundation

/// Options of every command that can forward spans (`serve`, the live TUI, `demo`, `replay`).
struct ForwardOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Forward spans to Langfuse.",
            discussion:
                "Keys from LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY, host from LANGFUSE_BASE_URL (or LANGFUSE_HOST; default https://cloud.langfuse.com), read from the environment, ~/.eigent/.env and --env-file."
        ))
    var forwardLangfuse = false

    @Option(
        name: .customLong("forward"),
        help: ArgumentHelp(
            "Forward spans to an OTLP/HTTP traces endpoint (repeatable). A URL without a path gets /v1/traces.",
            valueName: "url"))
    var forwardURLs: [String] = []

    @Option(
        name: .customLong("forward-header"),
        help: ArgumentHelp("A header for every --forward URL (repeatable).", valueName: "name=value"))
    var forwardHeaders: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Forward spans where the OpenTelemetry environment says.",
            discussion:
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (as is) or OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces), with OTEL_EXPORTER_OTLP_HEADERS."
        ))
    var forwardOtel = false

    @Option(
        name: .customLong("env-file"),
        help: ArgumentHelp("Read forwarding variables from this .env file too (repeatable).", valueName: "file"))
    var envFiles: [String] = []

    @Option(help: "Spans held per destination before the oldest are dropped.")
    var forwardQueue: Int = 8192

    @Option(help: ArgumentHelp("Seconds to keep sending queued spans on exit.", valueName: "seconds"))
    var forwardDrainTimeout = Seconds(5)

    @Flag(
        help:
            "Strip content attributes (prompts, completions, task descriptions, log messages) from forwarded spans; the local view keeps them."
    )
    var redact = false

    @Option(
        name: .customLong("redact-key"),
        help: ArgumentHelp(
            "Also strip attributes whose key matches this glob (* and ?) from forwarded spans (repeatable).",
            valueName: "pattern"))
    var redactKeys: [String] = []

    var isForwarding: Bool { forwardLangfuse || forwardOtel || !forwardURLs.isEmpty }

    func validate() throws {
        guard forwardQueue > 0 else { throw ValidationError("--forward-queue must be a positive number") }
    }

    /// What to forward where, or nil when no destination is configured (or none could be).
    ///
    /// A missing Langfuse key is not an error: `notice` gets one line naming the variable and
    /// the other destinations still work.
    /// - Throws: `CLIError` for a bad URL, header or unreadable `--env-file`.
    func makeConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        notice: (String) -> Void = { Stderr.log($0) }
    ) throws(CLIError) -> ForwarderConfiguration? {
        guard isForwarding else { return nil }
        do {
            let env = try ForwardEnvironment.load(envFiles: envFiles, process: environment)
            var destinations: [Destination] = []
            if forwardLangfuse {
                switch try Langfuse.destination(from: env) {
                case .success(let d): destinations.append(d)
                case .failure(let missing): notice(missing.description)
                }
            }
            if forwardOtel { destinations.append(try OTLPEndpoint.otelDestination(from: env)) }
            let headers = try forwardHeaders.map { h throws(ForwardConfigurationError) in
                try OTLPEndpoint.parseHeader(h)
            }
            for url in forwardURLs {
                destinations.append(try OTLPEndpoint.destination(url: url, headers: headers))
            }
            guard !destinations.isEmpty else { return nil }
            let redactor =
                redact || !redactKeys.isEmpty
                ? Redactor(extraPatterns: redactKeys, includeContentKeys: redact) : nil
            return ForwarderConfiguration(
                destinations: destinations, settings: ExporterSettings(queueCapacity: forwardQueue),
                redactor: redactor, drainTimeout: forwardDrainTimeout.duration)
        } catch {
            throw CLIError(error)
        }
    }

    /// A started forwarder for the configured destinations, or nil when forwarding is off.
    func makeForwarder(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        notice: (String) -> Void = { Stderr.log($0) }
    ) throws(CLIError) -> Forwarder? {
        guard let configuration = try makeConfiguration(environment: environment, notice: notice) else { return nil }
        let forwarder = Forwarder(configuration)
        forwarder.start()
        return forwarder
    }
}
