import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// One thread, at lowered scheduling priority, for the exporter's CPU work (assembling,
/// encoding and compressing requests).
///
/// Forwarding costs about as much CPU per span as ingesting it. On a busy machine the
/// scheduler should favour ingest and the screen: a forwarder that cannot keep up drops its
/// oldest spans (counted), rather than slowing down the live view. Linux applies `nice` per
/// thread, so only this thread is deprioritised.
final class BackgroundEncoder: Sendable {
    /// The `nice` increment: at 10 a busy thread gets about a tenth of a contended core.
    static let niceness: Int32 = 10

    private let pool = NIOThreadPool(numberOfThreads: 1)

    /// Starts the thread. Until then nothing runs (and an exporter that is never started
    /// owns no thread).
    func start() {
        pool.start()
        pool.submit { _ in Self.lowerPriority() }
    }

    /// Runs `work` on the background thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        try? await pool.runIfActive(work)
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    private static func lowerPriority() {
        #if canImport(Glibc)
            // Under NPTL the nice value is per thread, and `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
