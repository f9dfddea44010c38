import CFuzzerDriver
import Foundation
import SpanCore

/// Feeds a decoded batch to a fresh `TraceStore`, so the task model sees the fuzzer's data.
///
/// The store is small (eviction runs early) and gets the batch twice (the second time every
/// span is a duplicate); then the report (tasks, insights, JSON) is built from it. A fresh store
/// per input keeps every crash reproducible from its input alone.
///
/// `SPANTOP_FUZZ_STORE` trades depth for speed: `report` (the default) does all of it,
/// `ingest` skips the report, `none` only decodes.
public enum FuzzStore {
    enum Depth { case none, ingest, report }

    static let depth: Depth =
        switch getenv("SPANTOP_FUZZ_STORE").map({ String(cString: $0) }) {
        case "none": .none
        case "ingest": .ingest
        default: .report
        }

    public static func ingest(_ batch: SpanBatch) {
        guard depth != .none, !batch.spans.isEmpty else { return }
        let store = TraceStore(maxSpans: 64)
        store.ingest(batch)
        store.ingest(batch)
        if depth == .report { _ = Report(store).jsonBytes() }
    }
}

/// The fuzzer's bytes as a buffer; libFuzzer may pass a null pointer with size 0.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: size)
}

/// Runs libFuzzer with `callback` as the target; each fuzz target's `<Module>_main` calls it.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
