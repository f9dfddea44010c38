import Foundation
import OTLPReference
import SpanCore
import SpantopTestSupport
import SwiftProtobuf
import Testing

@testable import OTLPWire

/// The fast decoder must agree with swift-protobuf's generated code on the same bytes.
struct ProtobufDifferentialTests {
    func fastRecords(_ bytes: [UInt8]) throws -> [SpanRecord] {
        var decoder = ProtobufDecoder()
        var batch = SpanBatch()
        var outcome = DecodeOutcome()
        try decoder.decode(bytes, into: &batch, outcome: &outcome)
        #expect(outcome.rejectedSpans == 0)
        return batch.records()
    }

    @Test func fixturesDecodeLikeSwiftProtobuf() throws {
        let requests = try Fixtures.protobufRequests()
        #expect(requests.count >= 10)
        var total = 0
        for bytes in requests {
            let reference = Reference.records(try PBRequest(serializedBytes: bytes))
            let fast = try fastRecords(bytes)
            #expect(fast == reference)
            total += fast.count
        }
        #expect(total == 64)
    }

    @Test(arguments: 0..<40)
    func randomRequestsDecodeLikeSwiftProtobuf(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed))
        let records = RandomSpans.spans(&g, count: Int.random(in: 1...20, using: &g))
        let bytes: [UInt8] = try Reference.request(records).serializedBytes()
        let reference = Reference.records(try PBRequest(serializedBytes: bytes))
        #expect(reference == records)
        #expect(try fastRecords(bytes) == reference)
    }

    @Test(arguments: 0..<40)
    func encodeThenDecodeIsIdentity(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(1000 + seed))
        var batch = SpanBatch()
        batch.append(records: RandomSpans.spans(&g, count: Int.random(in: 1...30, using: &g)))
        let encoded = ProtobufEncoder.encode(batch)
        #expect(try fastRecords(encoded) == batch.records())
        // And the reference decoder reads our encoding the same way.
        #expect(Reference.records(try PBRequest(serializedBytes: encoded)) == batch.records())
    }

    @Test func unknownFieldsAreSkipped() throws {
        var g = SplitMix64(seed: 7)
        let records = RandomSpans.spans(&g, count: 3)
        // Unknown top-level fields of every wire type (varint, length-delimited, fixed32,
        // fixed64, group) around a valid request.
        let unknown: [UInt8] = [
            0xF8, 0x07, 0x01, 0xFA, 0x07, 0x02, 0x61, 0x62, 0xFD, 0x07, 1, 2, 3, 4,
            0xF9, 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 0xFB, 0x07, 0x08, 0x01, 0xFC, 0x07,
        ]
        let bytes: [UInt8] = unknown + (try Reference.request(records).serializedBytes()) + unknown
        #expect(Reference.records(try PBRequest(serializedBytes: bytes)) == records)
        #expect(try fastRecords(bytes) == records)
    }
}
