import Testing

@testable import SpanCore

/// The interner hashes a string's last 1-7 bytes in a few loads (overlapping the previous 8
/// for longer strings): strings that differ only there, at every length, must stay apart, and
/// equal bytes at any address must get the same id.
struct InternerHashTests {
    @Test func stringsDifferingInOneTailByteGetTheirOwnIds() {
        var s = StringInterner()
        var ids: [[StringID]] = []
        for length in 1...40 {
            var row: [StringID] = []
            for last in 0..<length {
                // Position `last` changes; every other byte is the same.
                var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: length)
                bytes[last] = UInt8(ascii: "Z")
                row.append(bytes.withUnsafeBytes { s.intern($0.baseAddress!, $0.count) })
            }
            ids.append(row)
        }
        let all = ids.flatMap { $0 }
        #expect(Set(all).count == all.count, "every variant is a distinct string")
        for length in 1...40 {
            for last in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: length + 3)
                bytes[last + 3] = UInt8(ascii: "Z")
                // The same bytes at another (unaligned) address.
                let again = bytes.withUnsafeBytes { s.intern($0.baseAddress! + 3, length) }
                #expect(again == ids[length - 1][last])
                #expect(s.string(again) == String(decoding: bytes[3...], as: UTF8.self))
            }
        }
        #expect(s.count == all.count + 1, "the empty string and the variants, nothing more")
    }
}
