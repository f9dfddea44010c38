import FuzzSupport
import OTLPWire
import SpanCore

/// The hand-written protobuf decoder on arbitrary bytes; accepted batches go to a store.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var decoder = ProtobufDecoder()
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    do throws(WireError) {
        try decoder.decode(fuzzBytes(data, size), into: &batch, outcome: &outcome)
    } catch {
        // A refused request must leave the batch empty.
        precondition(batch.spans.isEmpty, "a failed decode left spans behind")
        return 0
    }
    precondition(batch.records().count == batch.spans.count)
    FuzzStore.ingest(batch)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzProtobuf_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
