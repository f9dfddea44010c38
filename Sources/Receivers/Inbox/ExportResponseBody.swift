import SpanCore

/// The bodies OTLP servers answer with, in protobuf or JSON: `ExportTraceServiceResponse`
/// (with `partial_success` when spans were left out) and `google.rpc.Status` for errors.
public enum ExportResponseBody {
    /// `ExportTraceServiceResponse`; empty (all defaults) when nothing was rejected.
    public static func exportResponse(rejected: Int, message: String?, encoding: PayloadEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf:
            guard rejected > 0 else { return [] }
            var partial: [UInt8] = []
            appendTag(1, wireType: 0, to: &partial)
            appendVarint(UInt64(rejected), to: &partial)
            appendString(2, message ?? "", to: &partial)
            var out: [UInt8] = []
            appendBytes(1, partial, to: &out)
            return out
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            if rejected > 0 {
                writer.beginObject("partialSuccess")
                // proto3 JSON writes int64 as a decimal string.
                writer.field("rejectedSpans", String(rejected))
                writer.field("errorMessage", message ?? "")
                writer.endObject()
            }
            writer.endObject()
            return writer.bytes
        }
    }

    /// `google.rpc.Status { 1: int32 code; 2: string message }`, as OTLP/HTTP error bodies.
    /// - Parameter code: a gRPC status code (3 INVALID_ARGUMENT, 14 UNAVAILABLE, ...).
    public static func status(code: Int, message: String, encoding: PayloadEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf:
            var out: [UInt8] = []
            appendTag(1, wireType: 0, to: &out)
            appendVarint(UInt64(code), to: &out)
            appendString(2, message, to: &out)
            return out
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("code", code)
            writer.field("message", message)
            writer.endObject()
            return writer.bytes
        }
    }

    private static func appendTag(_ field: UInt64, wireType: UInt64, to out: inout [UInt8]) {
        appendVarint(field << 3 | wireType, to: &out)
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func appendString(_ field: UInt64, _ text: String, to out: inout [UInt8]) {
        appendBytes(field, Array(text.utf8), to: &out)
    }

    private static func appendBytes(_ field: UInt64, _ bytes: [UInt8], to out: inout [UInt8]) {
        appendTag(field, wireType: 2, to: &out)
        appendVarint(UInt64(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }
}
