#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Per attribute position, the key and string value the previous span of the batch had there,
/// with where their bytes sit in the batch.
///
/// Spans of one kind carry the same keys in the same order, and often the same values (a
/// worker, a model, a status): comparing bytes with the previous span's costs less than
/// hashing them to intern. A guess holds only within one batch (`reset`), since it points
/// into the batch's bytes, and its ids cannot be swept while the batch is being stored.
/// The guesses live in memory of their own, written in place (an inline array in the store was
/// copied whole, 1 KiB, on every access).
struct AttributeGuesses: ~Copyable {
    static var positions: Int { 32 }

    private struct Guess {
        var key = ByteRef(offset: 0, length: .max)
        var keyID = StringID.empty
        var value = ByteRef(offset: 0, length: .max)
        var valueID = StringID.empty
    }

    private let guesses: UnsafeMutablePointer<Guess>

    init() {
        guesses = .allocate(capacity: Self.positions)
        guesses.initialize(repeating: Guess(), count: Self.positions)
    }

    deinit { guesses.deallocate() }

    /// Forgets every guess: a new batch's bytes are elsewhere.
    mutating func reset() {
        guesses.update(repeating: Guess(), count: Self.positions)
    }

    @inline(__always)
    func key(at position: Int, _ ref: ByteRef, _ base: UnsafeRawPointer) -> StringID? {
        guard position < Self.positions, Self.same(guesses[position].key, ref, base) else { return nil }
        return guesses[position].keyID
    }

    @inline(__always)
    mutating func noteKey(at position: Int, _ ref: ByteRef, _ id: StringID) {
        guard position < Self.positions else { return }
        guesses[position].key = ref
        guesses[position].keyID = id
    }

    @inline(__always)
    func value(at position: Int, _ ref: ByteRef, _ base: UnsafeRawPointer) -> StringID? {
        guard position < Self.positions, Self.same(guesses[position].value, ref, base) else { return nil }
        return guesses[position].valueID
    }

    @inline(__always)
    mutating func noteValue(at position: Int, _ ref: ByteRef, _ id: StringID) {
        guard position < Self.positions else { return }
        guesses[position].value = ref
        guesses[position].valueID = id
    }

    /// Whether two byte ranges of one batch hold the same bytes (an unset guess matches none).
    @inline(__always)
    private static func same(_ a: ByteRef, _ b: ByteRef, _ base: UnsafeRawPointer) -> Bool {
        a.length == b.length
            && (a.offset == b.offset || memcmp(base + Int(a.offset), base + Int(b.offset), Int(a.length)) == 0)
    }
}
