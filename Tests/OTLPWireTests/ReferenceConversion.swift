import Foundation
import OTLPReference
import SpanCore
import SwiftProtobuf

@testable import OTLPWire

typealias PBRequest = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
typealias PBSpan = Opentelemetry_Proto_Trace_V1_Span
typealias PBAnyValue = Opentelemetry_Proto_Common_V1_AnyValue
typealias PBKeyValue = Opentelemetry_Proto_Common_V1_KeyValue

/// Converts between swift-protobuf's generated messages (the reference) and plain records.
enum Reference {
    static func records(_ request: PBRequest) -> [SpanRecord] {
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
                    r.kind = UInt8(s.kind.rawValue)
                    r.statusCode = UInt8(s.status.code.rawValue)
                    r.statusMessage = s.status.message
                    r.flags = s.flags
                    r.startTime = s.startTimeUnixNano
                    r.endTime = s.endTimeUnixNano
                    r.attributes = s.attributes.map(keyValue)
                    r.droppedAttributes = s.droppedAttributesCount
                    r.events = s.events.map { e in
                        var er = EventRecord(time: e.timeUnixNano, name: e.name, attributes: e.attributes.map(keyValue))
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
    static func acceptedRecords(_ request: PBRequest) -> (records: [SpanRecord], rejected: Int) {
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
    static func isValid(_ s: PBSpan) -> Bool {
        guard s.traceID.count == 16, s.spanID.count == 8 else { return false }
        guard s.parentSpanID.isEmpty || s.parentSpanID.count == 8 else { return false }
        guard s.traceID.contains(where: { $0 != 0 }), s.spanID.contains(where: { $0 != 0 }) else { return false }
        return s.endTimeUnixNano == 0 || s.endTimeUnixNano >= s.startTimeUnixNano
    }

    static func request(_ records: [SpanRecord]) -> PBRequest {
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
            s.startTimeUnixNano = r.startTime
            s.endTimeUnixNano = r.endTime
            s.attributes = r.attributes.map(pbKeyValue)
            s.droppedAttributesCount = r.droppedAttributes
            s.events = r.events.map { e in
                var pe = PBSpan.Event()
                pe.timeUnixNano = e.time
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

    static func keyValue(_ kv: PBKeyValue) -> KeyValue { KeyValue(kv.key, value(kv.value)) }

    static func value(_ v: PBAnyValue) -> AttributeValue {
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

    static func pbKeyValue(_ kv: KeyValue) -> PBKeyValue {
        var p = PBKeyValue()
        p.key = kv.key
        p.value = pbValue(kv.value)
        return p
    }

    static func pbValue(_ v: AttributeValue) -> PBAnyValue {
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

    static func word(_ d: Data) -> UInt64 {
        guard d.count == 8 else { return 0 }
        return d.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func traceID(_ d: Data) -> TraceID {
        guard d.count == 16 else { return .zero }
        return TraceID(high: word(d.prefix(8)), low: word(d.suffix(8)))
    }

    static func bytes(_ v: UInt64) -> Data { withUnsafeBytes(of: v.bigEndian) { Data($0) } }
}

/// Where the committed fixtures live.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func protobufRequests() throws -> [[UInt8]] {
        let dir = directory.appendingPathComponent("workforce-pb")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".pb") }
            .sorted()
        return try names.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// An input a fuzz target found, from `Fuzz/Findings`.
    static func fuzzFinding(_ name: String) throws -> [UInt8] {
        let root = directory.deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Fuzz/Findings/\(name)")))
    }
}
