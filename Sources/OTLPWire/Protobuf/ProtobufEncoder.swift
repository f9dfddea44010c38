import SpanCore

/// Encodes a `SpanBatch` as an OTLP protobuf `ExportTraceServiceRequest`.
public enum ProtobufEncoder {
    public static func encode(_ batch: SpanBatch) -> [UInt8] {
        var w = WireWriter(reserving: batch.bytes.count + batch.spans.count * 64)
        var i = 0
        let spans = batch.spans
        while i < spans.count {
            // Consecutive spans of the same resource form one ResourceSpans.
            let resourceIndex = batch.scopes[Int(spans[i].scopeIndex)].resourceIndex
            let rs = w.beginMessage(1)
            let resource = batch.resources[Int(resourceIndex)]
            if resource.attributes.count > 0 || resource.droppedAttributes > 0 {
                let r = w.beginMessage(1)
                attributes(resource.attributes, batch.attributes, batch, field: 1, &w)
                w.uint(2, UInt64(resource.droppedAttributes))
                w.endMessage(r)
            }
            while i < spans.count, batch.scopes[Int(spans[i].scopeIndex)].resourceIndex == resourceIndex {
                let scopeIndex = spans[i].scopeIndex
                let scope = batch.scopes[Int(scopeIndex)]
                let ss = w.beginMessage(2)
                if scope.name.length > 0 || scope.version.length > 0 || scope.attributes.count > 0
                    || scope.droppedAttributes > 0
                {
                    let s = w.beginMessage(1)
                    string(1, scope.name, batch, &w)
                    string(2, scope.version, batch, &w)
                    attributes(scope.attributes, batch.attributes, batch, field: 3, &w)
                    w.uint(4, UInt64(scope.droppedAttributes))
                    w.endMessage(s)
                }
                while i < spans.count, spans[i].scopeIndex == scopeIndex {
                    span(spans[i], batch, &w)
                    i += 1
                }
                string(3, scope.schemaURL, batch, &w)
                w.endMessage(ss)
            }
            string(3, resource.schemaURL, batch, &w)
            w.endMessage(rs)
        }
        return w.out
    }

    private static func span(_ s: BatchSpan, _ batch: SpanBatch, _ w: inout WireWriter) {
        let m = w.beginMessage(2)
        w.bigEndian(1, s.traceID.high, s.traceID.low)
        w.bigEndian(2, s.spanID.raw)
        string(3, s.traceState, batch, &w)
        if !s.parentSpanID.isZero { w.bigEndian(4, s.parentSpanID.raw) }
        string(5, s.name, batch, &w)
        w.uint(6, UInt64(s.kind))
        w.fixed64(7, s.startTime.unixNanoseconds)
        w.fixed64(8, s.endTime.unixNanoseconds)
        attributes(s.attributes, batch.attributes, batch, field: 9, &w)
        w.uint(10, UInt64(s.droppedAttributes))
        for ei in s.events.indices {
            let e = batch.events[ei]
            let em = w.beginMessage(11)
            w.fixed64(1, e.time.unixNanoseconds)
            string(2, e.name, batch, &w)
            attributes(e.attributes, batch.subAttributes, batch, field: 3, &w)
            w.uint(4, UInt64(e.droppedAttributes))
            w.endMessage(em)
        }
        w.uint(12, UInt64(s.droppedEvents))
        for li in s.links.indices {
            let l = batch.links[li]
            let lm = w.beginMessage(13)
            w.bigEndian(1, l.traceID.high, l.traceID.low)
            w.bigEndian(2, l.spanID.raw)
            string(3, l.traceState, batch, &w)
            attributes(l.attributes, batch.subAttributes, batch, field: 4, &w)
            w.uint(5, UInt64(l.droppedAttributes))
            w.fixed32(6, l.flags)
            w.endMessage(lm)
        }
        w.uint(14, UInt64(s.droppedLinks))
        if s.statusCode != 0 || s.statusMessage.length > 0 {
            let st = w.beginMessage(15)
            string(2, s.statusMessage, batch, &w)
            w.uint(3, UInt64(s.statusCode))
            w.endMessage(st)
        }
        w.fixed32(16, s.flags)
        w.endMessage(m)
    }

    private static func attributes(
        _ range: RecordRange, _ array: [BatchAttribute], _ batch: SpanBatch, field: UInt32, _ w: inout WireWriter
    ) {
        for i in range.indices {
            keyValue(field, array[i], batch, &w)
        }
    }

    private static func keyValue(_ field: UInt32, _ a: BatchAttribute, _ batch: SpanBatch, _ w: inout WireWriter) {
        let kv = w.beginMessage(field)
        string(1, a.key, batch, &w)
        anyValue(2, a.value, batch, &w)
        w.endMessage(kv)
    }

    private static func anyValue(_ field: UInt32, _ v: BatchValue, _ batch: SpanBatch, _ w: inout WireWriter) {
        let m = w.beginMessage(field)
        switch v.kind {
        case .empty: break
        case .string:
            // An empty string is still a set oneof member and must be written.
            w.tag(1, .lengthDelimited)
            let r = v.byteRef
            w.varint(UInt64(r.length))
            w.out.append(contentsOf: batch.bytes[Int(r.offset)..<Int(r.offset + r.length)])
        case .bool:
            w.tag(2, .varint)
            w.varint(v.bits)
        case .int:
            w.tag(3, .varint)
            w.varint(v.bits)
        case .double:
            w.tag(4, .fixed64)
            withUnsafeBytes(of: v.bits.littleEndian) { w.out.append(contentsOf: $0) }
        case .array, .kvlist:
            let inner = w.beginMessage(v.kind == .array ? 5 : 6)
            for i in v.range.indices {
                let child = batch.nested[i]
                if v.kind == .array {
                    anyValue(1, child.value, batch, &w)
                } else {
                    keyValue(1, child, batch, &w)
                }
            }
            w.endMessage(inner)
        case .bytes:
            w.tag(7, .lengthDelimited)
            let r = v.byteRef
            w.varint(UInt64(r.length))
            w.out.append(contentsOf: batch.bytes[Int(r.offset)..<Int(r.offset + r.length)])
        }
        w.endMessage(m)
    }

    private static func string(_ field: UInt32, _ r: ByteRef, _ batch: SpanBatch, _ w: inout WireWriter) {
        w.bytes(field, batch.bytes[Int(r.offset)..<Int(r.offset + r.length)])
    }
}
