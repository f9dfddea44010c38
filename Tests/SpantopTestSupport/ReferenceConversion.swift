import Foundation
import OTLPReference
import SpanCore
import SwiftProtobuf

public typealias PBRequest = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
public typealias PBSpan = Opentelemetry_Proto_Trace_V1_Span
public typealias PBAnyValue = Opentelemetry_Proto_Common_V1_AnyValue
public typealias PBKeyValue = Opentelemetry_Proto_Common_V1_KeyValue

/// Converts between swift-protobuf's generated messages (the reference the hand-written codec
/// is checked against, in tests and in the differential fuzz target) and plain records.
public enum Reference {
    public static func records(_ request: PBRequest) -> [SpanRecord] {
        var out: [SpanRecord] = []
        for rs in request.resourceSpans {
            var resource = ResourceRecord(attributes: rs.resource.attributes.map(keyValue))
            resource.droppedAttributes = rs.resource.droppedAttributesCount
            resource.schemaURL = rs.schemaURL
            for ss in rs.scopeSpans {
                var scope = ScopeRecord(name: ss.scope.name, version: ss.scope.version)
                scope.attributes = ss.scope.attributes.map(keyValue)
                scope.droppedAttributes = ss.scope.droppedAttributesCount
                scope.schemaURL = ss.schemaURL
                for s in ss.spans {
                    var r = SpanRecord()
                    r.resource = resource
                    r.scope = scope
                    r.traceID = traceID(s.traceID)
                    r.spanID = SpanID(word(s.spanID))
                    r.parentSpanID = SpanID(word(s.parentSpanID))
                    r.traceState = s.traceState
                    r.name = s.name
                    r.kind = UInt8(truncatingIfNeeded: s.kind.rawValue)
                    r.statusCode = UInt8(truncatingIfNeeded: s.status.code.rawValue)
                    r.statusMessage = s.status.message
                    r.flags = s.flags
                    r.startTime = Timestamp(unixNanoseconds: s.startTimeUnixNano)
                    r.endTime = Timestamp(unixNanoseconds: s.endTimeUnixNano)
                    r.attributes = s.attributes.map(keyValue)
                    r.droppedAttributes = s.droppedAttributesCount
                    r.events = s.events.map { e in
                        var er = EventRecord(
                            time: Timestamp(unixNanoseconds: e.timeUnixNano), name: e.name,
                            attributes: e.attributes.map(keyValue))
                        er.droppedAttributes = e.droppedAttributesCount
                        return er
                    }
                    r.droppedEvents = s.droppedEventsCount
                    r.links = s.links.map { l in
                        var lr = LinkRecord()
                        lr.traceID = traceID(l.traceID)
                        lr.spanID = SpanID(word(l.spanID))
                        lr.traceState = l.traceState
                        lr.attributes = l.attributes.map(keyValue)
                        lr.droppedAttributes = l.droppedAttributesCount
                        lr.flags = l.flags
                        return lr
                    }
                    r.droppedLinks = s.droppedLinksCount
                    out.append(r)
                }
            }
        }
        return out
    }

    /// `records` with `SpanValidation`'s rules applied, as the decoder does: invalid spans are
    /// left out and counted.
    public static func acceptedRecords(_ request: PBRequest) -> (records: [SpanRecord], rejected: Int) {
        var request = request
        var rejected = 0
        for i in request.resourceSpans.indices {
            for j in request.resourceSpans[i].scopeSpans.indices {
                let spans = request.resourceSpans[i].scopeSpans[j].spans
                let kept = spans.filter(isValid)
                rejected += spans.count - kept.count
                request.resourceSpans[i].scopeSpans[j].spans = kept
            }
        }
        return (records(request), rejected)
    }

    /// `SpanValidation.problem` on the reference's message.
    public static func isValid(_ s: PBSpan) -> Bool {
        guard s.traceID.count == 16, s.spanID.count == 8 else { return false }
        guard s.parentSpanID.isEmpty || s.parentSpanID.count == 8 else { return false }
        guard s.traceID.contains(where: { $0 != 0 }), s.spanID.contains(where: { $0 != 0 }) else { return false }
        return s.endTimeUnixNano == 0 || s.endTimeUnixNano >= s.startTimeUnixNano
    }

    public static func request(_ records: [SpanRecord]) -> PBRequest {
        var request = PBRequest()
        for r in records {
            var rs = Opentelemetry_Proto_Trace_V1_ResourceSpans()
            rs.resource.attributes = r.resource.attributes.map(pbKeyValue)
            rs.resource.droppedAttributesCount = r.resource.droppedAttributes
            rs.schemaURL = r.resource.schemaURL
            var ss = Opentelemetry_Proto_Trace_V1_ScopeSpans()
            ss.scope.name = r.scope.name
            ss.scope.version = r.scope.version
            ss.scope.attributes = r.scope.attributes.map(pbKeyValue)
            ss.scope.droppedAttributesCount = r.scope.droppedAttributes
            ss.schemaURL = r.scope.schemaURL
            var s = PBSpan()
            s.traceID = bytes(r.traceID.high) + bytes(r.traceID.low)
            s.spanID = bytes(r.spanID.raw)
            if !r.parentSpanID.isZero { s.parentSpanID = bytes(r.parentSpanID.raw) }
            s.traceState = r.traceState
            s.name = r.name
            s.kind = PBSpan.SpanKind(rawValue: Int(r.kind)) ?? .unspecified
            s.status.code = Opentelemetry_Proto_Trace_V1_Status.StatusCode(rawValue: Int(r.statusCode)) ?? .unset
            s.status.message = r.statusMessage
            s.flags = r.flags
            s.startTimeUnixNano = r.startTime.unixNanoseconds
            s.endTimeUnixNano = r.endTime.unixNanoseconds
            s.attributes = r.attributes.map(pbKeyValue)
            s.droppedAttributesCount = r.droppedAttributes
            s.events = r.events.map { e in
                var pe = PBSpan.Event()
                pe.timeUnixNano = e.time.unixNanoseconds
                pe.name = e.name
                pe.attributes = e.attributes.map(pbKeyValue)
                pe.droppedAttributesCount = e.droppedAttributes
                return pe
            }
            s.droppedEventsCount = r.droppedEvents
            s.links = r.links.map { l in
                var pl = PBSpan.Link()
                pl.traceID = bytes(l.traceID.high) + bytes(l.traceID.low)
                pl.spanID = bytes(l.spanID.raw)
                pl.traceState = l.traceState
                pl.attributes = l.attributes.map(pbKeyValue)
                pl.droppedAttributesCount = l.droppedAttributes
                pl.flags = l.flags
                return pl
            }
            s.droppedLinksCount = r.droppedLinks
            ss.spans = [s]
            rs.scopeSpans = [ss]
            request.resourceSpans.append(rs)
        }
        return request
    }

    public static func keyValue(_ kv: PBKeyValue) -> KeyValue { KeyValue(kv.key, value(kv.value)) }

    public static func value(_ v: PBAnyValue) -> AttributeValue {
        switch v.value {
        case .none: return .empty
        case .stringValue(let s): return .string(s)
        case .boolValue(let b): return .bool(b)
        case .intValue(let i): return .int(i)
        case .doubleValue(let d): return .double(d)
        case .bytesValue(let d): return .bytes(Array(d))
        case .arrayValue(let a): return .array(a.values.map(value))
        case .kvlistValue(let l): return .kvlist(l.values.map(keyValue))
        }
    }

    public static func pbKeyValue(_ kv: KeyValue) -> PBKeyValue {
        var p = PBKeyValue()
        p.key = kv.key
        p.value = pbValue(kv.value)
        return p
    }

    public static func pbValue(_ v: AttributeValue) -> PBAnyValue {
        var p = PBAnyValue()
        switch v {
        case .empty: break
        case .string(let s): p.stringValue = s
        case .bool(let b): p.boolValue = b
        case .int(let i): p.intValue = i
        case .double(let d): p.doubleValue = d
        case .bytes(let b): p.bytesValue = Data(b)
        case .array(let a):
            var arr = Opentelemetry_Proto_Common_V1_ArrayValue()
            arr.values = a.map(pbValue)
            p.arrayValue = arr
        case .kvlist(let l):
            var list = Opentelemetry_Proto_Common_V1_KeyValueList()
            list.values = l.map(pbKeyValue)
            p.kvlistValue = list
        }
        return p
    }

    public static func word(_ d: Data) -> UInt64 {
        guard d.count == 8 else { return 0 }
        return d.reduce(0) { $0 << 8 | UInt64($1) }
    }

    public static func traceID(_ d: Data) -> TraceID {
        guard d.count == 16 else { return .zero }
        return TraceID(high: word(d.prefix(8)), low: word(d.suffix(8)))
    }

    public static func bytes(_ v: UInt64) -> Data { withUnsafeBytes(of: v.bigEndian) { Data($0) } }
}
