import Foundation
import FuzzSupport
import OTLPReference
import OTLPWire
import SpanCore
import SwiftProtobuf

typealias PBRequest = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
typealias PBAnyValue = Opentelemetry_Proto_Common_V1_AnyValue
typealias PBKeyValue = Opentelemetry_Proto_Common_V1_KeyValue

/// The hand-written decoder against swift-protobuf's generated code: when both accept the
/// bytes, they must yield the same spans (the reference's invalid spans left out, as the
/// decoder's rules say) and the same number of rejected spans.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var decoder = ProtobufDecoder()
    var batch = SpanBatch()
    var outcome = DecodeOutcome()
    do throws(WireError) {
        try decoder.decode(bytes, into: &batch, outcome: &outcome)
    } catch {
        return 0
    }
    guard let request = try? PBRequest(serializedBytes: Array(bytes)) else { return 0 }
    let (expected, rejected) = ReferenceSpans.records(request)
    let actual = batch.records()
    if actual != expected || rejected != outcome.rejectedSpans {
        // fatalError cuts long messages short, so the first differing span goes to stderr whole.
        let common = min(actual.count, expected.count)
        let first = (0..<common).first { actual[$0] != expected[$0] } ?? common
        let report = """
            decoders disagree on \(Data(Array(bytes)).base64EncodedString())
            hand-written: \(actual.count) spans, \(outcome.rejectedSpans) rejected
            swift-protobuf: \(expected.count) spans, \(rejected) rejected
            first difference at span \(first):
            hand-written: \(first < actual.count ? String(describing: actual[first]) : "none")
            swift-protobuf: \(first < expected.count ? String(describing: expected[first]) : "none")

            """
        FileHandle.standardError.write(Data(report.utf8))
        fatalError("decoders disagree at span \(first) (details above)")
    }
    FuzzStore.ingest(batch)
    return 0
}

/// swift-protobuf's messages as records, with `SpanValidation`'s rules applied.
enum ReferenceSpans {
    static func records(_ request: PBRequest) -> (records: [SpanRecord], rejected: Int) {
        var out: [SpanRecord] = []
        var rejected = 0
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
                    guard valid(s) else {
                        rejected += 1
                        continue
                    }
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
        return (out, rejected)
    }

    /// `SpanValidation.problem` on the reference's message.
    static func valid(_ s: Opentelemetry_Proto_Trace_V1_Span) -> Bool {
        guard s.traceID.count == 16, s.spanID.count == 8 else { return false }
        guard s.parentSpanID.isEmpty || s.parentSpanID.count == 8 else { return false }
        guard s.traceID.contains(where: { $0 != 0 }), s.spanID.contains(where: { $0 != 0 }) else { return false }
        return s.endTimeUnixNano == 0 || s.endTimeUnixNano >= s.startTimeUnixNano
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

    static func word(_ d: Data) -> UInt64 {
        guard d.count == 8 else { return 0 }
        return d.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func traceID(_ d: Data) -> TraceID {
        guard d.count == 16 else { return .zero }
        return TraceID(high: word(d.prefix(8)), low: word(d.suffix(8)))
    }
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzProtobufDifferential_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
