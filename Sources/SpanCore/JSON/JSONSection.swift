/// A top-level member that another module adds to a document, written after the document's
/// own keys (`serve` adds `forwarding` to the report).
public struct JSONSection {
    public let key: String
    /// Writes exactly one value: the member's.
    public let write: (inout JSONWriter) -> Void

    public init(_ key: String, write: @escaping (inout JSONWriter) -> Void) {
        self.key = key
        self.write = write
    }
}
