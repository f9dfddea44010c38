import ArgumentParser
import Foundation

struct DemoCommand: ParsableCommand {
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

    func run() throws {
        let seed = self.seed
        // The demo must not fail because something already listens on the standard ports.
        let arguments = CommandLine.arguments
        let httpGiven = arguments.contains { $0 == "--http" || $0.hasPrefix("--http=") }
        let grpcGiven = arguments.contains { $0 == "--grpc" || $0.hasPrefix("--grpc=") }
        do {
            try LiveSession(receivers: receivers, store: store, forward: forward, interactive: interactive).run(
                configure: { configuration in
                    if !httpGiven { configuration.http = .init(host: "127.0.0.1", port: 0) }
                    if !grpcGiven { configuration.grpc = nil }
                },
                demo: { port in DemoSender(seed: seed, start: wallNanoseconds(), port: port) })
        } catch let error as CLIError {
            Self.fail(error.description)
        }
    }
}

enum FileManagerShim {
    static func isReadable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }
}
