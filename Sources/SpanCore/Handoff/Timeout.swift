/// Runs `work` until it finishes or `timeout` passes, whichever comes first. For shutdown
/// steps that must not hang: a drain, a server's grace period.
///
/// The timer is cancelled when `work` wins. When the timer wins, `orElse` runs (cancel what
/// `work` waits on there: awaiting a `Task`'s value does not end when the waiter is cancelled),
/// then `work` is cancelled and waited for.
/// - Returns: whether `work` finished in time.
@discardableResult
public func finishes(
    within timeout: Duration, orElse onTimeout: @Sendable () -> Void = {},
    _ work: @escaping @Sendable () async -> Void
) async -> Bool {
    await finishes(before: { try await Task.sleep(for: timeout) }, orElse: onTimeout, work)
}

/// As `finishes(within:orElse:_:)`, with the timeout given as a wait (on an injected clock):
/// `timer` returns or throws when the time is up.
@discardableResult
public func finishes(
    before timer: @escaping @Sendable () async throws -> Void, orElse onTimeout: @Sendable () -> Void = {},
    _ work: @escaping @Sendable () async -> Void
) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            await work()
            return true
        }
        group.addTask {
            try? await timer()
            return false
        }
        let first = await group.next() ?? false
        if !first { onTimeout() }
        group.cancelAll()
        return first
    }
}
