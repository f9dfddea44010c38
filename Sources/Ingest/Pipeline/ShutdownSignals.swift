import Dispatch
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into a flag a store-owner loop polls, plus a wake-up call, instead
/// of killing the process: the loop then shuts the receivers down gracefully, drains, flushes
/// the recording and writes its report.
public final class ShutdownSignals: @unchecked Sendable {
    private let requested = NIOLockedValueBox<Int32?>(nil)
    // Kept only to stay alive; never mutated after init (hence @unchecked Sendable).
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers. `onSignal` runs on a private queue (e.g. `inbox.wakeUp()`).
    public init(_ signals: [Int32] = [SIGINT, SIGTERM], onSignal: @escaping @Sendable (Int32) -> Void) {
        let requested = requested
        let queue = DispatchQueue(label: "spantop.signals")
        var made: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let first = requested.withLockedValue { r in
                    defer { r = r ?? number }
                    return r == nil
                }
                if first {
                    onSignal(number)
                } else {
                    // A second signal while shutting down: the user insists.
                    _exit(130)
                }
            }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// The first signal received, if any.
    public var received: Int32? { requested.withLockedValue { $0 } }

    /// Asks for shutdown as a signal would (the TUI's `q`, `--exit-after-idle`).
    public func request() {
        requested.withLockedValue { $0 = $0 ?? 0 }
    }

    /// Whether shutdown was asked for.
    public var isRequested: Bool { received != nil }
}
