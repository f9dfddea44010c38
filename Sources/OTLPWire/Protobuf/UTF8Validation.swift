import SpanCore

/// Checks that bytes are well-formed UTF-8 without building a String.
enum UTF8Validation {
    static func isValid(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        // ASCII runs, eight bytes at a time.
        while i + 8 <= end {
            if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        while i < end {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let n = UTF8Sequence.wellFormedLength(bytes + i, bytes + end)
            guard n > 0 else { return false }
            i += n
        }
        return true
    }
}
