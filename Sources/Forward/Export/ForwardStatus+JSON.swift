import Foundation
import SpanCore

extension ForwardStatus {
    /// Writes the status as one JSON object for `serve`'s report (`"forwarding": [...]`): keys
    /// in snake_case like the rest of the report, unknown values `null`. Holds no credential.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("endpoint", endpoint)
        w.field("sent", sent)
        w.field("queued", queued)
        w.field("retrying", retrying)
        w.field("next_attempt", nextAttempt.map(Self.timestamp))
        w.field("dropped", dropped)
        w.field("failed", failed)
        w.field("unsent", unsent)
        w.field("requests", requests)
        w.field("last_error", lastError)
        w.field("last_error_at", lastErrorAt.map(Self.timestamp))
        w.endObject()
    }

    /// Writes `[{...}, ...]` for a list of destinations.
    public static func write(_ statuses: [ForwardStatus], to w: inout JSONWriter) {
        w.beginArray()
        for s in statuses { s.write(to: &w) }
        w.endArray()
    }

    /// The status as one JSON object.
    public var jsonObject: String {
        var w = JSONWriter()
        write(to: &w)
        return w.text
    }

    /// `[{...}, ...]` for a list of destinations.
    public static func jsonArray(_ statuses: [ForwardStatus]) -> String {
        var w = JSONWriter()
        write(statuses, to: &w)
        return w.text
    }

    /// ISO 8601 to the second, as the report has always written it.
    private static func timestamp(_ time: Timestamp) -> String {
        time.date.formatted(.iso8601)
    }
}
