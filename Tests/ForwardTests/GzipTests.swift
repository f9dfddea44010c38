import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct GzipTests {
    @Test(arguments: [0, 1, 1000, 300_000])
    func roundTrips(size: Int) {
        var g = SplitMix64(seed: UInt64(size))
        let input = (0..<size).map { i in i % 7 == 0 ? UInt8(truncatingIfNeeded: g.next()) : UInt8(i % 32) }
        let compressed = Gzip.compress(input)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(TestZlib.gunzip(compressed) == input)
    }

    @Test func compressesRepetitiveSpans() {
        let encoded = Array(repeating: Array("eigent.task.id".utf8), count: 1000).flatMap { $0 }
        #expect(Gzip.compress(encoded).count * 10 < encoded.count)
    }
}
