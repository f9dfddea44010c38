import ServiceLifecycle

/// The TUI as a service: the curses loop on its own thread, stopped by the group's graceful
/// shutdown (a signal), or ending the group itself when the user quits.
final class InteractiveService: Service, @unchecked Sendable {
    // `loop` runs on the UI thread, then `finish` here; never at the same time.
    private let shutdown: ShutdownSwitch
    private let loop: (StopFlag) throws -> Void
    private let finish: () -> Void

    /// - Parameters:
    ///   - loop: opens the terminal, runs `AppLoop` until `q` or the flag, restores the terminal.
    ///   - finish: the store owner's last step once the rest has stopped (the pipeline's final drain).
    init(shutdown: ShutdownSwitch, loop: @escaping (StopFlag) throws -> Void, finish: @escaping () -> Void = {}) {
        self.shutdown = shutdown
        self.loop = loop
        self.finish = finish
    }

    func run() async throws {
        let stop = StopFlag()
        let loop = self.loop
        var failure: (any Error)?
        do {
            try await withTaskCancellationOrGracefulShutdownHandler {
                try await OwnThread.run(name: "spantop-ui") { try loop(stop) }
            } onCancelOrGracefulShutdown: {
                stop.set()
            }
        } catch {
            failure = error
        }
        // The user quit (or the terminal failed): stop the others, which stop before us.
        await shutdown.request()
        try? await gracefulShutdown()
        finish()
        if let failure { throw failure }
    }
}
