import CFuzzerDriver
import SpanCore

/// Feeds a decoded batch to a fresh `TraceStore`, so the task model sees the fuzzer's data.
///
/// The store is small (eviction runs early) and gets the batch twice (the second time every
/// span is a duplicate); then the report (tasks, insights, JSON) is built from it. A fresh store
/// per input keeps every crash reproducible from its input alone.
public enum FuzzStore {
    public static func ingest(_ batch: SpanBatch) {
        guard !batch.spans.isEmpty else { return }
        let store = TraceStore(maxSpans: 64)
        store.ingest(batch)
        store.ingest(batch)
        _ = Report(store).jsonBytes()
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
