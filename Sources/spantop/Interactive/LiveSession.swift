import Forward
import Foundation
import Receivers
import ServiceLifecycle
import SpanCore

/// The live TUI commands (`live`, `demo`): the `LivePipeline` with the TUI as the store's
/// owner, run as one service group, then what the pipeline could not finish on stderr.
struct LiveSession {
    var receivers: ReceiverOptions
    var store: StoreOptions
    var forward: ForwardOptions
    var interactive: InteractiveOptions

    /// - Parameters:
    ///   - defaults: receiver addresses used where no flag names one (the demo's differ).
    ///   - demoSeed: runs the simulated workforce with this seed, posting to the HTTP receiver.
    func run(defaults: LiveReceiverConfiguration = LiveReceiverConfiguration(), demoSeed: UInt64? = nil) async throws {
        let screen = try interactive.prepare()
        let configuration = try receivers.configuration(defaults: defaults)
        let traceStore = try store.makeStore()
        var notices = receivers.warnings(configuration)
        let recorder = try receivers.makeRecorder()
        let forwarder = try forward.makeForwarder { notices.append($0) }
        // Requests in flight get less time than in `serve`: the user is waiting for the shell.
        let pipeline = LivePipeline(configuration, recorder: recorder, forwarder: forwarder, grace: .seconds(2))
        try await pipeline.start()

        var clients: [any Service] = []
        var sender: DemoSender?
        if let demoSeed {
            guard let port = pipeline.receivers?.http?.port else {
                throw CLIError("the demo needs the OTLP/HTTP receiver (--http)")
            }
            let poster = DemoPoster(port: port)
            clients.append(poster)
            sender = DemoSender(seed: demoSeed, start: WallClock.now(), poster: poster)
        }
        let feed = LiveFeed(pipeline: pipeline, demo: sender)
        let shutdown = ShutdownSwitch()
        let budget = store.budgets.budget
        let ui = InteractiveService(
            shutdown: shutdown,
            loop: { [interactive, notices] stop in
                try interactive.run(screen, store: traceStore, feed: feed, stop: stop, budget: budget, notices: notices)
            },
            finish: { pipeline.finish(into: traceStore) })
        do {
            try await shutdown.run([SignalWatch(shutdown: shutdown)] + pipeline.services(owner: ui, clients: clients))
        } catch {
            for line in pipeline.outcome { Stderr.log(line) }
            throw error
        }
        for line in pipeline.outcome { Stderr.log(line) }
    }
}
