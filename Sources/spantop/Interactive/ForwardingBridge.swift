import Forward
import Foundation
import TUI

extension Forwarder {
    /// The destinations as the TUI shows them (no credentials: endpoints are stripped of them).
    var destinationStatus: [DestinationStatus] {
        status.map { s in
            var d = DestinationStatus(name: s.name, endpoint: s.endpoint)
            d.sent = s.sent
            d.queued = s.queued
            d.retrying = s.retrying
            d.dropped = s.dropped
            d.failed = s.failed
            d.lastError = s.lastError
            return d
        }
    }
}
