import ArgumentParser
import Foundation
import ServiceLifecycle
import SpanCore

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play recorded spans back in the TUI by their original timestamps.",
        discussion: """
            Reads OTLP JSON lines (what --record and the OpenTelemetry Collector's file exporter \
            write), flat span lines, .gz files of either, or .pb request bodies. The screen opens \
            at once; loading continues in the background with its progress in the status line.

            Keys: space pause/resume · + / - speed (1×, 2×, 5×, 10×, 100×, max) · . one step \
            (paused) · ? every key · q quit.

            Examples:
              spantop replay session.jsonl
              spantop replay --speed 10 session.jsonl.gz
              spantop replay --speed max a.jsonl b.jsonl     load everything at once
              spantop replay --speed max --forward-langfuse session.jsonl   upload a recording
              spantop replay --api 127.0.0.1:4319 session.jsonl   and answer the query API (spantop mcp --connect)
            """)

    @Argument(help: "Recordings to play, in order.")
    var files: [String]

    @Option(help: "Playback speed.")
    var speed = PlaybackSpeed(.x1)

    @Option(
        help: ArgumentHelp(
            "Answer the query API (GET /api/v1/…) on this address while replaying, or off.",
            discussion: "Loopback needs no token; another address needs --auth-token.", valueName: "host:port|off"),
        transform: ListenSetting.parse)
    var api: ListenSetting = .off

    @Option(help: ArgumentHelp("The bearer token the query API requires (with --api).", valueName: "token"))
    var authToken: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var forward: ForwardOptions
    @OptionGroup var interactive: InteractiveOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one recording to replay") }
    }

    func run() async throws {
        let screen = try interactive.prepare()
        for f in files where !FileManager.default.isReadableFile(atPath: f) { throw CLIError("cannot read \(f)") }
        let traceStore = try store.makeStore()
        var notices: [String] = []
        let forwarder = try forward.makeForwarder { notices.append($0) }
        var queries: QueryServer?
        // Loaded batches and queries wake the UI loop alike.
        let wakeup = Wakeup()
        if let address = api.address {
            let server = try await QueryServer.start(address, token: authToken, wakeup: wakeup)
            notices.append("query API on \(address.host):\(server.port) (GET /api/v1/…)")
            queries = server
        }
        let feed = ReplayFeed(
            paths: files, speed: speed.speed, forwarder: forwarder, queries: queries, wakeup: wakeup)
        let shutdown = ShutdownSwitch()
        let budget = store.budgets.budget
        let ui = InteractiveService(shutdown: shutdown) { [interactive, notices] stop in
            try interactive.run(screen, store: traceStore, feed: feed, stop: stop, budget: budget, notices: notices)
        }
        // Started before the UI, the forwarder drains after the terminal is restored.
        let drain = forwarder.map(ForwarderDrain.init)
        var services: [any Service] = [SignalWatch(shutdown: shutdown)]
        if let drain { services.append(drain) }
        services.append(ui)
        defer { for line in drain?.outcome ?? [] { Stderr.log(line) } }
        try await shutdown.run(services)
        await queries?.stop()
    }
}
