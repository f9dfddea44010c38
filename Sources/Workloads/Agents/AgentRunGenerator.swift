import SpanCore

/// Agent runs in the OTel GenAI conventions, shaped as pydantic-ai emits them: a coordinator
/// that looks something up, delegates research to a specialist agent (which fetches pages),
/// and answers; with message content (each call repeats the history), tool definitions and
/// token counts. Some runs fail in a tool, some loop on a status check. Spans are listed in the
/// order they end, as an exporter sends them.
public struct AgentRunGenerator {
    /// Share of runs whose specialist's tool fails (the whole run then fails).
    public var failureRate = 0.15
    /// Share of runs that poll a status tool 4 times with the same arguments.
    public var loopRate = 0.15
    /// Seconds per simulated second.
    public var timeScale = 1.0
    public var projectName = "travel-agents"
    /// Without it the spans carry no operation names: plain traces, for comparisons.
    public var conventions = true

    private var rng: SplitMix64
    private var clock: Timestamp
    private var runs = 0

    public init(seed: UInt64, startTime: Timestamp) {
        rng = SplitMix64(seed: seed)
        clock = startTime
    }

    private static let cities = ["Kyoto", "Lisbon", "Oslo", "Quito", "Hanoi", "Tbilisi", "Porto", "Kraków"]

    /// The spans of the next run, which starts where the previous one ended.
    public mutating func run() -> [SpanRecord] {
        runs += 1
        let city = Self.cities[Int(rng.next() % UInt64(Self.cities.count))]
        let fails = Double(rng.next() % 1000) / 1000 < failureRate
        let loops = !fails && Double(rng.next() % 1000) / 1000 < loopRate
        var b = Builder(
            trace: TraceID(high: rng.next() | 1, low: rng.next()), start: clock, scale: timeScale,
            conversation: "\(projectName)-\(runs)", project: projectName, conventions: conventions, rng: rng)
        let root = b.id()
        let tool = b.id()
        let specialist = b.id()
        var history: [String] = [
            Builder.message("user", text: "When is the best time to visit \(city), and where should I go?")
        ]
        let definitions =
            #"[{"type":"function","name":"lookup"},{"type":"function","name":"research"},{"type":"function","name":"check_status"}]"#
        var t = 0.05
        func callAndTool(
            _ name: String, _ args: String, result: String, agent: String, parent: SpanID, model: String,
            history: inout [String], at t: inout Double, failing: Bool = false, id fixed: SpanID? = nil,
            end: Double? = nil, b: inout Builder
        ) {
            let callID = "call_\(name)_\(Int(t * 1000))"
            let output = Builder.message("assistant", toolCall: callID, name: name, arguments: args)
            b.chat(
                model: model, agent: agent, parent: parent, start: t, input: history, output: output,
                definitions: definitions)
            history.append(output)
            t += 0.6 + Double(b.rng.next() % 400) / 1000
            let toolEnd = end ?? t + 0.1 + Double(b.rng.next() % 300) / 1000
            b.tool(
                name, callID: callID, arguments: args, result: failing ? nil : result,
                error: failing ? "\(name): 503 from the source" : nil,
                agent: agent, parent: parent, start: t, end: toolEnd, id: fixed)
            t = toolEnd + 0.02
            if !failing { history.append(Builder.message("tool", toolResponse: callID, name: name, result: result)) }
        }
        callAndTool(
            "lookup", #"{"city":"\#(city)"}"#, result: #"{"city":"\#(city)","timezone":"local"}"#, agent: "coordinator",
            parent: root, model: "gpt-4o-mini", history: &history, at: &t, b: &b)
        if loops {
            for _ in 0..<4 {
                callAndTool(
                    "check_status", #"{"job_id":"42"}"#, result: #"{"state":"pending"}"#, agent: "coordinator",
                    parent: root, model: "gpt-4o-mini", history: &history, at: &t, b: &b)
            }
        }
        // The delegation: research → the specialist's own run.
        let researchStart = t
        var inner: [String] = [Builder.message("user", text: "Research: \(city) travel")]
        var it = researchStart + 0.1
        let specialistStart = it - 0.05
        callAndTool(
            "fetch_page", #"{"url":"https://example.com/\#(city.lowercased())"}"#, result: "<page about \(city)>",
            agent: "researcher", parent: specialist, model: "claude-haiku-4-5", history: &inner, at: &it,
            failing: fails, b: &b)
        if !fails {
            let answer = Builder.message(
                "assistant", text: "Spring and autumn are best in \(city); start at the old town.")
            b.chat(
                model: "claude-haiku-4-5", agent: "researcher", parent: specialist, start: it, input: inner,
                output: answer, definitions: #"[{"type":"function","name":"fetch_page"}]"#)
            it += 0.9
        }
        b.run(
            "researcher", id: specialist, parent: tool, start: specialistStart, end: it,
            error: fails ? "RuntimeError: fetch_page: 503 from the source" : nil, nested: true)
        let researchCall = "call_research_\(runs)"
        b.chat(
            model: "gpt-4o-mini", agent: "coordinator", parent: root, start: researchStart - 0.7, input: history,
            output: Builder.message(
                "assistant", toolCall: researchCall, name: "research", arguments: #"{"topic":"\#(city)"}"#),
            definitions: definitions)
        history.append(
            Builder.message("assistant", toolCall: researchCall, name: "research", arguments: #"{"topic":"\#(city)"}"#))
        b.tool(
            "research", callID: researchCall, arguments: #"{"topic":"\#(city)"}"#,
            result: fails ? nil : "Spring and autumn are best.",
            error: fails ? "RuntimeError: fetch_page: 503 from the source" : nil,
            agent: "coordinator", parent: root, start: researchStart, end: it + 0.02, id: tool)
        t = it + 0.05
        if !fails {
            history.append(
                Builder.message(
                    "tool", toolResponse: researchCall, name: "research", result: "Spring and autumn are best."))
            b.chat(
                model: "gpt-4o-mini", agent: "coordinator", parent: root, start: t, input: history,
                output: Builder.message("assistant", text: "Go to \(city) in spring or autumn; start at the old town."),
                definitions: definitions)
            t += 1.1
        }
        b.run(
            "coordinator", id: root, parent: .zero, start: 0, end: t,
            error: fails ? "RuntimeError: fetch_page: 503 from the source" : nil, nested: false)
        rng = b.rng
        clock = clock + .seconds((t + 1.5) * timeScale)
        return b.records.sorted { ($0.endTime, $0.spanID.raw) < ($1.endTime, $1.spanID.raw) }
    }

    /// Span records of one run under construction.
    struct Builder {
        let trace: TraceID
        let start: Timestamp
        let scale: Double
        let conversation: String
        let project: String
        let conventions: Bool
        var rng: SplitMix64
        var records: [SpanRecord] = []

        mutating func id() -> SpanID { SpanID(rng.next() | 1) }

        func time(_ seconds: Double) -> Timestamp { start + .seconds(max(0, seconds) * scale) }

        mutating func add(
            _ name: String, _ op: String, id: SpanID? = nil, parent: SpanID, start: Double, end: Double,
            error: String? = nil,
            _ attributes: [KeyValue]
        ) {
            var r = SpanRecord()
            r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string(project))])
            r.scope = ScopeRecord(name: "pydantic-ai", version: "2.78.0")
            r.traceID = trace
            r.spanID = id ?? self.id()
            r.parentSpanID = parent
            r.name = conventions ? name : name.replacingOccurrences(of: " ", with: ".")
            r.startTime = time(start)
            r.endTime = time(end)
            if let error {
                r.statusCode = StatusCode.error
                r.statusMessage = error
            }
            // One session per project (the demo's project), one conversation per run.
            r.attributes =
                attributes + [
                    KeyValue("gen_ai.conversation.id", .string(conversation)), KeyValue("session.id", .string(project)),
                ]
            if conventions { r.attributes.append(KeyValue("gen_ai.operation.name", .string(op))) }
            records.append(r)
        }

        mutating func chat(
            model: String, agent: String, parent: SpanID, start: Double, input: [String], output: String,
            definitions: String
        ) {
            let inputTokens = Int64(60 + input.joined().utf8.count / 4)
            add(
                "chat \(model)", "chat", parent: parent, start: start, end: start + 0.5,
                [
                    KeyValue("gen_ai.agent.name", .string(agent)), KeyValue("gen_ai.provider.name", .string("openai")),
                    KeyValue("gen_ai.request.model", .string(model)), KeyValue("gen_ai.response.model", .string(model)),
                    KeyValue("gen_ai.usage.input_tokens", .int(inputTokens)),
                    KeyValue("gen_ai.usage.output_tokens", .int(30)),
                    KeyValue("gen_ai.input.messages", .string("[" + input.joined(separator: ",") + "]")),
                    KeyValue("gen_ai.output.messages", .string("[" + output + "]")),
                    KeyValue("gen_ai.tool.definitions", .string(definitions)),
                ])
        }

        mutating func tool(
            _ name: String, callID: String, arguments: String, result: String?, error: String?, agent: String,
            parent: SpanID,
            start: Double, end: Double, id: SpanID? = nil
        ) {
            var attributes = [
                KeyValue("gen_ai.tool.name", .string(name)), KeyValue("gen_ai.tool.call.id", .string(callID)),
                KeyValue("gen_ai.tool.call.arguments", .string(arguments)),
                KeyValue("gen_ai.agent.name", .string(agent)),
            ]
            if let result { attributes.append(KeyValue("gen_ai.tool.call.result", .string(result))) }
            add(
                "execute_tool \(name)", "execute_tool", id: id, parent: parent, start: start, end: end, error: error,
                attributes)
        }

        mutating func run(
            _ agent: String, id: SpanID, parent: SpanID, start: Double, end: Double, error: String?, nested: Bool
        ) {
            add(
                "invoke_agent \(agent)", "invoke_agent", id: id, parent: parent, start: start, end: end, error: error,
                [KeyValue("gen_ai.agent.name", .string(agent))])
        }

        static func message(_ role: String, text: String) -> String {
            #"{"role":"\#(role)","parts":[{"type":"text","content":"\#(text)"}]}"#
        }

        static func message(_ role: String, toolCall id: String, name: String, arguments: String) -> String {
            #"{"role":"\#(role)","parts":[{"type":"tool_call","id":"\#(id)","name":"\#(name)","arguments":\#(arguments)}]}"#
        }

        static func message(_ role: String, toolResponse id: String, name: String, result: String) -> String {
            let value = result.hasPrefix("{") ? result : "\"" + result + "\""
            return
                #"{"role":"\#(role)","parts":[{"type":"tool_call_response","id":"\#(id)","name":"\#(name)","result":\#(value)}]}"#
        }
    }
}
