import SpanCore

/// Per-span checks applied after a span is decoded; a failing span is rejected, the rest kept.
enum SpanValidation {
    /// Returns a reason when `span` must be rejected.
    static func problem(
        traceIDLength: Int, spanIDLength: Int, parentIDLength: Int, span: BatchSpan
    ) -> String? {
        if traceIDLength != 16 {
            return traceIDLength == 0 ? "span has no trace id" : "trace id is \(traceIDLength) bytes, expected 16"
        }
        if spanIDLength != 8 {
            return spanIDLength == 0 ? "span has no span id" : "span id is \(spanIDLength) bytes, expected 8"
        }
        if parentIDLength != 0 && parentIDLength != 8 {
            return "parent span id is \(parentIDLength) bytes, expected 8 or none"
        }
        if span.traceID.isZero { return "trace id is all zeros" }
        if span.spanID.isZero { return "span id is all zeros" }
        if let end = span.endTime.ifSet, end < span.startTime {
            return "span \(span.spanID.hex) ends before it starts"
        }
        return nil
    }
}
