import SpanCore

/// `spantop-bench agents`: ingest of pydantic-ai-shaped agent traces (a coordinator with 5 calls
/// and tools, delegating to a researcher with 4; 12 spans, each call with its own messages),
/// `--concurrent` traces interleaved in each batch as a BatchSpanProcessor sends them. Measured
/// twice: as agent traces (runs rebuilt per batch) and with the operation names taken out
/// (plain traces), so the difference is what agent runs cost.
enum AgentBench {
    static func run(spans: Int, batch: Int, concurrent: Int) {
        let perTrace = 12
        let traceCount = max(1, spans / perTrace)
        for agents in [true, false] {
            var batches: [SpanBatch] = []
            var pending: [SpanRecord] = []
            var live: [[SpanRecord]] = []
            var next = 0
            // Round-robin over `concurrent` traces in flight, each emitting its spans in end order.
            while next < traceCount || !live.isEmpty {
                while live.count < concurrent && next < traceCount {
                    live.append(trace(next, agents: agents))
                    next += 1
                }
                var i = 0
                while i < live.count {
                    pending.append(live[i].removeFirst())
                    if live[i].isEmpty { live.remove(at: i) } else { i += 1 }
                    if pending.count == batch {
                        var b = SpanBatch()
                        b.append(records: pending)
                        batches.append(b)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !pending.isEmpty {
                var b = SpanBatch()
                b.append(records: pending)
                batches.append(b)
            }
            var best = Nanoseconds.seconds(1000)
            var store = TraceStore(maxSpans: Int.max)
            for _ in 0..<3 {
                store = TraceStore(maxSpans: Int.max)
                let s = store
                best = min(best, MonotonicClock.measure { for b in batches { s.ingest(b) } })
            }
            let total = store.statistics.spans
            let rate = Double(total) / (Double(best.rawValue) / 1e9)
            let label = agents ? "agent traces" : "plain traces (no operation names)"
            print(
                "agents: \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(Int(rate)) spans/s"
                    + "  (\(total) spans, \(store.tasks.count) task slots, \(concurrent) traces in flight, "
                    + "\(batch)/batch, best of 3)")
        }
    }

    /// One coordinator run delegating to a researcher, spans in the order they end.
    static func trace(_ k: Int, agents: Bool) -> [SpanRecord] {
        let traceID = TraceID(high: 0xA6E7, low: UInt64(k) + 1)
        let base = UInt64(1_767_000_000) * 1_000_000_000 + UInt64(k) * 10_000_000_000
        var out: [SpanRecord] = []
        let root = SpanID(UInt64(k) << 8 | 1)
        let tool = SpanID(UInt64(k) << 8 | 2)
        let researcher = SpanID(UInt64(k) << 8 | 3)
        var id: UInt64 = 4
        let conversation = "conv-\(k)"
        func span(
            _ name: String, _ op: String, parent: SpanID, start: Double, end: Double, fixedID: SpanID? = nil,
            _ attributes: [KeyValue]
        ) {
            var r = SpanRecord()
            r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("agents"))])
            r.scope = ScopeRecord(name: "pydantic-ai", version: "2.78.0")
            r.traceID = traceID
            r.spanID = fixedID ?? SpanID(UInt64(k) << 8 | id)
            id += 1
            r.parentSpanID = parent
            r.name = name
            r.startTime = base + UInt64(start * 1e9)
            r.endTime = base + UInt64(end * 1e9)
            var attrs = attributes + [KeyValue("gen_ai.conversation.id", .string(conversation))]
            if agents { attrs.append(KeyValue("gen_ai.operation.name", .string(op))) }
            r.attributes = attrs
            out.append(r)
        }
        func chat(_ parent: SpanID, _ t: Double, _ model: String, _ n: Int) {
            span(
                agents ? "chat \(model)" : "call \(model)", "chat", parent: parent, start: t, end: t + 0.4,
                [
                    KeyValue("gen_ai.request.model", .string(model)), KeyValue("gen_ai.response.model", .string(model)),
                    KeyValue("gen_ai.provider.name", .string("openai")),
                    KeyValue("gen_ai.usage.input_tokens", .int(Int64(100 * n))),
                    KeyValue("gen_ai.usage.output_tokens", .int(20)),
                    KeyValue(
                        "gen_ai.input.messages",
                        .string(#"[{"role":"user","parts":[{"type":"text","content":"task \#(k) step \#(n)"}]}]"#)),
                    KeyValue("gen_ai.response.finish_reasons", .array([.string("stop")])),
                ])
        }
        func toolCall(
            _ parent: SpanID, _ t: Double, _ name: String, _ args: String, fixedID: SpanID? = nil, end: Double? = nil
        ) {
            span(
                agents ? "execute_tool \(name)" : "run \(name)", "execute_tool", parent: parent, start: t,
                end: end ?? t + 0.1, fixedID: fixedID,
                [
                    KeyValue("gen_ai.tool.name", .string(name)), KeyValue("gen_ai.tool.call.id", .string("call_\(id)")),
                    KeyValue("gen_ai.tool.call.arguments", .string(args)),
                ])
        }
        chat(root, 0.1, "gpt-4o-mini", 1)
        toolCall(root, 0.6, "lookup", #"{"city":"Kyoto"}"#)
        chat(root, 0.8, "gpt-4o-mini", 2)
        chat(researcher, 1.4, "claude-haiku-4-5", 3)
        toolCall(researcher, 1.9, "fetch_page", #"{"url":"https://a/\#(k)"}"#)
        chat(researcher, 2.1, "claude-haiku-4-5", 4)
        toolCall(researcher, 2.6, "fetch_page", #"{"url":"https://b/\#(k)"}"#)
        chat(researcher, 2.8, "claude-haiku-4-5", 5)
        span(
            agents ? "invoke_agent researcher" : "researcher", "invoke_agent", parent: tool, start: 1.3, end: 3.3,
            fixedID: researcher, [KeyValue("gen_ai.agent.name", .string("researcher"))])
        toolCall(root, 1.25, "research", #"{"topic":"\#(k)"}"#, fixedID: tool, end: 3.35)
        chat(root, 3.4, "gpt-4o-mini", 6)
        span(
            agents ? "invoke_agent coordinator" : "coordinator", "invoke_agent", parent: .zero, start: 0, end: 4,
            fixedID: root, [KeyValue("gen_ai.agent.name", .string("coordinator"))])
        return out
    }
}
