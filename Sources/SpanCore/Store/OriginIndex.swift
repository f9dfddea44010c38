/// A position in `TraceStore.origins`: the resource and scope pair a span came with.
@frozen
public struct OriginIndex: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    // Dictionaries keyed by ids sit on the ingest path: `idHash`, not SipHash.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    @inlinable
    public func _rawHashValue(seed: Int) -> Int { idHash(rawValue, seed: seed) }

    @inlinable
    public var position: Int { Int(rawValue) }
}
