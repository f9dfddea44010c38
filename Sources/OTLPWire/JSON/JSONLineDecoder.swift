import SpanCore

/// Decodes one JSON line (an OTLP `ExportTraceServiceRequest` or a flat span) straight into a
/// `SpanBatch`, working on raw bytes.
///
/// It lives for one `OTLPJSON.decodeLine` call. The batch and outcome are moved in for the call
/// (a swap, not a copy) so every helper can append to them without passing them around.
struct JSONLineDecoder: ~Copyable {
    /// Objects and arrays may not nest deeper than this anywhere in a line, so hostile input
    /// never recurses deeply. Room for `WireLimits.maxValueDepth` OTLP lists, three levels each.
    static let maxNesting = 128

    let start: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    /// The next byte to read.
    var p: UnsafePointer<UInt8>
    /// Objects and arrays open right now.
    var depth = 0
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    var pending: PendingStack
    /// The last plain key read, so a failure inside an unknown key's value can name it.
    /// (-1 after a key with escapes, whose bytes are not kept.)
    var keyStart: UnsafePointer<UInt8>
    var keyCount = 0

    init(_ line: UnsafePointer<UInt8>, count: Int, pending: consuming PendingStack) {
        start = line
        end = line + count
        p = line
        keyStart = line
        self.pending = pending
    }

    /// Decodes the whole line: a request object, a flat span object, or nothing when blank.
    mutating func decodeLine() throws(JSONFailure) {
        // A file written by some Windows tools starts with a UTF-8 byte order mark.
        if end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }
        skipWhitespace()
        if p == end { return }
        let lineMark = batch.mark
        let c = p.pointee
        guard c == UInt8(ascii: "{") else {
            throw JSONFailure("expected a JSON object (an OTLP request or a flat span), got \(Self.describe(c))")
        }
        var flat = FlatSpan()
        var sawRequest = false
        var sawFlat = false
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .resourceSpans:
                    sawRequest = true
                    try readResourceSpansList()
                case .resourceAttributes:
                    sawFlat = true
                    flat.resource.attributes = try readAttributes(sub: false)
                case .resource:
                    sawFlat = true
                    try readResource(&flat.resource)
                case .scope:
                    sawFlat = true
                    try readScope(&flat.scope)
                default:
                    if try readSpanField(field, &flat.draft) {
                        sawFlat = true
                    } else {
                        try skipValue()
                    }
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
        skipWhitespace()
        guard p == end else { throw syntax("the end of the line after the object") }
        if sawFlat {
            if sawRequest { throw JSONFailure("line mixes \"resourceSpans\" with flat span fields") }
            finishFlatSpan(&flat, lineMark: lineMark)
        }
    }
}

/// A flat span line's parts, collected until its object closes.
struct FlatSpan {
    var draft = SpanDraft()
    var resource = BatchResource()
    var scope = BatchScope(resourceIndex: 0)
}

extension JSONLineDecoder {
    /// Appends a flat span with its own resource and scope, or rejects it.
    mutating func finishFlatSpan(_ flat: inout FlatSpan, lineMark: SpanBatch.Mark) {
        if let problem = flat.draft.problem() {
            batch.rollback(to: lineMark)
            outcome.reject(problem)
            return
        }
        flat.scope.resourceIndex = UInt32(batch.resources.count)
        batch.resources.append(flat.resource)
        flat.draft.span.scopeIndex = UInt32(batch.scopes.count)
        batch.scopes.append(flat.scope)
        batch.spans.append(flat.draft.span)
    }

    /// The JSON key of `field` for error paths; for unknown keys, the key as written.
    func keyName(_ field: JSONField) -> String {
        if field != .unknown { return "\(field)" }
        if keyCount < 0 { return "(escaped key)" }
        return String(decoding: UnsafeBufferPointer(start: keyStart, count: keyCount), as: UTF8.self)
    }
}
