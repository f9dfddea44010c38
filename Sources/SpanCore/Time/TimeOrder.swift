/// A `Timestamp?` to sort by: known times in order, then the unknown ones (a task no span
/// has dated yet sorts after every dated one).
@frozen
public struct TimeOrder: Comparable, Hashable, Sendable {
    public var time: Timestamp?

    @inlinable
    public init(_ time: Timestamp?) { self.time = time }

    @inlinable
    public static func < (a: TimeOrder, b: TimeOrder) -> Bool {
        guard let x = a.time else { return false }
        guard let y = b.time else { return true }
        return x < y
    }
}
