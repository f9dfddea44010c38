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

    /// Whether `needle` (already folded) occurs in `hay`, ASCII letters without case.
    static func find(_ needle: [UInt8], in hay: UnsafeRawBufferPointer) -> Bool {
        let m = needle.count
        let n = hay.count
        guard m <= n else { return false }
        return needle.withUnsafeBufferPointer { q in
            let first = q[0]
            var i = 0
            while i <= n - m {
                if folded(hay[i]) == first {
                    var k = 1
                    while k < m && folded(hay[i + k]) == q[k] { k += 1 }
                    if k == m { return true }
                }
                i += 1
            }
            return false
        }
    }
}
