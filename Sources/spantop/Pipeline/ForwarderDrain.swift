import Forward
import NIOConcurrencyHelpers
import ServiceLifecycle

/// The forwarder as a service: on shutdown, after the store's owner has handed it the last
/// batches, it keeps sending for up to the drain timeout and keeps what was (not) delivered.
final class ForwarderDrain: Service {
    let forwarder: Forwarder
    private let result = NIOLockedValueBox<[ForwardStatus]>([])

    init(_ forwarder: Forwarder) {
        self.forwarder = forwarder
    }

    func run() async throws {
        try? await gracefulShutdown()
        let statuses = await forwarder.shutdown()
        result.withLockedValue { $0 = statuses }
    }

    /// Each destination's final counters; empty until `run` has drained.
    var statuses: [ForwardStatus] { result.withLockedValue { $0 } }

    /// One `forward …` line per destination for stderr, saying what could not be sent.
    var outcome: [String] { statuses.map { "forward " + $0.summary } }
}
