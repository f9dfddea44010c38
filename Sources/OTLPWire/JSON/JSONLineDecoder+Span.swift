import SpanCore

/// A span being decoded, with what validation needs to know about its ids.
struct SpanDraft {
    var span = BatchSpan()
    /// Id lengths in bytes (hex digits / 2), as `SpanValidation` expects.
    var traceIDLength = 0
    var spanIDLength = 0
    var parentIDLength = 0
    /// Set when an id (the span's or a link's) is not hex at all.
    var idProblem: String?

    /// Why the span must be rejected, if it must.
    func problem() -> String? {
        if let idProblem { return idProblem }
        return SpanValidation.problem(
            traceIDLength: traceIDLength, spanIDLength: spanIDLength, parentIDLength: parentIDLength, span: span)
    }
}

/// Span fields, shared by OTLP spans and flat span lines.
extension JSONLineDecoder {
    /// One `Span` of a `ScopeSpans`: appended, or rejected with the rest of the line kept.
    mutating func readSpan(_ scopeIndex: UInt32, _ location: SpanLocation) throws(JSONFailure) {
        let mark = batch.mark
        var draft = SpanDraft()
        draft.span.scopeIndex = scopeIndex
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                if try !readSpanField(field, &draft) { try skipValue() }
            } catch {
                throw error.under(keyName(field))
            }
        }
        if let problem = draft.problem() {
            batch.rollback(to: mark)
            outcome.reject("\(location.path): \(problem)")
            return
        }
        batch.spans.append(draft.span)
    }

    /// Decodes the value of one span field; false when `field` is not a span field.
    mutating func readSpanField(_ field: JSONField, _ d: inout SpanDraft) throws(JSONFailure) -> Bool {
        switch field {
        case .traceId:
            let id = try readHexID()
            d.traceIDLength = id.byteLength
            if id.digits == 32 { d.span.traceID = TraceID(high: id.high, low: id.low) }
            if let problem = id.problem("trace id", expectedDigits: 32) { d.idProblem = d.idProblem ?? problem }
        case .spanId:
            let id = try readHexID()
            d.spanIDLength = id.byteLength
            if id.digits == 16 { d.span.spanID = SpanID(id.low) }
            if let problem = id.problem("span id", expectedDigits: 16) { d.idProblem = d.idProblem ?? problem }
        case .parentSpanId:
            let id = try readHexID()
            d.parentIDLength = id.byteLength
            if id.digits == 16 { d.span.parentSpanID = SpanID(id.low) }
            if let problem = id.problem("parent span id", expectedDigits: 16) { d.idProblem = d.idProblem ?? problem }
        case .traceState: d.span.traceState = try readStringValue()
        case .name: d.span.name = try readStringValue()
        case .kind: d.span.kind = try readEnum(.kind)
        case .flags: d.span.flags = try readUInt32()
        case .startTimeUnixNano: d.span.startTime = Timestamp(unixNanoseconds: try readUInt64())
        case .endTimeUnixNano: d.span.endTime = Timestamp(unixNanoseconds: try readUInt64())
        case .attributes: d.span.attributes = try readAttributes(sub: false)
        case .droppedAttributesCount: d.span.droppedAttributes = try readUInt32()
        case .events: d.span.events = try readEvents()
        case .droppedEventsCount: d.span.droppedEvents = try readUInt32()
        case .links: d.span.links = try readLinks(&d)
        case .droppedLinksCount: d.span.droppedLinks = try readUInt32()
        case .status: try readStatus(&d.span)
        default: return false
        }
        return true
    }

    private mutating func readEvents() throws(JSONFailure) -> RecordRange {
        let start = batch.events.count
        try openArray()
        var first = true
        var i = 0
        while try nextElement(&first) {
            do throws(JSONFailure) {
                var event = BatchEvent()
                try openObject()
                var firstField = true
                while let field = try nextField(&firstField) {
                    do throws(JSONFailure) {
                        switch field {
                        case .timeUnixNano: event.time = Timestamp(unixNanoseconds: try readUInt64())
                        case .name: event.name = try readStringValue()
                        case .attributes: event.attributes = try readAttributes(sub: true)
                        case .droppedAttributesCount: event.droppedAttributes = try readUInt32()
                        default: try skipValue()
                        }
                    } catch {
                        throw error.under(keyName(field))
                    }
                }
                batch.events.append(event)
            } catch {
                throw error.under(index: i)
            }
            i += 1
        }
        return RecordRange(start: UInt32(start), count: UInt32(batch.events.count - start))
    }

    /// Links; a link id that is not 32 / 16 hex digits (or empty) rejects the span.
    private mutating func readLinks(_ d: inout SpanDraft) throws(JSONFailure) -> RecordRange {
        let start = batch.links.count
        try openArray()
        var first = true
        var i = 0
        while try nextElement(&first) {
            do throws(JSONFailure) {
                var link = BatchLink()
                try openObject()
                var firstField = true
                while let field = try nextField(&firstField) {
                    do throws(JSONFailure) {
                        switch field {
                        case .traceId:
                            let id = try readHexID()
                            if id.digits == 32 { link.traceID = TraceID(high: id.high, low: id.low) }
                            if id.digits != 0,
                                let problem = id.problem("link \(i) trace id", expectedDigits: 32, strict: true)
                            {
                                d.idProblem = d.idProblem ?? problem
                            }
                        case .spanId:
                            let id = try readHexID()
                            if id.digits == 16 { link.spanID = SpanID(id.low) }
                            if id.digits != 0,
                                let problem = id.problem("link \(i) span id", expectedDigits: 16, strict: true)
                            {
                                d.idProblem = d.idProblem ?? problem
                            }
                        case .traceState: link.traceState = try readStringValue()
                        case .attributes: link.attributes = try readAttributes(sub: true)
                        case .droppedAttributesCount: link.droppedAttributes = try readUInt32()
                        case .flags: link.flags = try readUInt32()
                        default: try skipValue()
                        }
                    } catch {
                        throw error.under(keyName(field))
                    }
                }
                batch.links.append(link)
            } catch {
                throw error.under(index: i)
            }
            i += 1
        }
        return RecordRange(start: UInt32(start), count: UInt32(batch.links.count - start))
    }

    /// `{"code": 2, "message": "..."}`; flat lines may also give just the code ("ERROR" or 2).
    private mutating func readStatus(_ span: inout BatchSpan) throws(JSONFailure) {
        let c = try peek()
        guard c == UInt8(ascii: "{") else {
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
                span.statusCode = try readEnum(.statusCode)
                return
            }
            throw mismatch("a status object")
        }
        try openObject()
        var first = true
        while let field = try nextField(&first) {
            do throws(JSONFailure) {
                switch field {
                case .code: span.statusCode = try readEnum(.statusCode)
                case .message: span.statusMessage = try readStringValue()
                default: try skipValue()
                }
            } catch {
                throw error.under(keyName(field))
            }
        }
    }
}
