import SpanCore
import Testing

@testable import TUI

@Suite struct ModelsViewTests {
    /// One plain trace with one `chat` call, its own trace id.
    static func call(model: String, trace: UInt64, input: Int64, output: Int64) -> SpanRecord {
        var r = SpanRecord()
        r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("models"))])
        r.scope = ScopeRecord(name: "app")
        r.traceID = TraceID(high: 9, low: trace)
        r.spanID = SpanID(trace)
        r.name = "chat \(model)"
        r.startTime = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)
        r.endTime = r.startTime + .milliseconds(1500)
        r.attributes = [
            KeyValue("gen_ai.operation.name", .string("chat")), KeyValue("gen_ai.request.model", .string(model)),
            KeyValue("gen_ai.usage.input_tokens", .int(input)), KeyValue("gen_ai.usage.output_tokens", .int(output)),
        ]
        return r
    }

    @Test func aModelWithoutAPriceIsMarkedAndCostsNothingKnown() throws {
        let h = TUIHarness(width: 120, height: 30)
        var batch = SpanBatch()
        batch.append(records: [
            Self.call(model: "house-model-7", trace: 1, input: 5_000, output: 500),
            Self.call(model: "gpt-4o", trace: 2, input: 1_000, output: 100),
        ])
        h.store.ingest(batch)
        h.press("6")
        // Priced first; the unpriced model's cost is unknown, not $0, and its name says why.
        let priced = try #require(h.line(containing: "gpt-4o "))
        let unpriced = try #require(h.line(containing: "house-model-7 · no price"))
        #expect(priced.contains("$0.0035"))
        #expect(unpriced.contains("5000") && unpriced.contains("500") && unpriced.contains(" — "))
        #expect(!unpriced.contains("$"))
        let rows = h.screen.textLines
        #expect(try #require(rows.firstIndex(of: priced)) < (try #require(rows.firstIndex(of: unpriced))))
        let y = try #require(rows.firstIndex(of: unpriced))
        #expect(h.screen.roleLines[y].hasPrefix("WWWW"))
    }
}
