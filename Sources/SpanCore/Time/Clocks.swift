#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wall clock: what span timestamps are measured against (`CLOCK_REALTIME`).
public enum WallClock {
    /// Now, as a Unix timestamp.
    public static func now() -> Timestamp { Timestamp(rawValue: read(CLOCK_REALTIME)) }
}

/// The monotonic clock (`CLOCK_MONOTONIC`): for measuring intervals, pacing and deadlines.
/// Wall-clock jumps (NTP, the user) do not move it.
public enum MonotonicClock {
    public static func now() -> MonotonicInstant { MonotonicInstant(rawValue: read(CLOCK_MONOTONIC)) }

    /// How long `body` took.
    public static func measure(_ body: () throws -> Void) rethrows -> Nanoseconds {
        let start = now()
        try body()
        return now() - start
    }
}

/// Both clocks read the same way; one system call, no allocation.
private func read(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
