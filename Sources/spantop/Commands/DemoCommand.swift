import ArgumentParser
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Watch a simulated agent workforce in the TUI — no setup needed.",
        discussion: """
            Four projects run workforce after workforce: workers are created, tasks are \
            decomposed, assigned and executed, some fail a quality check and are retried, a few \
            fail for good, and every task reports tokens and a quality score. Try 4 for the \
            failures, enter to drill in, ? for every key.
            """)

    @Option(help: "Seed of the simulation (the same seed gives the same workforces).")
    var seed: UInt64 = 42

    @OptionGroup var store: StoreOptions
    @OptionGroup var forward: ForwardOptions
    @OptionGroup var interactive: InteractiveOptions

    func run() throws {
        do {
            let traceStore = try store.makeStore()
            var notices: [String] = []
            let forwarder = try forward.makeForwarder { notices.append($0) }
            defer { forwarder?.shutdownAndReport() }
            let feed = DemoFeed(seed: seed, start: wallNanoseconds(), forwarder: forwarder)
            try interactive.run(store: traceStore, feed: feed, notices: notices)
        } catch let error as CLIError {
            Self.fail(error.description)
        }
    }
}

enum FileManagerShim {
    static func isReadable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }
}
