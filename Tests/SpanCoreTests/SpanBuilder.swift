import SpanCore

/// Builds small batches of spans for store tests.
struct SpanBuilder {
    var trace = TraceID(high: 0xAA, low: 0xBB)
    var resource = ResourceRecord(attributes: [KeyValue("service.name", .string("eigent-workforce"))])
    var scope = ScopeRecord(name: "eigent.workforce", version: "0.2.90")
    private var nextID: UInt64 = 1
    var records: [SpanRecord] = []

    @discardableResult
    mutating func span(
        _ name: String, start: Double, end: Double? = nil, status: UInt8 = 0, message: String = "",
        parent: SpanID = SpanID(0xFFFF), id: SpanID? = nil, _ attributes: [String: AttributeValue] = [:]
    ) -> SpanID {
        var r = SpanRecord()
        r.resource = resource
        r.scope = scope
        r.traceID = trace
        r.spanID = id ?? SpanID(nextID)
        nextID += 1
        r.parentSpanID = parent
        r.name = name
        r.startTime = .epoch + .seconds(start)
        r.endTime = .epoch + .seconds(end ?? start)
        r.statusCode = status
        r.statusMessage = message
        r.attributes = attributes.sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) }
        records.append(r)
        return r.spanID
    }

    func batch(_ subset: [SpanRecord]? = nil) -> SpanBatch {
        var b = SpanBatch()
        b.append(records: subset ?? records)
        return b
    }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(integerLiteral i: Int64) { self = .int(i) }
    public init(floatLiteral d: Double) { self = .double(d) }
}
