/// A shell-style glob over attribute keys: `*` matches any run (also empty), `?` one character;
/// everything else matches itself. No character classes or escapes — keys are dotted names.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    private enum Shape: Sendable, Hashable {
        /// No wildcard: the key must be equal.
        case literal
        /// One trailing `*` and nothing else: the key must start with the rest.
        case prefix
        case general
    }

    public let description: String
    private let pattern: [UInt8]
    private let shape: Shape

    public init(_ pattern: String) {
        description = pattern
        let bytes = Array(pattern.utf8)
        let wildcards = bytes.filter { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
        if wildcards.isEmpty {
            shape = .literal
            self.pattern = bytes
        } else if wildcards == [UInt8(ascii: "*")], bytes.last == UInt8(ascii: "*") {
            shape = .prefix
            self.pattern = Array(bytes.dropLast())
        } else {
            shape = .general
            self.pattern = bytes
        }
    }

    public func matches(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    /// Matches raw UTF-8 key bytes, as they sit in a batch's arena.
    public func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        switch shape {
        case .literal:
            return key.count == pattern.count && key.elementsEqual(pattern)
        case .prefix:
            return key.count >= pattern.count && key.prefix(pattern.count).elementsEqual(pattern)
        case .general:
            return matchGeneral(key)
        }
    }

    /// The classic linear-time matcher: on a mismatch, let the most recent `*` absorb one more
    /// character and try again from there.
    private func matchGeneral(_ key: UnsafeRawBufferPointer) -> Bool {
        var p = 0
        var k = 0
        var starP = -1
        var starK = 0
        while k < key.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") {
                p += 1
                k = Self.nextCharacter(key, after: k)
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                starP = p
                starK = k
                p += 1
            } else if p < pattern.count, pattern[p] == key[k] {
                p += 1
                k += 1
            } else if starP >= 0 {
                p = starP + 1
                starK = Self.nextCharacter(key, after: starK)
                k = starK
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// Index of the character after the one starting at `index` (UTF-8 continuation bytes skipped).
    private static func nextCharacter(_ key: UnsafeRawBufferPointer, after index: Int) -> Int {
        var i = index + 1
        while i < key.count, key[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }
}
