#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search with ASCII letters compared without case, over raw UTF-8 bytes (content
/// search reads the store's strings without building a `String` per string).
public enum TextSearch {
    public static func folded(_ query: String) -> [UInt8] { Array(query.utf8).map(folded) }

    /// Whether `text` contains `query`, ASCII letters without case; an empty query never matches.
    public static func contains(_ text: String, _ query: String) -> Bool {
        let needle = folded(query)
        guard !needle.isEmpty else { return false }
        var text = text
        return text.withUTF8 { find(needle, in: UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    static func folded(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Letters from most to least common in English text: the search scans for the needle's
    /// rarest byte, so `memchr` stops less often.
    private static let commonness: [UInt8] = Array(" etaoinshrdlcumwfgypbvkjxqz".utf8)

    static func rarest(_ needle: [UInt8]) -> Int {
        var best = 0
        var bestRank = -1
        for (i, b) in needle.enumerated() {
            // Bytes that are not common letters (digits, punctuation, non-ASCII) rank rarest.
            let rank = commonness.firstIndex(of: b) ?? commonness.count
            if rank > bestRank {
                best = i
                bestRank = rank
            }
        }
        return best
    }

    /// Whether `needle` (already folded) occurs in `hay`, ASCII letters without case. Its rarest
    /// byte is found with `memchr` (both cases of a letter), the rest compared in place.
    static func find(_ needle: [UInt8], in hay: UnsafeRawBufferPointer) -> Bool {
        let m = needle.count
        let n = hay.count
        guard m > 0, m <= n, let base = hay.baseAddress else { return false }
        let at = rarest(needle)
        let key = needle[at]
        let isLetter = key >= 0x61 && key <= 0x7A
        // Positions of the key byte that leave room for the needle around it.
        let lo = at
        let hi = n - m + at
        return needle.withUnsafeBufferPointer { q in
            func next(_ byte: UInt8, from: Int) -> Int {
                guard from <= hi, let p = memchr(base + from, Int32(byte), hi - from + 1) else { return n }
                return base.distance(to: UnsafeRawPointer(p))
            }
            var lower = next(key, from: lo)
            var upper = isLetter ? next(key - 0x20, from: lo) : n
            while true {
                let j = min(lower, upper)
                if j > hi { return false }
                let i = j - at
                var k = 0
                while k < m && folded(hay[i + k]) == q[k] { k += 1 }
                if k == m { return true }
                if j == lower { lower = next(key, from: j + 1) } else { upper = next(key - 0x20, from: j + 1) }
            }
        }
    }
}
