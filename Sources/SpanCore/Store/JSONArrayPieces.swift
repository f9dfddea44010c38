#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts the text of a JSON array into pieces that concatenate back to it byte for byte: the
/// opening bracket (with any whitespace around it), then each element and the separator after
/// it, then the closing bracket. A model call's `gen_ai.input.messages` repeats the earlier
/// calls' messages; cut this way, each message is one interned piece shared by every call.
enum JSONArrayPieces {
    /// Piece boundaries (each piece runs from one cut to the next; the last to `count`), or nil
    /// when the text is not one array of at least two elements (then it is stored whole).
    static func cuts(_ p: UnsafeRawPointer, _ count: Int) -> [Int]? {
        var found: [Int] = []
        return Self.cuts(p, count, into: &found) ? found : nil
    }

    /// `cuts` into a caller's buffer (emptied first; its capacity is reused); false when the
    /// text is not one array of at least two elements.
    static func cuts(_ p: UnsafeRawPointer, _ count: Int, into cuts: inout [Int]) -> Bool {
        cuts.removeAll(keepingCapacity: true)
        let bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: count)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var i = 0
        while i < count && isSpace(bytes[i]) { i += 1 }
        guard i < count, bytes[i] == UInt8(ascii: "[") else { return false }
        i += 1
        while i < count && isSpace(bytes[i]) { i += 1 }
        cuts.append(0)
        var depth = 0
        var inString = false
        var elementStart = i
        var elements = 0
        while i < count {
            let b = bytes[i]
            if inString {
                // Jump to the next quote (memchr), then see whether a backslash escapes it:
                // message text is mostly string contents, so this is where the time goes.
                guard let q = memchr(p + i, Int32(UInt8(ascii: "\"")), count - i) else { return false }
                var j = p.distance(to: UnsafeRawPointer(q))
                var slashes = 0
                while j - 1 - slashes >= i && bytes[j - 1 - slashes] == UInt8(ascii: "\\") { slashes += 1 }
                if slashes % 2 == 1 {
                    i = j + 1
                    continue
                }
                inString = false
                j += 1
                i = j
                continue
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"):
                    depth -= 1
                    if depth < 0 { return false }
                case UInt8(ascii: "]"):
                    if depth == 0 {
                        // The end of the array: the last element, then the closing piece.
                        var end = i
                        while end > elementStart && isSpace(bytes[end - 1]) { end -= 1 }
                        guard end > elementStart else { return false }
                        var rest = i + 1
                        while rest < count && isSpace(bytes[rest]) { rest += 1 }
                        guard rest == count else { return false }
                        cuts.append(elementStart)
                        cuts.append(end)
                        elements += 1
                        return elements >= 2
                    }
                    depth -= 1
                case UInt8(ascii: ",") where depth == 0:
                    var end = i
                    while end > elementStart && isSpace(bytes[end - 1]) { end -= 1 }
                    guard end > elementStart else { return false }
                    cuts.append(elementStart)
                    cuts.append(end)
                    elements += 1
                    i += 1
                    while i < count && isSpace(bytes[i]) { i += 1 }
                    elementStart = i
                    continue
                default: break
                }
            }
            i += 1
        }
        return false
    }
}
