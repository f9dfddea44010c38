import Forward
import Foundation
import Ingest
import SpanCore

/// Starts the receivers, recorder and forwarder a live TUI command needs, runs the TUI, and
/// shuts everything down in order: stop accepting, finish requests in flight, ingest and
/// forward the last of them, flush the recording, drain the forwarder.
struct LiveSession {
    var receivers: ReceiverOptions
    var store: StoreOptions
    var forward: ForwardOptions
    var interactive: InteractiveOptions

    /// - Parameters:
    ///   - defaults: receiver addresses used where no flag names one (the demo's differ).
    ///   - demo: makes the simulated workforce's client once the HTTP port is known.
    func run(
        defaults: LiveReceiverConfiguration = LiveReceiverConfiguration(),
        demo: ((Int) -> DemoSender)? = nil
    ) throws {
        let screen = try interactive.prepare()
        let configuration = try receivers.configuration(defaults: defaults)
        let traceStore = try store.makeStore()
        var notices = receivers.warnings(configuration)
        let recorder = try receivers.makeRecorder()
        let forwarder = try forward.makeForwarder { notices.append($0) }
        let live: LiveReceivers
        do {
            live = try LiveReceivers.startBlocking(configuration)
        } catch {
            throw CLIError(error)
        }
        var sender: DemoSender?
        if let demo {
            guard let port = live.http?.port else { throw CLIError("the demo needs the OTLP/HTTP receiver (--http)") }
            sender = demo(port)
        }
        let feed = LiveFeed(receivers: live, recorder: recorder, forwarder: forwarder, demo: sender)
        defer {
            feed.shutdown(into: traceStore)
            forwarder?.shutdownAndReport()
            if let error = recorder?.writeError {
                FileHandle.standardError.write(Data("spantop: error: recording failed: \(error)\n".utf8))
            }
        }
        try interactive.run(screen, store: traceStore, feed: feed, budget: store.budgets.budget, notices: notices)
    }
}
