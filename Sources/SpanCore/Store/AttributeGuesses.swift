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

    /// What is guessed: an attribute's key or its string value.
    enum Part: Int {
        case key = 0
        case value = 1
    }

    private struct Guess {
        var ref = ByteRef(offset: 0, length: .max)
        var id = StringID.empty
    }

    /// The keys' guesses, then the values'.
    private let guesses: UnsafeMutablePointer<Guess>

    init() {
        guesses = .allocate(capacity: 2 * Self.positions)
        guesses.initialize(repeating: Guess(), count: 2 * Self.positions)
    }

    deinit { guesses.deallocate() }

    /// Forgets every guess: a new batch's bytes are elsewhere.
    mutating func reset() {
        guesses.update(repeating: Guess(), count: 2 * Self.positions)
    }

    /// The id of `part` at `position` in the previous span when its bytes equal `ref`'s.
    @inline(__always)
    func id(of part: Part, at position: Int, _ ref: ByteRef, _ base: UnsafeRawPointer) -> StringID? {
        guard position < Self.positions else { return nil }
        let guess = guesses[part.rawValue * Self.positions + position]
        return Self.same(guess.ref, ref, base) ? guess.id : nil
    }

    @inline(__always)
    mutating func note(_ part: Part, at position: Int, _ ref: ByteRef, _ id: StringID) {
        guard position < Self.positions else { return }
        guesses[part.rawValue * Self.positions + position] = Guess(ref: ref, id: id)
    }

    /// Whether two byte ranges of one batch hold the same bytes (an unset guess matches none).
    @inline(__always)
    private static func same(_ a: ByteRef, _ b: ByteRef, _ base: UnsafeRawPointer) -> Bool {
        a.length == b.length
            && (a.offset == b.offset || memcmp(base + Int(a.offset), base + Int(b.offset), Int(a.length)) == 0)
    }
}
