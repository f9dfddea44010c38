import SpanCore

/// Why a request, line or span could not be decoded. The reason is meant for people.
public struct WireError: Error, Equatable, CustomStringConvertible, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// What decoding one request or line produced besides the spans themselves.
public struct DecodeOutcome: Equatable, Sendable {
    /// Spans that were well-formed on the wire but invalid (bad ids, end before start) and left out.
    public var rejectedSpans: Int = 0
    /// The first rejection's reason, for logs and partial-success responses.
    public var firstRejection: String?

    public init() {}

    public mutating func reject(_ reason: String) {
        rejectedSpans += 1
        if firstRejection == nil { firstRejection = reason }
    }
}

/// Limits shared by the protobuf and JSON decoders.
public enum WireLimits {
    /// Deepest allowed nesting of array and key-value list values.
    public static let maxValueDepth = 32
}
