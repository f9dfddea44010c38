import Foundation
import OTLPWire
import SpanCore

/// Writes one trace as a single OTLP JSON line (an `ExportTraceServiceRequest`), readable by
/// `spantop report`/`replay` and by the OpenTelemetry Collector's file receiver.
enum TraceExport {
    /// Returns the file written, in the current directory unless `SPANTOP_EXPORT_DIR` is set.
    static func write(_ id: TraceID, from store: TraceStore) throws -> (path: String, spans: Int) {
        guard let trace = store.trace(id) else { throw CLIError("that trace is no longer stored") }
        var batch = SpanBatch()
        batch.append(records: store.records(of: trace))
        var bytes = OTLPJSON.encode(batch)
        bytes.append(0x0A)
        let dir = ProcessInfo.processInfo.environment["SPANTOP_EXPORT_DIR"] ?? FileManager.default.currentDirectoryPath
        let path = dir + "/spantop-trace-\(id.hex).otlp.jsonl"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CLIError("cannot write \(path)")
        }
        return (path, trace.spans.count)
    }
}
