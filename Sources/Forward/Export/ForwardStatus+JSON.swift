import Foundation

extension ForwardStatus {
    /// The status as one JSON object for `serve`'s report (`"forwarding": [...]`): keys in
    /// snake_case like the rest of the report, unknown values `null`. Holds no credential.
    public var jsonObject: String {
        let fields: [(String, String)] = [
            ("name", Self.quoted(name)),
            ("endpoint", Self.quoted(endpoint)),
            ("sent", "\(sent)"),
            ("queued", "\(queued)"),
            ("retrying", retrying ? "true" : "false"),
            ("next_attempt", nextAttempt.map { Self.quoted(Self.timestamp($0)) } ?? "null"),
            ("dropped", "\(dropped)"),
            ("failed", "\(failed)"),
            ("unsent", "\(unsent)"),
            ("requests", "\(requests)"),
            ("last_error", lastError.map(Self.quoted) ?? "null"),
            ("last_error_at", lastErrorAt.map { Self.quoted(Self.timestamp($0)) } ?? "null"),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `[{...}, ...]` for a list of destinations.
    public static func jsonArray(_ statuses: [ForwardStatus]) -> String {
        "[" + statuses.map(\.jsonObject).joined(separator: ", ") + "]"
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
