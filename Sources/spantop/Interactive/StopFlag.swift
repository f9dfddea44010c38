import NIOConcurrencyHelpers

/// Set from any task (the group's shutdown), read by the UI loop on its thread every pass.
final class StopFlag: Sendable {
    private let value = NIOLockedValueBox(false)

    func set() { value.withLockedValue { $0 = true } }

    var isSet: Bool { value.withLockedValue { $0 } }
}
