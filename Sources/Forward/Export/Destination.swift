import Foundation

/// A header value that may be a credential: it prints, dumps and reflects as `<redacted>`,
/// so a destination can be logged or shown without leaking it.
public struct SecretValue: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The real value; read it only to put it on the wire.
    public let revealed: String
    public init(_ value: String) { revealed = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// One place spans are forwarded to: an OTLP/HTTP traces endpoint and the headers it needs.
public struct Destination: Sendable, Hashable, CustomStringConvertible {
    /// A short name for status lines: `langfuse`, `otel`, or the endpoint's host.
    public var name: String
    /// The full URL spans are POSTed to (for OTLP, ending in `/v1/traces`).
    public var endpoint: String
    /// Extra request headers. Values are kept as secrets: they are never displayed.
    public var headers: [(name: String, value: SecretValue)]

    public init(name: String, endpoint: String, headers: [(name: String, value: SecretValue)] = []) {
        self.name = name
        self.endpoint = endpoint
        self.headers = headers
    }

    /// The endpoint for display: no user-info, query or fragment (where credentials hide).
    public var displayEndpoint: String {
        guard var c = URLComponents(string: endpoint) else { return "<invalid URL>" }
        c.user = nil
        c.password = nil
        c.query = nil
        c.fragment = nil
        return c.string ?? "<invalid URL>"
    }

    public var description: String {
        let names = headers.map(\.name).joined(separator: ", ")
        return "\(name) → \(displayEndpoint)" + (names.isEmpty ? "" : " (headers: \(names))")
    }

    public static func == (a: Destination, b: Destination) -> Bool {
        a.name == b.name && a.endpoint == b.endpoint && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }

    public func hash(into h: inout Hasher) {
        h.combine(name)
        h.combine(endpoint)
    }
}
