import Foundation
import FuzzSupport
import OTLPWire
import SpanCore
import SpantopTestSupport
import SwiftProtobuf

/// The hand-written decoder against swift-protobuf's generated code: when both accept the
/// bytes, they must yield the same spans (the reference's invalid spans left out, as the
/// decoder's rules say) and the same number of rejected spans.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var decoder = ProtobufDecoder()
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    do throws(WireError) {
        try decoder.decode(bytes, into: &batch, outcome: &outcome)
    } catch {
        return 0
    }
    guard let request = try? PBRequest(serializedBytes: Array(bytes)) else { return 0 }
    let (expected, rejected) = Reference.acceptedRecords(request)
    let actual = batch.records()
    if actual != expected || rejected != outcome.rejectedSpans {
        // fatalError cuts long messages short, so the first differing span goes to stderr whole.
        let common = min(actual.count, expected.count)
        let first = (0..<common).first { actual[$0] != expected[$0] } ?? common
        let report = """
            decoders disagree on \(Data(Array(bytes)).base64EncodedString())
            hand-written: \(actual.count) spans, \(outcome.rejectedSpans) rejected
            swift-protobuf: \(expected.count) spans, \(rejected) rejected
            first difference at span \(first):
            hand-written: \(first < actual.count ? String(describing: actual[first]) : "none")
            swift-protobuf: \(first < expected.count ? String(describing: expected[first]) : "none")

            """
        FileHandle.standardError.write(Data(report.utf8))
        fatalError("decoders disagree at span \(first) (details above)")
    }
    FuzzStore.ingest(batch)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzProtobufDifferential_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
