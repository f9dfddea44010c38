import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes one sleeping owner thread (the store's owner) from any thread.
///
/// The owner sleeps in `poll` on a pipe, alone or beside other descriptors (the TUI adds
/// the terminal), until a producer signals, a descriptor is readable, or the timeout it asked
/// for passes. Producers pay a syscall only when the owner is actually asleep:
///
/// ```swift
/// // owner
/// wakeup.sleep(timeout: untilNextTimer) { !inbox.isEmpty }
/// // producer, after queueing work under its own lock
/// wakeup.signal()
/// ```
///
/// No lost wake-up: the owner marks itself asleep *before* it checks for work, and a producer
/// queues its work *before* it looks at the mark, so one of them always sees the other.
public final class Wakeup: Sendable {
    /// The pipe's read end, polled by the sleeping owner.
    private let readEnd: Int32
    /// The pipe's write end: writing anything to it wakes the owner (a signal handler may).
    public let descriptor: Int32
    private let asleep = Atomic<Bool>(false)

    /// Whether the owner is in (or entering) a sleep; for tests that must act while it sleeps.
    var isAsleep: Bool { asleep.load(ordering: .sequentiallyConsistent) }

    public init() {
        var ends: [Int32] = [0, 0]
        let made = pipe(&ends)
        precondition(made == 0, "pipe failed: errno \(errno)")
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        descriptor = ends[1]
    }

    deinit {
        close(readEnd)
        close(descriptor)
    }

    /// Wakes the owner if it sleeps (or is about to); otherwise costs one atomic exchange.
    public func signal() {
        if asleep.exchange(false, ordering: .sequentiallyConsistent) { post() }
    }

    /// Wakes the owner whether or not it sleeps now: the next sleep returns at once (shutdown).
    public func post() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// What ended a sleep.
    public struct Reason: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// `signal` or `post` was called (or `hasWork` was already true).
        public static let signalled = Reason(rawValue: 1)
        /// One of `also` is readable.
        public static let readable = Reason(rawValue: 2)
        /// A signal handler ran (a terminal resize, say).
        public static let interrupted = Reason(rawValue: 4)
    }

    /// Sleeps until signalled, one of `also` is readable, or `timeout` passes (nil: no timeout).
    ///
    /// - Parameters:
    ///   - hasWork: checked after the owner is marked asleep; true returns at once. It must
    ///     read the same state producers change before they `signal`.
    /// - Returns: what woke it; empty after a timeout.
    @discardableResult
    public func sleep(timeout: Nanoseconds?, also: [Int32] = [], hasWork: () -> Bool = { false }) -> Reason {
        asleep.store(true, ordering: .sequentiallyConsistent)
        if hasWork() {
            asleep.store(false, ordering: .sequentiallyConsistent)
            drain()
            return .signalled
        }
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        for fd in also { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32(clamping: ($0.rawValue + 999_999) / 1_000_000) } ?? -1
        let n = poll(&fds, nfds_t(fds.count), milliseconds)
        asleep.store(false, ordering: .sequentiallyConsistent)
        var reason: Reason = []
        if n < 0 && errno == EINTR { reason.insert(.interrupted) }
        if fds[0].revents != 0 {
            drain()
            reason.insert(.signalled)
        }
        if fds.dropFirst().contains(where: { $0.revents != 0 }) { reason.insert(.readable) }
        return reason
    }

    /// Clears pending posts, so the next sleep waits again.
    private func drain() {
        var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(readEnd, $0.baseAddress, $0.count) }) == 64 {}
    }
}
