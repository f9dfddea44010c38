import ArgumentParser
import Receivers

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Watch a simulated agent workforce in the TUI — no setup needed.",
        discussion: """
            Four projects run workforce after workforce: workers are created, tasks are \
            decomposed, assigned and executed, some fail a quality check and are retried, a few \
            fail for good, and every task reports tokens and a quality score. The spans go \
            through spantop's real OTLP/HTTP receiver (on a free loopback port unless --http \
            names one; gRPC is off unless --grpc names an address), exactly as an application's \
            would. Try 4 for the failures, enter to drill in, ? for every key.
            """)

    @Option(help: "Seed of the simulation (the same seed gives the same workforces).")
    var seed: UInt64 = 42

    @OptionGroup var receivers: ReceiverOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var forward: ForwardOptions
    @OptionGroup var interactive: InteractiveOptions

    func run() async throws {
        // The demo must not fail because something already listens on the standard ports.
        var defaults = LiveReceiverConfiguration()
        defaults.http = ListenAddress(host: "127.0.0.1", port: 0)
        defaults.grpc = nil
        try await LiveSession(receivers: receivers, store: store, forward: forward, interactive: interactive).run(
            defaults: defaults, demoSeed: seed)
    }
}
