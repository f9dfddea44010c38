/// Stores each distinct string once and names it by a small integer.
///
/// Lookups hash raw bytes, so interning decoded text never builds a `String`. Bytes live in
/// fixed-size chunks, so growing never copies the arena or leaves doubling slack. `sweep`
/// frees the strings nothing references any more; their ids are reused by later strings.
/// Id 0 is always the empty string.
///
/// A string made of a registered prefix and an interned suffix (Eigent names each execution
/// span `task.execution:{task id}`) is stored as the two ids, 8 bytes instead of its text.
/// A JSON array interned with `internSplitting` (a model call's messages) is stored as the ids
/// of its pieces (`JSONArrayPieces`), so the messages a later call repeats are stored once.
public struct StringInterner: Sendable {
    static var chunkShift: Int { 16 }
    static var chunkSize: Int { 1 << chunkShift }
    /// Strings longer than this get a chunk of their own, so they waste no chunk tail.
    static var largeString: Int { chunkSize / 4 }

    private var chunks: [[UInt8]] = []
    /// Strings over `largeString` bytes, each in an array of its own.
    private var large: [[UInt8]] = []
    /// `starts[id]` is the chunk index shifted left by `chunkShift`, plus the offset in it; or,
    /// with `largeFlag` set, the string's position in `large`. Small strings use at most
    /// `maxChunks` chunks (2 GiB); beyond them strings go to `large` too, so positions never
    /// run out of bits and never alias.
    private var starts: [UInt32] = []
    private var lengths: [UInt32] = []
    private var hashes: [UInt32] = []
    /// Ids freed by `sweep`, reused before new ones.
    private var freeIDs: [UInt32] = []
    /// Chunk that small strings are appended to.
    private var openChunk = -1
    /// Open addressing: 0 is an empty slot, otherwise `id + 1`.
    private var table: [UInt32] = Array(repeating: 0, count: 1024)
    /// Ids of the prefixes composite strings may start with.
    private var compositePrefixes: [UInt32] = []
    /// `internSplitting`'s working buffers, kept so splitting allocates nothing per string.
    private var scratchCuts: [Int] = []
    private var scratchPieces: [UInt32] = []
    /// Set in `lengths` for a composite string; its arena bytes are the prefix and suffix ids.
    private static var compositeFlag: UInt32 { 1 << 31 }
    /// Set in `lengths` for a string stored as pieces; its arena bytes are the piece count and ids.
    private static var listFlag: UInt32 { 1 << 30 }
    private static var flags: UInt32 { compositeFlag | listFlag }
    /// Set in `starts` for a string kept in `large`.
    private static var largeFlag: UInt32 { 1 << 31 }
    /// Chunk indices fit the 15 bits above the offset.
    static var maxChunks: Int { Int(largeFlag) >> chunkShift }

    public init() {
        _ = intern("")
    }

    /// Strings currently stored.
    public var count: Int { hashes.count - freeIDs.count }
    /// One more than the highest id ever handed out: the size of an id-indexed table.
    public var idLimit: Int { hashes.count }
    /// Bytes of string data in the arena (a composite string counts its 8).
    public var arenaBytes: Int { (0..<lengths.count).reduce(0) { $0 + storedLength($1) } }

    /// Strings that start with `prefix` and continue with an interned string are stored as
    /// the pair of ids from now on.
    public mutating func storeAsComposite(prefix: String) {
        let id = intern(prefix).rawValue
        if id != 0 && !compositePrefixes.contains(id) { compositePrefixes.append(id) }
    }

    /// Bytes retained by the interner, for memory accounting.
    public var footprint: Int {
        chunks.reduce(0) { $0 + $1.capacity } + large.reduce(0) { $0 + $1.capacity }
            + (starts.capacity + lengths.capacity + hashes.capacity) * 4
            + freeIDs.capacity * 4 + table.capacity * 4
    }

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
            // The last 1-7 bytes in at most three loads, not a byte at a time; for a string of 8
            // bytes or more, the last 8 shifted down to them. The value is the bytes' own,
            // zero-extended: the multiply carries only upwards, so they must sit low.
            var tail: UInt64
            if n >= 8 {
                tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - (n - i)) * 8)
            } else {
                tail = 0
                if n & 4 != 0 {
                    tail = UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    i += 4
                }
                if n & 2 != 0 {
                    tail |= UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << UInt64(i * 8)
                    i += 2
                }
                if n & 1 != 0 { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(i * 8) }
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 32
        return h
    }

    /// Returns the id of the `count` bytes at `p`, adding them if new.
    public mutating func intern(_ p: UnsafeRawPointer, _ count: Int) -> StringID {
        StringID(rawValue: internRaw(p, count))
    }

    private mutating func internRaw(_ p: UnsafeRawPointer, _ count: Int) -> UInt32 {
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
        var length = UInt32(count)
        let start: UInt32
        if let (prefix, suffix) = compositeParts(p, count) {
            var pair = (prefix, suffix)
            start = withUnsafeBytes(of: &pair) { append($0) }
            length |= Self.compositeFlag
        } else {
            start = append(UnsafeRawBufferPointer(start: p, count: count))
        }
        let id = store(start: start, length: length, hash: h)
        table[slot] = id + 1
        if self.count * 2 > table.count { rebuildTable(size: table.count * 2) }
        return id
    }

    public mutating func intern(_ s: String) -> StringID {
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
    public func lookup(_ s: String) -> StringID? {
        var s = s
        return s.withUTF8 { buf -> StringID? in
            lookup(buf.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(bitPattern: 1)!, buf.count)
                .map(StringID.init(rawValue:))
        }
    }

    private func lookup(_ p: UnsafeRawPointer, _ count: Int) -> UInt32? {
        lookup(p, count, hash: UInt32(truncatingIfNeeded: Self.hash(p, count)))
    }

    private func lookup(_ p: UnsafeRawPointer, _ count: Int, hash h: UInt32) -> UInt32? {
        let mask = table.count - 1
        var slot = Int(h) & mask
        while table[slot] != 0 {
            let id = Int(table[slot] - 1)
            if hashes[id] == h && matches(id, p, count) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The registered prefix and interned plain suffix that make up these bytes, if any.
    private func compositeParts(_ p: UnsafeRawPointer, _ count: Int) -> (UInt32, UInt32)? {
        for prefix in compositePrefixes {
            let n = Int(lengths[Int(prefix)])
            guard count > n, matchesPlain(Int(prefix), p, n), let suffix = lookup(p + n, count - n),
                lengths[Int(suffix)] & Self.flags == 0
            else { continue }
            return (prefix, suffix)
        }
        return nil
    }

    private func isComposite(_ id: Int) -> Bool { lengths[id] & Self.compositeFlag != 0 }
    private func isList(_ id: Int) -> Bool { lengths[id] & Self.listFlag != 0 }

    /// The registered prefix a composite string starts with; nil for other strings.
    public func compositePrefix(of id: StringID) -> StringID? {
        isComposite(id.slot) ? StringID(rawValue: parts(id.slot).prefix) : nil
    }

    /// Bytes the string takes in the arena.
    private func storedLength(_ id: Int) -> Int {
        if isComposite(id) { return 8 }
        if isList(id) { return 4 * (1 + pieceIDs(id).count) }
        return Int(lengths[id])
    }

    /// The piece ids of a list string (see `internSplitting`).
    private func pieceIDs(_ id: Int) -> [UInt32] {
        let start = starts[id]
        func read(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> [UInt32] {
            let n = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            return (0..<n).map { bytes.loadUnaligned(fromByteOffset: offset + 4 + 4 * $0, as: UInt32.self) }
        }
        if start & Self.largeFlag == 0 {
            let s = Int(start)
            return chunks[s >> Self.chunkShift].withUnsafeBytes { read($0, s & (Self.chunkSize - 1)) }
        }
        return large[Int(start & ~Self.largeFlag)].withUnsafeBytes { read($0, 0) }
    }

    /// The pieces a string is stored as, when it was interned split (`internSplitting`); nil
    /// for a string stored whole. Content search reads each piece once.
    public func pieces(of id: StringID) -> [StringID]? {
        isList(id.slot) ? pieceIDs(id.slot).map(StringID.init(rawValue:)) : nil
    }

    /// Interns a JSON array's text as its pieces (the brackets, each element, the separators),
    /// each interned on its own, so arrays that repeat elements share them. Text that is not an
    /// array of two or more elements is interned whole. Reads back byte for byte.
    public mutating func internSplitting(_ p: UnsafeRawPointer, _ count: Int) -> StringID {
        let h = UInt32(truncatingIfNeeded: Self.hash(p, count))
        if let known = lookup(p, count, hash: h) { return StringID(rawValue: known) }
        guard count < Int(Self.listFlag), JSONArrayPieces.cuts(p, count, into: &scratchCuts) else {
            return intern(p, count)
        }
        var ids = scratchPieces
        scratchPieces = []
        ids.removeAll(keepingCapacity: true)
        ids.append(UInt32(scratchCuts.count))
        for k in scratchCuts.indices {
            let start = scratchCuts[k]
            let end = k + 1 < scratchCuts.count ? scratchCuts[k + 1] : count
            ids.append(internRaw(p + start, end - start))
        }
        defer { scratchPieces = ids }
        // Interning the pieces may have grown the table: find the free slot now.
        let mask = table.count - 1
        var slot = Int(h) & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        let start = ids.withUnsafeBytes { append($0) }
        let id = store(start: start, length: UInt32(count) | Self.listFlag, hash: h)
        table[slot] = id + 1
        if self.count * 2 > table.count { rebuildTable(size: table.count * 2) }
        return StringID(rawValue: id)
    }

    /// Gives a new string an id (a freed one first).
    @inline(__always)
    private mutating func store(start: UInt32, length: UInt32, hash h: UInt32) -> UInt32 {
        if let reused = freeIDs.popLast() {
            starts[Int(reused)] = start
            lengths[Int(reused)] = length
            hashes[Int(reused)] = h
            return reused
        }
        starts.append(start)
        lengths.append(length)
        hashes.append(h)
        return UInt32(hashes.count - 1)
    }

    /// The prefix and suffix ids of a composite string.
    private func parts(_ id: Int) -> (prefix: UInt32, suffix: UInt32) {
        let start = starts[id]
        func read(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> (UInt32, UInt32) {
            (
                bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
                bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            )
        }
        if start & Self.largeFlag == 0 {
            let s = Int(start)
            return chunks[s >> Self.chunkShift].withUnsafeBytes { read($0, s & (Self.chunkSize - 1)) }
        }
        return large[Int(start & ~Self.largeFlag)].withUnsafeBytes { read($0, 0) }
    }

    /// Calls `body` with the `length` bytes stored at `start` (a chunk position or a large one).
    @inline(__always)
    private func stored<R>(_ start: UInt32, _ length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if start & Self.largeFlag != 0 {
            return try large[Int(start & ~Self.largeFlag)].withUnsafeBytes {
                try body(UnsafeRawBufferPointer(rebasing: $0.prefix(length)))
            }
        }
        let s = Int(start)
        return try chunks[s >> Self.chunkShift].withUnsafeBytes { chunk in
            try body(UnsafeRawBufferPointer(rebasing: chunk[(s & (Self.chunkSize - 1))...].prefix(length)))
        }
    }

    /// The string; a freed id reads as empty.
    public func string(_ id: StringID) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    public func length(_ id: StringID) -> Int { Int(lengths[id.slot] & ~Self.flags) }

    /// Calls `body` with the bytes of string `id`.
    public func withBytes<R>(_ id: StringID, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if isList(id.slot) {
            var joined: [UInt8] = []
            joined.reserveCapacity(length(id))
            for piece in pieceIDs(id.slot) { withBytes(StringID(rawValue: piece)) { joined.append(contentsOf: $0) } }
            return try joined.withUnsafeBytes(body)
        }
        if isComposite(id.slot) {
            let (prefix, suffix) = parts(id.slot)
            var joined: [UInt8] = []
            joined.reserveCapacity(length(id))
            withBytes(StringID(rawValue: prefix)) { joined.append(contentsOf: $0) }
            withBytes(StringID(rawValue: suffix)) { joined.append(contentsOf: $0) }
            return try joined.withUnsafeBytes(body)
        }
        let length = Int(lengths[id.slot])
        guard length > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try stored(starts[id.slot], length, body)
    }

    /// Frees every string whose bit in `live` (one bit per id) is clear, packs the survivors into
    /// fresh chunks and returns the freed ids. Ids of survivors do not change.
    public mutating func sweep(keeping marks: [UInt64]) -> [StringID] {
        var live = marks
        // A composite string keeps its parts, and the prefixes stay registered.
        func keep(_ id: UInt32) {
            let word = Int(id >> 6)
            if word >= live.count { live.append(contentsOf: repeatElement(0, count: word + 1 - live.count)) }
            live[word] |= 1 << UInt64(id & 63)
        }
        for prefix in compositePrefixes { keep(prefix) }
        // A list keeps its pieces (which are plain or composite strings, never lists).
        for id in 0..<hashes.count where isList(id) {
            guard id >> 6 < marks.count, marks[id >> 6] & (1 << UInt64(id & 63)) != 0 else { continue }
            for piece in pieceIDs(id) { keep(piece) }
        }
        for id in 0..<hashes.count where isComposite(id) {
            guard id >> 6 < live.count, live[id >> 6] & (1 << UInt64(id & 63)) != 0 else { continue }
            let (prefix, suffix) = parts(id)
            keep(prefix)
            keep(suffix)
        }
        var freed: [StringID] = []
        // Survivors move to fresh chunks in the order they sit in the old ones, and each old
        // chunk is released once emptied: the sweep needs about one chunk more than what
        // survives, not a second arena (a long session's memory peaks at sweeps).
        // Sizes are read before the arena moves (a list's size is in its bytes).
        let sizes = (0..<hashes.count).map { storedLength($0) }
        var oldChunks = chunks
        var oldLarge = large
        chunks = []
        large = []
        openChunk = -1
        table = []
        let alreadyFree = Set(freeIDs)
        freeIDs.removeAll(keepingCapacity: true)
        var moving: [UInt32] = []
        for id in 0..<hashes.count {
            let isLive = id == 0 || (id >> 6 < live.count && live[id >> 6] & (1 << UInt64(id & 63)) != 0)
            if isLive && !alreadyFree.contains(UInt32(id)) {
                if sizes[id] > 0 { moving.append(UInt32(id)) }
            } else {
                if !alreadyFree.contains(UInt32(id)) { freed.append(StringID(rawValue: UInt32(id))) }
                starts[id] = 0
                lengths[id] = 0
                hashes[id] = 0
                freeIDs.append(UInt32(id))
            }
        }
        moving.sort { starts[Int($0)] < starts[Int($1)] }
        var current = -1
        for id in moving.map(Int.init) {
            if starts[id] & Self.largeFlag != 0 {
                // A large string keeps its own array: it moves without a copy.
                let position = Int(starts[id] & ~Self.largeFlag)
                large.append(oldLarge[position])
                oldLarge[position] = []
                starts[id] = Self.largeFlag | UInt32(large.count - 1)
                continue
            }
            let start = Int(starts[id])
            let chunk = start >> Self.chunkShift
            if chunk != current {
                if current >= 0 { oldChunks[current] = [] }
                current = chunk
            }
            let length = sizes[id]
            starts[id] = oldChunks[chunk].withUnsafeBytes { bytes in
                append(UnsafeRawBufferPointer(rebasing: bytes[(start & (Self.chunkSize - 1))...].prefix(length)))
            }
        }
        oldChunks = []
        oldLarge = []
        // Low ids first, so the id space stays dense.
        freeIDs.reverse()
        var size = 1024
        while size < count * 2 + 2 { size *= 2 }
        rebuildTable(size: size)
        return freed
    }

    @inline(__always)
    private func matches(_ id: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        if lengths[id] & Self.flags != 0 {
            return isComposite(id) ? matchesComposite(id, p, count) : matchesList(id, p, count)
        }
        return matchesPlain(id, p, count)
    }

    private func matchesList(_ id: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        guard length(StringID(rawValue: UInt32(id))) == count else { return false }
        var offset = 0
        for piece in pieceIDs(id) {
            let n = length(StringID(rawValue: piece))
            guard offset + n <= count, matches(Int(piece), p + offset, n) else { return false }
            offset += n
        }
        return offset == count
    }

    private func matchesComposite(_ id: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        guard length(StringID(rawValue: UInt32(id))) == count else { return false }
        let (prefix, suffix) = parts(id)
        let n = Int(lengths[Int(prefix)])
        return matchesPlain(Int(prefix), p, n) && matchesPlain(Int(suffix), p + n, count - n)
    }

    @inline(__always)
    private func matchesPlain(_ id: Int, _ p: UnsafeRawPointer, _ count: Int) -> Bool {
        guard Int(lengths[id]) == count else { return false }
        if count == 0 { return true }
        let start = starts[id]
        // Small strings first, as before large ones had a table: this is the hottest compare.
        if start & Self.largeFlag == 0 {
            let s = Int(start)
            return chunks[s >> Self.chunkShift].withUnsafeBytes {
                memcmp($0.baseAddress! + (s & (Self.chunkSize - 1)), p, count) == 0
            }
        }
        return large[Int(start & ~Self.largeFlag)].withUnsafeBytes { memcmp($0.baseAddress!, p, count) == 0 }
    }

    /// Copies `bytes` into the arena and returns where they start.
    private mutating func append(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        if bytes.isEmpty { return 0 }
        if bytes.count > Self.largeString { return appendLarge(bytes) }
        if openChunk < 0 || chunks[openChunk].count + bytes.count > Self.chunkSize {
            if chunks.count >= Self.maxChunks { return appendLarge(bytes) }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
            openChunk = chunks.count - 1
        }
        let offset = chunks[openChunk].count
        chunks[openChunk].append(contentsOf: bytes)
        return UInt32(truncatingIfNeeded: openChunk << Self.chunkShift | offset)
    }

    private mutating func appendLarge(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        large.append(Array(bytes))
        return Self.largeFlag | UInt32(large.count - 1)
    }

    private mutating func rebuildTable(size: Int) {
        var newTable = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        let free = Set(freeIDs)
        for (id, h) in hashes.enumerated() where free.isEmpty || !free.contains(UInt32(id)) {
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
