import SpanCore
import SpantopTestSupport

/// Random spans for the forwarding tests: every field and value kind, over a few resources and
/// scopes, with attribute keys the redactor knows.
enum TestSpans {
    static let keys = ["service.name", "gen_ai.prompt.0.content", "log.message", "eigent.task.id", "input.value", "x"]

    static func attributes(_ g: inout SplitMix64) -> [KeyValue] {
        (0..<Int.random(in: 0..<5, using: &g)).map { _ in
            KeyValue(keys.randomElement(using: &g)!, RandomSpans.value(&g, maxDepth: 2))
        }
    }

    /// `count` random spans over a few resources and scopes.
    static func random(_ count: Int, seed: UInt64) -> [SpanRecord] {
        var g = SplitMix64(seed: seed)
        let resources = (0..<3).map { _ in ResourceRecord(attributes: attributes(&g)) }
        return (0..<count).map { i in
            var r = SpanRecord()
            r.resource = resources[i / 7 % resources.count]
            r.scope = ScopeRecord(name: "scope\(i / 5 % 2)", version: "1")
            r.traceID = TraceID(high: g.next() | 1, low: g.next())
            r.spanID = SpanID(g.next() | 1)
            r.parentSpanID = Bool.random(using: &g) ? SpanID(g.next() | 1) : .zero
            r.name = "span \(i)"
            r.kind = UInt8.random(in: 0...5, using: &g)
            r.startTime = Timestamp(unixNanoseconds: g.next() >> 2)
            r.endTime = r.startTime + .microseconds(1)
            r.statusCode = UInt8.random(in: 0...2, using: &g)
            r.statusMessage = r.statusCode == 2 ? "failed" : ""
            r.attributes = attributes(&g)
            r.events = (0..<Int.random(in: 0..<3, using: &g)).map { _ in
                EventRecord(time: Timestamp(unixNanoseconds: g.next() >> 2), name: "event", attributes: attributes(&g))
            }
            if Bool.random(using: &g) {
                var l = LinkRecord()
                l.traceID = TraceID(high: 1, low: g.next())
                l.spanID = SpanID(g.next() | 1)
                l.attributes = attributes(&g)
                r.links = [l]
            }
            return r
        }
    }

    /// Splits `records` into batches of `size`.
    static func batches(_ records: [SpanRecord], size: Int) -> [SpanBatch] {
        stride(from: 0, to: records.count, by: size).map {
            SpanBatch(records: Array(records[$0..<min($0 + size, records.count)]))
        }
    }
}
