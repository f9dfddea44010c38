/// The id of a string interned in the store's `StringInterner`.
///
/// Id 0 is always the empty string; the task model reads it as "unknown". A distinct type
/// keeps interned ids apart from task indexes and counts, at no cost.
@frozen
public struct StringID: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    // Dictionaries keyed by ids sit on the ingest path: `idHash`, not SipHash.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    @inlinable
    public func _rawHashValue(seed: Int) -> Int { idHash(rawValue, seed: seed) }

    /// The id of the empty string: "no value".
    @inlinable
    public static var empty: StringID { StringID(rawValue: 0) }

    @inlinable
    public var isEmpty: Bool { rawValue == 0 }

    /// The id as a position in a table indexed by string id.
    @inlinable
    public var slot: Int { Int(rawValue) }

    @inlinable
    public static func < (a: StringID, b: StringID) -> Bool { a.rawValue < b.rawValue }
}
