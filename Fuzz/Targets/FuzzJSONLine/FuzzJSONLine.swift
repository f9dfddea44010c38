import FuzzSupport
import OTLPWire
import SpanCore

/// `OTLPJSON.decodeLine` (OTLP JSON requests and flat span lines) on arbitrary bytes; an
/// accepted line's batch goes to a store and must survive a JSON encode/decode round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    do throws(WireError) {
        try OTLPJSON.decodeLine(fuzzBytes(data, size), into: &batch, outcome: &outcome)
    } catch {
        precondition(batch.spans.isEmpty, "a failed decode left spans behind")
        return 0
    }
    guard !batch.spans.isEmpty else { return 0 }
    // What we write we must read back, span for span.
    var encoded: [UInt8] = []
    OTLPJSON.encode(batch, into: &encoded)
    var again = SpanBatch()
    var againOutcome = DecodeOutcome()
    do throws(WireError) {
        try OTLPJSON.decodeLine(encoded, into: &again, outcome: &againOutcome)
    } catch {
        preconditionFailure("our own JSON encoding of an accepted line was refused: \(error)")
    }
    precondition(again.spans.count == batch.spans.count, "round trip changed the span count")
    FuzzStore.ingest(batch)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzJSONLine_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
