import SpanCore

/// Writes a `SpanBatch` as OTLP JSON, the way the protobuf JSON mapping spells it.
struct OTLPJSONWriter {
    var out: [UInt8] = []
    let batch: SpanBatch
    /// `batch.bytes`, borrowed for the whole write.
    let arena: UnsafeBufferPointer<UInt8>

    init(batch: SpanBatch, arena: UnsafeBufferPointer<UInt8>) {
        self.batch = batch
        self.arena = arena
    }

    /// `{"resourceSpans":[...]}`: runs of spans with the same scope, runs of scopes with the same resource.
    mutating func writeRequest() {
        let spans = batch.spans
        guard !spans.isEmpty else {
            raw("{}")
            return
        }
        raw("{\"resourceSpans\":[")
        var i = 0
        while i < spans.count {
            if i > 0 { byte(UInt8(ascii: ",")) }
            let resourceIndex = batch.scopes[Int(spans[i].scopeIndex)].resourceIndex
            let resource = batch.resources[Int(resourceIndex)]
            byte(UInt8(ascii: "{"))
            if resource.attributes.count > 0 || resource.droppedAttributes > 0 {
                raw("\"resource\":{")
                var first = true
                attributes(resource.attributes, in: batch.attributes, &first)
                count("droppedAttributesCount", resource.droppedAttributes, &first)
                raw("},")
            }
            raw("\"scopeSpans\":[")
            var firstScope = true
            while i < spans.count && batch.scopes[Int(spans[i].scopeIndex)].resourceIndex == resourceIndex {
                if !firstScope { byte(UInt8(ascii: ",")) }
                firstScope = false
                i = writeScopeSpans(from: i)
            }
            byte(UInt8(ascii: "]"))
            if resource.schemaURL.length > 0 {
                raw(",\"schemaUrl\":")
                string(resource.schemaURL)
            }
            byte(UInt8(ascii: "}"))
        }
        raw("]}")
    }

    /// One `scopeSpans` entry for the run of spans starting at `start`; returns where the run ends.
    private mutating func writeScopeSpans(from start: Int) -> Int {
        let spans = batch.spans
        let scopeIndex = spans[start].scopeIndex
        let scope = batch.scopes[Int(scopeIndex)]
        byte(UInt8(ascii: "{"))
        if scope.name.length > 0 || scope.version.length > 0 || scope.attributes.count > 0
            || scope.droppedAttributes > 0
        {
            raw("\"scope\":{")
            var first = true
            stringField("name", scope.name, &first)
            stringField("version", scope.version, &first)
            attributes(scope.attributes, in: batch.attributes, &first)
            count("droppedAttributesCount", scope.droppedAttributes, &first)
            raw("},")
        }
        raw("\"spans\":[")
        var i = start
        while i < spans.count && spans[i].scopeIndex == scopeIndex {
            if i > start { byte(UInt8(ascii: ",")) }
            writeSpan(spans[i])
            i += 1
        }
        byte(UInt8(ascii: "]"))
        if scope.schemaURL.length > 0 {
            raw(",\"schemaUrl\":")
            string(scope.schemaURL)
        }
        byte(UInt8(ascii: "}"))
        return i
    }

    private mutating func writeSpan(_ s: BatchSpan) {
        raw("{\"traceId\":\"")
        HexCoding.appendHex(s.traceID.high, to: &out)
        HexCoding.appendHex(s.traceID.low, to: &out)
        raw("\",\"spanId\":\"")
        HexCoding.appendHex(s.spanID.raw, to: &out)
        byte(UInt8(ascii: "\""))
        var first = false
        stringField("traceState", s.traceState, &first)
        if !s.parentSpanID.isZero {
            raw(",\"parentSpanId\":\"")
            HexCoding.appendHex(s.parentSpanID.raw, to: &out)
            byte(UInt8(ascii: "\""))
        }
        count("flags", s.flags, &first)
        stringField("name", s.name, &first)
        count("kind", UInt32(s.kind), &first)
        nanos("startTimeUnixNano", s.startTime, &first)
        nanos("endTimeUnixNano", s.endTime, &first)
        attributes(s.attributes, in: batch.attributes, &first)
        count("droppedAttributesCount", s.droppedAttributes, &first)
        if s.events.count > 0 {
            raw(",\"events\":[")
            for i in s.events.indices {
                if i > Int(s.events.start) { byte(UInt8(ascii: ",")) }
                let e = batch.events[i]
                byte(UInt8(ascii: "{"))
                var firstField = true
                nanos("timeUnixNano", e.time, &firstField)
                stringField("name", e.name, &firstField)
                attributes(e.attributes, in: batch.subAttributes, &firstField)
                count("droppedAttributesCount", e.droppedAttributes, &firstField)
                byte(UInt8(ascii: "}"))
            }
            byte(UInt8(ascii: "]"))
        }
        count("droppedEventsCount", s.droppedEvents, &first)
        if s.links.count > 0 {
            raw(",\"links\":[")
            for i in s.links.indices {
                if i > Int(s.links.start) { byte(UInt8(ascii: ",")) }
                let l = batch.links[i]
                raw("{\"traceId\":\"")
                HexCoding.appendHex(l.traceID.high, to: &out)
                HexCoding.appendHex(l.traceID.low, to: &out)
                raw("\",\"spanId\":\"")
                HexCoding.appendHex(l.spanID.raw, to: &out)
                byte(UInt8(ascii: "\""))
                var firstField = false
                stringField("traceState", l.traceState, &firstField)
                attributes(l.attributes, in: batch.subAttributes, &firstField)
                count("droppedAttributesCount", l.droppedAttributes, &firstField)
                count("flags", l.flags, &firstField)
                byte(UInt8(ascii: "}"))
            }
            byte(UInt8(ascii: "]"))
        }
        count("droppedLinksCount", s.droppedLinks, &first)
        if s.statusCode != 0 || s.statusMessage.length > 0 {
            raw(",\"status\":{")
            var firstField = true
            stringField("message", s.statusMessage, &firstField)
            count("code", UInt32(s.statusCode), &firstField)
            byte(UInt8(ascii: "}"))
        }
        byte(UInt8(ascii: "}"))
    }
}

/// Fields and values.
extension OTLPJSONWriter {
    /// `"name":` preceded by a comma unless it is the object's first member.
    @inline(__always)
    private mutating func key(_ name: StaticString, _ first: inout Bool) {
        if first {
            first = false
        } else {
            byte(UInt8(ascii: ","))
        }
        byte(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    private mutating func stringField(_ name: StaticString, _ ref: ByteRef, _ first: inout Bool) {
        guard ref.length > 0 else { return }
        key(name, &first)
        string(ref)
    }

    private mutating func count(_ name: StaticString, _ value: UInt32, _ first: inout Bool) {
        guard value != 0 else { return }
        key(name, &first)
        decimal(UInt64(value))
    }

    /// A 64-bit integer as a decimal string, as the protobuf JSON mapping writes it.
    /// A time as the wire writes it: a decimal string, left out when 0 (not set).
    private mutating func nanos(_ name: StaticString, _ time: Timestamp, _ first: inout Bool) {
        let value = time.unixNanoseconds
        guard value != 0 else { return }
        key(name, &first)
        byte(UInt8(ascii: "\""))
        decimal(value)
        byte(UInt8(ascii: "\""))
    }

    private mutating func attributes(_ range: RecordRange, in list: [BatchAttribute], _ first: inout Bool) {
        guard range.count > 0 else { return }
        key("attributes", &first)
        keyValues(range, in: list)
    }

    /// `[{"key":..,"value":{..}},...]`
    private mutating func keyValues(_ range: RecordRange, in list: [BatchAttribute]) {
        byte(UInt8(ascii: "["))
        for i in range.indices {
            if i > Int(range.start) { byte(UInt8(ascii: ",")) }
            raw("{\"key\":")
            string(list[i].key)
            raw(",\"value\":")
            anyValue(list[i].value)
            byte(UInt8(ascii: "}"))
        }
        byte(UInt8(ascii: "]"))
    }

    /// An `AnyValue` object; the empty value is `{}`.
    private mutating func anyValue(_ v: BatchValue) {
        switch v.kind {
        case .empty:
            raw("{}")
        case .string:
            raw("{\"stringValue\":")
            string(v.byteRef)
            byte(UInt8(ascii: "}"))
        case .bool:
            raw(v.boolValue ? "{\"boolValue\":true}" : "{\"boolValue\":false}")
        case .int:
            raw("{\"intValue\":\"")
            JSONWriter.appendInteger(v.intValue, to: &out)
            raw("\"}")
        case .double:
            raw("{\"doubleValue\":")
            double(v.doubleValue)
            byte(UInt8(ascii: "}"))
        case .bytes:
            raw("{\"bytesValue\":\"")
            let r = v.byteRef
            if r.length > 0 { JSONBase64.encode(arena.baseAddress! + Int(r.offset), count: Int(r.length), into: &out) }
            raw("\"}")
        case .array:
            let r = v.range
            guard r.count > 0 else {
                raw("{\"arrayValue\":{}}")
                return
            }
            raw("{\"arrayValue\":{\"values\":[")
            for i in r.indices {
                if i > Int(r.start) { byte(UInt8(ascii: ",")) }
                anyValue(batch.nested[i].value)
            }
            raw("]}}")
        case .kvlist:
            let r = v.range
            guard r.count > 0 else {
                raw("{\"kvlistValue\":{}}")
                return
            }
            raw("{\"kvlistValue\":{\"values\":")
            keyValues(r, in: batch.nested)
            raw("}}")
        }
    }

    /// Shortest round-trip digits; NaN and infinities as the protobuf JSON mapping's strings
    /// (where plain JSON would have `null`).
    private mutating func double(_ d: Double) {
        if d.isNaN {
            raw("\"NaN\"")
        } else if d.isInfinite {
            raw(d < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            JSONWriter.appendNumber(d, to: &out)
        }
    }

    private mutating func decimal(_ value: UInt64) { JSONWriter.appendInteger(value, to: &out) }

    /// The arena string `ref`, quoted and escaped.
    mutating func string(_ ref: ByteRef) {
        let start = Int(ref.offset)
        JSONWriter.appendString(UnsafeBufferPointer(rebasing: arena[start..<start + Int(ref.length)]), to: &out)
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) { out.append(b) }

    @inline(__always)
    private mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
