/// The low 32 bits of a trace's arrival number: enough to tell which live trace last touched a
/// task, brought a log line or announced a worker, in 4 bytes.
@frozen
public struct TraceSerial: Hashable, Sendable {
    @usableFromInline var rawValue: UInt32

    @inlinable
    init(arrivalNumber: UInt64) { rawValue = UInt32(truncatingIfNeeded: arrivalNumber) }

    static var zero: TraceSerial { TraceSerial(arrivalNumber: 0) }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    @inlinable
    public func _rawHashValue(seed: Int) -> Int { idHash(rawValue, seed: seed) }
}

extension TraceRecord {
    var serial: TraceSerial { TraceSerial(arrivalNumber: arrivalNumber) }
}
