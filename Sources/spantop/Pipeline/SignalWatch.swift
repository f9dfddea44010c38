import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place SIGINT and SIGTERM are handled, for `serve` and the TUI alike: the first
/// asks for a graceful shutdown (stop accepting, drain, flush, report); a second one while
/// that runs means the user insists, and the process ends at once with status 130.
///
/// Start it first: the group stops it last, so it keeps listening during the whole shutdown.
struct SignalWatch: Service {
    let shutdown: ShutdownSwitch

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        var seen = 0
        for await _ in signals.cancelOnGracefulShutdown() {
            seen += 1
            if seen > 1 { _exit(130) }
            await shutdown.request()
        }
    }
}
