/// A position in `TraceStore.origins`: the resource and scope pair a span came with.
@frozen
public struct OriginIndex: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    @inlinable
    public var position: Int { Int(rawValue) }
}
