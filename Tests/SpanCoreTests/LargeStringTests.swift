import Testing

@testable import SpanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prompts and message lists are large and many: every string over 16 KiB has storage of its
/// own, and their positions must never run out of bits and alias other strings.
struct LargeStringTests {
    /// 16 KiB + 64 bytes, with `i` written at both ends so every string differs.
    static func text(_ i: Int, into buffer: inout [UInt8]) {
        let digits = Array(String(i).utf8)
        for (k, d) in digits.enumerated() {
            buffer[k] = d
            buffer[buffer.count - 1 - k] = d
        }
        buffer[digits.count] = UInt8(ascii: "|")
    }

    @Test func seventyThousandLargeStringsReadBackExactly() {
        var s = StringInterner()
        let size = StringInterner.largeString + 64
        var buffer = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        var ids: [StringID] = []
        ids.reserveCapacity(70_000)
        for i in 0..<70_000 {
            var b = buffer
            Self.text(i, into: &b)
            ids.append(b.withUnsafeBytes { s.intern($0.baseAddress!, $0.count) })
            // A small string between them: small and large positions must not meet either.
            if i % 1000 == 0 { _ = s.intern("small-\(i)") }
        }
        #expect(Set(ids).count == 70_000)
        var mismatches = 0
        for (i, id) in ids.enumerated() {
            var b = buffer
            Self.text(i, into: &b)
            let same = s.withBytes(id) { stored in
                b.withUnsafeBytes {
                    stored.count == $0.count && memcmp(stored.baseAddress!, $0.baseAddress!, $0.count) == 0
                }
            }
            if !same { mismatches += 1 }
            // Interning the same text again finds the same id.
            if i % 7_000 == 0 { #expect(b.withUnsafeBytes { s.intern($0.baseAddress!, $0.count) } == id) }
        }
        #expect(mismatches == 0)
        #expect(s.lookup("small-69000") != nil)
        buffer = []
    }

    @Test func largeStringsSurviveSweeps() {
        var s = StringInterner()
        let size = StringInterner.largeString + 1
        var ids: [StringID] = []
        for i in 0..<200 {
            var b = [UInt8](repeating: UInt8(ascii: "y"), count: size)
            Self.text(i, into: &b)
            ids.append(b.withUnsafeBytes { s.intern($0.baseAddress!, $0.count) })
            ids.append(s.intern("short \(i)"))
        }
        // Keep every other large string and every short one.
        var live = [UInt64](repeating: 0, count: s.idLimit / 64 + 1)
        for (k, id) in ids.enumerated() where k % 4 != 2 { live[id.slot >> 6] |= 1 << UInt64(id.rawValue & 63) }
        _ = s.sweep(keeping: live)
        for (k, id) in ids.enumerated() {
            let i = k / 2
            if k % 2 == 1 {
                #expect(s.string(id) == "short \(i)")
            } else if k % 4 == 2 {
                #expect(s.length(id) == 0, "freed")
            } else {
                var b = [UInt8](repeating: UInt8(ascii: "y"), count: size)
                Self.text(i, into: &b)
                #expect(s.withBytes(id) { Array($0) } == b)
            }
        }
    }
}
