/// A task's position in `TraceStore.tasks`.
///
/// Stable while the task is stored; an evicted task's slot is reused by a later task. Not to
/// be confused with a task's id, which is the `StringID` of its id text.
@frozen
public struct TaskIndex: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    // Dictionaries keyed by ids sit on the ingest path: `idHash`, not SipHash.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    @inlinable
    public func _rawHashValue(seed: Int) -> Int { idHash(rawValue, seed: seed) }

    @inlinable
    public init(position: Int) { rawValue = UInt32(truncatingIfNeeded: position) }

    @inlinable
    public var position: Int { Int(rawValue) }

    @inlinable
    public static func < (a: TaskIndex, b: TaskIndex) -> Bool { a.rawValue < b.rawValue }
}

extension ChunkedArray where Element == TaskRecord {
    @inlinable
    public subscript(index: TaskIndex) -> TaskRecord {
        get { self[index.position] }
        set { self[index.position] = newValue }
        _modify { yield &self[index.position] }
    }
}
