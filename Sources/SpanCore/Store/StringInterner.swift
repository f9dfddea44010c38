/// Stores each distinct string once and names it by a small integer.
///
/// Lookups hash raw bytes, so interning decoded text never builds a `String`.
/// Id 0 is always the empty string.
public struct StringInterner: Sendable {
    private var arena: [UInt8] = []
    /// `offsets[id]` is where string `id` starts; one extra entry marks the end of the last.
    private var offsets: [UInt32] = [0]
    private var hashes: [UInt32] = []
    /// Open addressing: 0 is an empty slot, otherwise `id + 1`.
    private var table: [UInt32] = Array(repeating: 0, count: 1024)

    public init() {
        _ = intern("")
    }

    public var count: Int { hashes.count }
    public var arenaBytes: Int { arena.count }

    /// Bytes retained by the interner, for memory accounting.
    public var footprint: Int { arena.capacity + offsets.capacity * 4 + hashes.capacity * 4 + table.capacity * 4 }

    @inlinable
    static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 32
        return h
    }

    /// Returns the id of the `count` bytes at `p`, adding them if new.
    public mutating func intern(_ p: UnsafeRawPointer, _ count: Int) -> UInt32 {
        let h = UInt32(truncatingIfNeeded: Self.hash(p, count))
        let mask = table.count - 1
        var slot = Int(h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == h && matches(id, p, count) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
        let id = UInt32(hashes.count)
        arena.append(contentsOf: UnsafeRawBufferPointer(start: p, count: count))
        offsets.append(UInt32(arena.count))
        hashes.append(h)
        table[slot] = id + 1
        if hashes.count * 2 > table.count { grow() }
        return id
    }

    public mutating func intern(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { buf in
            // An empty buffer may have no base address.
            guard let base = buf.baseAddress else {
                return withUnsafeBytes(of: 0) { intern($0.baseAddress!, 0) }
            }
            return intern(UnsafeRawPointer(base), buf.count)
        }
    }

    /// The id of `s` if it was interned before.
    public func lookup(_ s: String) -> UInt32? {
        var s = s
        return s.withUTF8 { buf -> UInt32? in
            let p = buf.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(bitPattern: 1)!
            let h = UInt32(truncatingIfNeeded: Self.hash(p, buf.count))
            let mask = table.count - 1
            var slot = Int(h) & mask
            while table[slot] != 0 {
                let id = Int(table[slot] - 1)
                if hashes[id] == h && matches(id, p, buf.count) { return UInt32(id) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    public func string(_ id: UInt32) -> String {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return String(decoding: arena[start..<end], as: UTF8.self)
    }

    public func length(_ id: UInt32) -> Int { Int(offsets[Int(id) + 1] - offsets[Int(id)]) }

    /// Calls `body` with the bytes of string `id`.
    public func withBytes<R>(_ id: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    private func matches(_ id: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        let start = Int(offsets[id])
        guard Int(offsets[id + 1]) - start == count else { return false }
        if count == 0 { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, p, count) == 0 }
    }

    private mutating func grow() {
        var newTable = [UInt32](repeating: 0, count: table.count * 2)
        let mask = newTable.count - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(h) & mask
            while newTable[slot] != 0 { slot = (slot + 1) & mask }
            newTable[slot] = UInt32(id + 1)
        }
        table = newTable
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
