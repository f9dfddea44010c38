import ArgumentParser

struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Receive OTLP spans and watch them in the TUI (the default command).",
        discussion: """
            Listens on 127.0.0.1:4317 (OTLP/gRPC) and 127.0.0.1:4318 (OTLP/HTTP: POST /v1/traces \
            and /api/public/otel/v1/traces, so LANGFUSE_BASE_URL=http://127.0.0.1:4318 works too). \
            Point an exporter at it:

              OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 python my_workforce.py

            Examples:
              spantop                                   the same as `spantop live`
              spantop live --record session.jsonl       keep everything for `spantop replay`
              spantop live --forward-langfuse --redact  and send it on to Langfuse, without content
            """)

    @OptionGroup var receivers: ReceiverOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var forward: ForwardOptions
    @OptionGroup var interactive: InteractiveOptions

    func run() async throws {
        try await LiveSession(receivers: receivers, store: store, forward: forward, interactive: interactive).run()
    }
}
