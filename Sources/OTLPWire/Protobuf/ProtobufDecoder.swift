import SpanCore

/// Decodes OTLP protobuf `ExportTraceServiceRequest` (or `TracesData`) bytes straight into a
/// `SpanBatch`, with no intermediate message objects.
///
/// Reuse one decoder for many requests: its scratch space is kept between calls.
public struct ProtobufDecoder {
    /// Children of array and key-value list values whose parent is still open.
    private var pending: [BatchAttribute] = []

    public init() {}

    /// Appends the request's spans to `batch`. A malformed request throws and leaves `batch`
    /// as it was; well-formed but invalid spans are left out and counted in `outcome`.
    public mutating func decode(
        _ bytes: UnsafeRawBufferPointer, into batch: inout SpanBatch, outcome: inout DecodeOutcome
    ) throws(WireError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let mark = batch.mark
        let rejectedBefore = outcome
        do throws(WireError) {
            var reader = WireReader(base: base, range: 0..<bytes.count)
            while !reader.isAtEnd {
                let (field, type) = try reader.tag()
                if field == 1 {
                    try reader.expect(type, is: .lengthDelimited, field: field, in: "ExportTraceServiceRequest")
                    try decodeResourceSpans(base, try reader.lengthDelimited(), &batch, &outcome)
                } else {
                    try reader.skip(type, field: field)
                }
            }
        } catch {
            batch.rollback(to: mark)
            outcome = rejectedBefore
            pending.removeAll(keepingCapacity: true)
            throw error
        }
    }

    public mutating func decode(_ bytes: [UInt8], into batch: inout SpanBatch, outcome: inout DecodeOutcome)
        throws(WireError)
    {
        // withUnsafeBytes only rethrows untyped errors, so carry the typed one out in a Result.
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(WireError) in try decode(raw, into: &batch, outcome: &outcome) }
        }
        try result.get()
    }

    private mutating func decodeResourceSpans(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch, _ outcome: inout DecodeOutcome
    ) throws(WireError) {
        let resourceIndex = UInt32(batch.resources.count)
        batch.resources.append(BatchResource())
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ResourceSpans")
                try decodeResource(base, try reader.lengthDelimited(), resourceIndex, &batch)
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ResourceSpans")
                try decodeScopeSpans(base, try reader.lengthDelimited(), resourceIndex, &batch, &outcome)
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ResourceSpans")
                batch.resources[Int(resourceIndex)].schemaURL = try string(base, try reader.lengthDelimited(), &batch)
            default:
                try reader.skip(type, field: field)
            }
        }
    }

    private mutating func decodeResource(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ index: UInt32, _ batch: inout SpanBatch
    ) throws(WireError) {
        var reader = WireReader(base: base, range: range)
        let start = Self.continuing(batch.resources[Int(index)].attributes, in: &batch.attributes)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Resource")
                batch.attributes.append(try keyValue(base, try reader.lengthDelimited(), &batch, depth: 0))
            case 2:
                try reader.expect(type, is: .varint, field: field, in: "Resource")
                batch.resources[Int(index)].droppedAttributes = UInt32(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, field: field)
            }
        }
        batch.resources[Int(index)].attributes = RecordRange(
            start: start, count: UInt32(batch.attributes.count) - start)
    }

    private mutating func decodeScopeSpans(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ resourceIndex: UInt32,
        _ batch: inout SpanBatch, _ outcome: inout DecodeOutcome
    ) throws(WireError) {
        let scopeIndex = UInt32(batch.scopes.count)
        batch.scopes.append(BatchScope(resourceIndex: resourceIndex))
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ScopeSpans")
                try decodeScope(base, try reader.lengthDelimited(), scopeIndex, &batch)
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ScopeSpans")
                try decodeSpan(base, try reader.lengthDelimited(), scopeIndex, &batch, &outcome)
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "ScopeSpans")
                batch.scopes[Int(scopeIndex)].schemaURL = try string(base, try reader.lengthDelimited(), &batch)
            default:
                try reader.skip(type, field: field)
            }
        }
    }

    private mutating func decodeScope(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ index: UInt32, _ batch: inout SpanBatch
    ) throws(WireError) {
        var reader = WireReader(base: base, range: range)
        let start = Self.continuing(batch.scopes[Int(index)].attributes, in: &batch.attributes)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "InstrumentationScope")
                batch.scopes[Int(index)].name = try string(base, try reader.lengthDelimited(), &batch)
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "InstrumentationScope")
                batch.scopes[Int(index)].version = try string(base, try reader.lengthDelimited(), &batch)
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "InstrumentationScope")
                batch.attributes.append(try keyValue(base, try reader.lengthDelimited(), &batch, depth: 0))
            case 4:
                try reader.expect(type, is: .varint, field: field, in: "InstrumentationScope")
                batch.scopes[Int(index)].droppedAttributes = UInt32(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, field: field)
            }
        }
        batch.scopes[Int(index)].attributes = RecordRange(start: start, count: UInt32(batch.attributes.count) - start)
    }

    private mutating func decodeSpan(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ scopeIndex: UInt32,
        _ batch: inout SpanBatch, _ outcome: inout DecodeOutcome
    ) throws(WireError) {
        let mark = batch.mark
        var span = BatchSpan()
        span.scopeIndex = scopeIndex
        var traceIDLength = 0
        var spanIDLength = 0
        var parentIDLength = 0
        let attributeStart = UInt32(batch.attributes.count)
        let eventStart = UInt32(batch.events.count)
        let linkStart = UInt32(batch.links.count)
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                let r = try reader.lengthDelimited()
                traceIDLength = r.count
                // The last value wins, even a shorter one (protobuf's rule for a field given twice).
                span.traceID = r.count == 16 ? traceID(base, r.lowerBound) : .zero
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                let r = try reader.lengthDelimited()
                spanIDLength = r.count
                span.spanID = r.count == 8 ? SpanID(bigEndian64(base, r.lowerBound)) : .zero
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                span.traceState = try string(base, try reader.lengthDelimited(), &batch)
            case 4:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                let r = try reader.lengthDelimited()
                parentIDLength = r.count
                // An empty parent id after an 8-byte one makes the span a root.
                span.parentSpanID = r.count == 8 ? SpanID(bigEndian64(base, r.lowerBound)) : .zero
            case 5:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                span.name = try string(base, try reader.lengthDelimited(), &batch)
            case 6:
                try reader.expect(type, is: .varint, field: field, in: "Span")
                span.kind = UInt8(truncatingIfNeeded: try reader.varint())
            case 7:
                try reader.expect(type, is: .fixed64, field: field, in: "Span")
                span.startTime = Timestamp(unixNanoseconds: try reader.fixed64())
            case 8:
                try reader.expect(type, is: .fixed64, field: field, in: "Span")
                span.endTime = Timestamp(unixNanoseconds: try reader.fixed64())
            case 9:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                batch.attributes.append(try keyValue(base, try reader.lengthDelimited(), &batch, depth: 0))
            case 10:
                try reader.expect(type, is: .varint, field: field, in: "Span")
                span.droppedAttributes = UInt32(truncatingIfNeeded: try reader.varint())
            case 11:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                batch.events.append(try event(base, try reader.lengthDelimited(), &batch))
            case 12:
                try reader.expect(type, is: .varint, field: field, in: "Span")
                span.droppedEvents = UInt32(truncatingIfNeeded: try reader.varint())
            case 13:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                batch.links.append(try link(base, try reader.lengthDelimited(), &batch))
            case 14:
                try reader.expect(type, is: .varint, field: field, in: "Span")
                span.droppedLinks = UInt32(truncatingIfNeeded: try reader.varint())
            case 15:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span")
                try status(base, try reader.lengthDelimited(), &span, &batch)
            case 16:
                try reader.expect(type, is: .fixed32, field: field, in: "Span")
                span.flags = try reader.fixed32()
            default:
                try reader.skip(type, field: field)
            }
        }
        if let problem = SpanValidation.problem(
            traceIDLength: traceIDLength, spanIDLength: spanIDLength, parentIDLength: parentIDLength, span: span)
        {
            batch.rollback(to: mark)
            outcome.reject(problem)
            return
        }
        span.attributes = RecordRange(start: attributeStart, count: UInt32(batch.attributes.count) - attributeStart)
        span.events = RecordRange(start: eventStart, count: UInt32(batch.events.count) - eventStart)
        span.links = RecordRange(start: linkStart, count: UInt32(batch.links.count) - linkStart)
        batch.spans.append(span)
    }

    private mutating func status(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ span: inout BatchSpan, _ batch: inout SpanBatch
    ) throws(WireError) {
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Status")
                span.statusMessage = try string(base, try reader.lengthDelimited(), &batch)
            case 3:
                try reader.expect(type, is: .varint, field: field, in: "Status")
                span.statusCode = UInt8(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, field: field)
            }
        }
    }

    private mutating func event(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch
    ) throws(WireError) -> BatchEvent {
        var event = BatchEvent()
        let start = UInt32(batch.subAttributes.count)
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .fixed64, field: field, in: "Span.Event")
                event.time = Timestamp(unixNanoseconds: try reader.fixed64())
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Event")
                event.name = try string(base, try reader.lengthDelimited(), &batch)
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Event")
                batch.subAttributes.append(try keyValue(base, try reader.lengthDelimited(), &batch, depth: 0))
            case 4:
                try reader.expect(type, is: .varint, field: field, in: "Span.Event")
                event.droppedAttributes = UInt32(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, field: field)
            }
        }
        event.attributes = RecordRange(start: start, count: UInt32(batch.subAttributes.count) - start)
        return event
    }

    private mutating func link(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch
    ) throws(WireError) -> BatchLink {
        var link = BatchLink()
        let start = UInt32(batch.subAttributes.count)
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Link")
                let r = try reader.lengthDelimited()
                guard r.count == 16 else { throw WireError("link trace id is \(r.count) bytes, expected 16") }
                link.traceID = traceID(base, r.lowerBound)
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Link")
                let r = try reader.lengthDelimited()
                guard r.count == 8 else { throw WireError("link span id is \(r.count) bytes, expected 8") }
                link.spanID = SpanID(bigEndian64(base, r.lowerBound))
            case 3:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Link")
                link.traceState = try string(base, try reader.lengthDelimited(), &batch)
            case 4:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "Span.Link")
                batch.subAttributes.append(try keyValue(base, try reader.lengthDelimited(), &batch, depth: 0))
            case 5:
                try reader.expect(type, is: .varint, field: field, in: "Span.Link")
                link.droppedAttributes = UInt32(truncatingIfNeeded: try reader.varint())
            case 6:
                try reader.expect(type, is: .fixed32, field: field, in: "Span.Link")
                link.flags = try reader.fixed32()
            default:
                try reader.skip(type, field: field)
            }
        }
        link.attributes = RecordRange(start: start, count: UInt32(batch.subAttributes.count) - start)
        return link
    }

    private mutating func keyValue(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch, depth: Int
    ) throws(WireError) -> BatchAttribute {
        var attribute = BatchAttribute(key: .empty, value: .empty)
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "KeyValue")
                attribute.key = try string(base, try reader.lengthDelimited(), &batch)
            case 2:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "KeyValue")
                // A value given twice merges into the first.
                attribute.value = try anyValue(
                    base, try reader.lengthDelimited(), &batch, depth: depth, merging: attribute.value)
            default:
                try reader.skip(type, field: field)
            }
        }
        return attribute
    }

    /// An `AnyValue`, decoded on top of `earlier` (a field given twice is merged).
    private mutating func anyValue(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch, depth: Int,
        merging earlier: BatchValue = .empty
    ) throws(WireError) -> BatchValue {
        var value = earlier
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            switch field {
            case 1:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "AnyValue")
                value = .string(try string(base, try reader.lengthDelimited(), &batch))
            case 2:
                try reader.expect(type, is: .varint, field: field, in: "AnyValue")
                value = .bool(try reader.varint() != 0)
            case 3:
                try reader.expect(type, is: .varint, field: field, in: "AnyValue")
                value = .int(Int64(bitPattern: try reader.varint()))
            case 4:
                try reader.expect(type, is: .fixed64, field: field, in: "AnyValue")
                value = .double(Double(bitPattern: try reader.fixed64()))
            case 5, 6:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "AnyValue")
                guard depth < WireLimits.maxValueDepth else {
                    throw WireError("attribute values nested deeper than \(WireLimits.maxValueDepth) levels")
                }
                // A list after a list of the same kind extends it; any other value is replaced.
                let kind: ValueKind = field == 6 ? .kvlist : .array
                value = try list(
                    base, try reader.lengthDelimited(), &batch, keyed: field == 6, depth: depth + 1,
                    after: value.kind == kind ? value.range : .empty)
            case 7:
                try reader.expect(type, is: .lengthDelimited, field: field, in: "AnyValue")
                let r = try reader.lengthDelimited()
                value = .bytes(batch.appendBytes(UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count)))
            default:
                try reader.skip(type, field: field)
            }
        }
        return value
    }

    /// An `ArrayValue` or `KeyValueList`: children are collected in `pending`, then placed in
    /// `batch.nested` as one contiguous block once the list is complete. The elements of
    /// `earlier` (the same list given before) come first.
    private mutating func list(
        _ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch, keyed: Bool, depth: Int,
        after earlier: RecordRange
    ) throws(WireError) -> BatchValue {
        let pendingStart = pending.count
        for i in earlier.indices { pending.append(batch.nested[i]) }
        var reader = WireReader(base: base, range: range)
        while !reader.isAtEnd {
            let (field, type) = try reader.tag()
            if field == 1 {
                try reader.expect(type, is: .lengthDelimited, field: field, in: keyed ? "KeyValueList" : "ArrayValue")
                let r = try reader.lengthDelimited()
                let child =
                    keyed
                    ? try keyValue(base, r, &batch, depth: depth)
                    : BatchAttribute(key: .empty, value: try anyValue(base, r, &batch, depth: depth))
                pending.append(child)
            } else {
                try reader.skip(type, field: field)
            }
        }
        let start = UInt32(batch.nested.count)
        batch.nested.append(contentsOf: pending[pendingStart...])
        let count = UInt32(pending.count - pendingStart)
        pending.removeSubrange(pendingStart...)
        let r = RecordRange(start: start, count: count)
        return keyed ? .kvlist(r) : .array(r)
    }

    /// Where the attributes of a message given again start: its earlier attributes come first,
    /// copied to the end of `list` unless they are already there, so the merged run is contiguous.
    private static func continuing(_ earlier: RecordRange, in list: inout [BatchAttribute]) -> UInt32 {
        let end = UInt32(list.count)
        guard earlier.count > 0 else { return end }
        if earlier.start + earlier.count == end { return earlier.start }
        for i in earlier.indices { list.append(list[i]) }
        return end
    }

    @inline(__always)
    private func string(_ base: UnsafeRawPointer, _ range: Range<Int>, _ batch: inout SpanBatch) throws(WireError)
        -> ByteRef
    {
        guard UTF8Validation.isValid(base, range) else {
            throw WireError("string at byte \(range.lowerBound) is not valid UTF-8")
        }
        return batch.appendBytes(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    @inline(__always)
    private func bigEndian64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private func traceID(_ base: UnsafeRawPointer, _ offset: Int) -> TraceID {
        TraceID(high: bigEndian64(base, offset), low: bigEndian64(base, offset + 8))
    }
}
