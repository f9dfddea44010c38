import SpanCore

/// OTLP JSON lines: decoding requests and flat span lines into a `SpanBatch`, and encoding a
/// batch back as one `ExportTraceServiceRequest` object.
///
/// Both line forms are accepted, told apart by their keys:
/// - an OTLP `ExportTraceServiceRequest` / `TracesData` object (`{"resourceSpans": [...]}`), as
///   the Collector's file exporter and Python's `opentelemetry-exporter-otlp-json-file` write it;
/// - a flat span (`{"name", "traceId", "spanId", ..., "attributes": {k: v}, "resourceAttributes":
///   {k: v}, "scope": {...}}`) with plain JSON attribute values.
public enum OTLPJSON {
    /// Appends the spans of one JSON line to `batch`.
    ///
    /// A malformed line (bad JSON or UTF-8, wrong types, values out of range, nesting too deep)
    /// throws a `WireError` whose reason says where, and leaves `batch` and `outcome` as they
    /// were. Well-formed spans that are invalid (bad ids, end before start) are left out and
    /// counted in `outcome`; the rest of the line is kept. A blank line decodes to nothing.
    /// - Parameters:
    ///   - line: the line's bytes, with or without its newline.
    ///   - batch: where spans are appended.
    ///   - outcome: collects rejected spans.
    public static func decodeLine(
        _ line: UnsafeRawBufferPointer, into batch: inout SpanBatch, outcome: inout DecodeOutcome
    ) throws(WireError) {
        guard let base = line.baseAddress, line.count > 0 else { return }
        let mark = batch.mark
        let before = outcome
        // Pending list children start in a small stack buffer: no heap allocation per line.
        let failure = withUnsafeTemporaryAllocation(of: BatchAttribute.self, capacity: 32) { buffer -> JSONFailure? in
            var decoder = JSONLineDecoder(
                base.assumingMemoryBound(to: UInt8.self), count: line.count,
                pending: PendingStack(borrowing: buffer))
            // Move the batch in and out (a swap, not a copy) so appends stay in place.
            swap(&decoder.batch, &batch)
            decoder.outcome = outcome
            var failure: JSONFailure?
            do throws(JSONFailure) {
                try decoder.decodeLine()
            } catch {
                failure = error
            }
            swap(&decoder.batch, &batch)
            outcome = decoder.outcome
            return failure
        }
        if let failure {
            batch.rollback(to: mark)
            outcome = before
            throw failure.wireError
        }
    }

    /// Appends the spans of one JSON line to `batch`; see `decodeLine(_:into:outcome:)`.
    public static func decodeLine(
        _ line: [UInt8], into batch: inout SpanBatch, outcome: inout DecodeOutcome
    ) throws(WireError) {
        // `Array.withUnsafeBytes` rethrows untyped errors, so carry the error out by hand.
        let failure = line.withUnsafeBytes { raw -> WireError? in
            do throws(WireError) {
                try decodeLine(raw, into: &batch, outcome: &outcome)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Appends `batch` to `out` as one OTLP JSON `ExportTraceServiceRequest` object (no newline).
    ///
    /// Consecutive spans of one scope share a `scopeSpans` entry, consecutive scopes of one
    /// resource a `resourceSpans` entry; order is kept. Ids are lowercase hex, 64-bit integers
    /// decimal strings, enums integers, bytes base64; zero and empty fields are left out.
    public static func encode(_ batch: SpanBatch, into out: inout [UInt8]) {
        batch.bytes.withUnsafeBufferPointer { arena in
            var writer = OTLPJSONWriter(batch: batch, arena: arena)
            swap(&writer.out, &out)
            writer.writeRequest()
            swap(&writer.out, &out)
        }
    }

    /// `batch` as one OTLP JSON `ExportTraceServiceRequest` object (no newline).
    public static func encode(_ batch: SpanBatch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(batch.bytes.count + batch.spans.count * 256 + 64)
        encode(batch, into: &out)
        return out
    }
}
