import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Runs a command's services in one `ServiceGroup` and lets any of them ask for the group's
/// graceful shutdown: the first signal, `--exit-after-idle`, the TUI's `q`.
///
/// The group traps no signals itself: `SignalWatch` does, so that a second signal can end the
/// process at once.
final class ShutdownSwitch: Sendable {
    private let group = NIOLockedValueBox<ServiceGroup?>(nil)
    private let requested = NIOLockedValueBox(false)

    /// Runs `services` (started in order, stopped in reverse) until they have all stopped.
    /// - Throws: the first error a service threw.
    func run(_ services: [any Service]) async throws {
        let configurations = services.map { service in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: service, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        // Nothing of ours logs through swift-log; its default handler would write to stdout.
        let logger = Logger(label: "spantop", factory: { _ in SwiftLogNoOpLogHandler() })
        let made = ServiceGroup(configuration: ServiceGroupConfiguration(services: configurations, logger: logger))
        let early = group.withLockedValue { g in
            g = made
            return requested.withLockedValue { $0 }
        }
        if early { await made.triggerGracefulShutdown() }
        try await made.run()
    }

    /// Starts the graceful shutdown of the running group (or of the next one to run).
    func request() async {
        let running = group.withLockedValue { g in
            requested.withLockedValue { $0 = true }
            return g
        }
        await running?.triggerGracefulShutdown()
    }

    /// Whether shutdown was asked for.
    var isRequested: Bool { requested.withLockedValue { $0 } }
}
