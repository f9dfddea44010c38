import Testing

@testable import SpanCore

/// Each convention family's interpreter on its own: one span in, neutral facts out.
struct InterpreterTests {
    /// The facts the interpreters read from one span with these attributes.
    func facts(_ name: String, _ attributes: [String: AttributeValue]) -> (SpanFacts, TraceStore) {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        b.span(name, start: 0, end: 1, parent: .zero, attributes)
        let store = TraceStore()
        store.ingest(b.batch())
        let trace = store.trace(b.trace)!
        return (store.withView(trace, 0) { Interpreters.facts($0) }, store)
    }

    @Test func genAIRunsToolsAndCalls() {
        let (run, s1) = facts(
            "invoke_agent coordinator", ["gen_ai.operation.name": "invoke_agent", "gen_ai.agent.id": "a1"])
        #expect(run.activity == .run)
        #expect(s1.string(run.agent) == "coordinator")  // from the name when the attribute is missing
        #expect(s1.string(run.agentID) == "a1")
        let (tool, s2) = facts(
            "execute_tool x",
            [
                "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup", "gen_ai.tool.call.id": "c1",
                "gen_ai.tool.call.arguments": "{}",
            ])
        #expect(tool.activity == .toolCall)
        #expect(s2.string(tool.tool) == "lookup")
        #expect(s2.string(tool.toolCallID) == "c1")
        #expect(s2.string(tool.arguments) == "{}")
        let (call, s3) = facts(
            "chat gpt-4o",
            [
                "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o",
                "gen_ai.response.model": "gpt-4o-mini",
                "gen_ai.response.finish_reasons": .array(["max_tokens"]), "gen_ai.input.messages": "[]",
            ])
        #expect(call.activity == .modelCall)
        #expect(call.truncated)
        #expect(s3.string(call.requestedModel) == "gpt-4o")
        #expect(s3.string(call.servedModel) == "gpt-4o-mini")
        #expect(s3.string(call.request) == "[]")
        let (workflow, _) = facts("invoke_workflow w", ["gen_ai.operation.name": "invoke_workflow"])
        #expect(workflow.isRun && workflow.isWorkflow)
    }

    @Test func openInference() {
        let (agent, s1) = facts("planner", ["openinference.span.kind": "AGENT", "agent.name": "planner"])
        #expect(agent.activity == .run && !agent.isWorkflow)
        #expect(s1.string(agent.agent) == "planner")
        let (workflow, _) = facts("trip desk", ["openinference.span.kind": "AGENT"])
        #expect(workflow.isWorkflow)
        let (tool, s2) = facts("search", ["openinference.span.kind": "TOOL", "input.value": #"{"q":"x"}"#])
        #expect(tool.activity == .toolCall)
        #expect(s2.string(tool.tool) == "search")
        #expect(s2.string(tool.arguments) == #"{"q":"x"}"#)
        let (llm, s3) = facts("response", ["openinference.span.kind": "LLM", "llm.model_name": "gpt-4.1"])
        #expect(llm.activity == .modelCall)
        #expect(s3.string(llm.servedModel) == "gpt-4.1")
        let (chain, _) = facts("turn", ["openinference.span.kind": "CHAIN"])
        #expect(chain.activity == .other)
    }

    @Test func langfuseObservations() {
        let (agent, s1) = facts("support-agent", ["langfuse.observation.type": "agent"])
        #expect(agent.activity == .run)
        #expect(s1.string(agent.agent) == "support-agent")
        let (tool, s2) = facts(
            "lookup_order", ["langfuse.observation.type": "tool", "langfuse.observation.input": "{}"])
        #expect(tool.activity == .toolCall)
        #expect(s2.string(tool.arguments) == "{}")
        let (generation, _) = facts("gen", ["langfuse.observation.type": "generation"])
        #expect(generation.activity == .modelCall)
    }

    @Test func openLLMetry() {
        let (workflow, _) = facts("w.workflow", ["traceloop.span.kind": "workflow", "traceloop.entity.name": "w"])
        #expect(workflow.isWorkflow)
        let (tool, s) = facts(
            "web_search.tool",
            ["traceloop.span.kind": "tool", "traceloop.entity.name": "web_search", "traceloop.entity.input": "{}"])
        #expect(tool.activity == .toolCall)
        #expect(s.string(tool.tool) == "web_search")
    }

    @Test func namesAloneWhenNoAttributeSays() {
        let (run, s) = facts("invoke_agent  helper", [:])
        #expect(run.activity == .run)
        #expect(s.string(run.agent) == "helper")
        #expect(facts("execute_tool fetch", [:]).0.activity == .toolCall)
        #expect(facts("chat claude", [:]).0.activity == .modelCall)
        #expect(facts("anything", ["gen_ai.request.model": "m"]).0.activity == .modelCall)
        #expect(facts("invoke_agents x", [:]).0.activity == .other)
        #expect(facts("", [:]).0.activity == .other)
    }

    @Test func runLayoutNestsRunsWhateverTheOrder() {
        // 0 root run ← 1 tool ← 2 nested run ← 3 call; 4 points at a missing parent; 5 ↔ 6 a cycle.
        var layout = RunLayout()
        let parents: [Int32] = [-1, 0, 1, 2, -1, 6, 5]
        let isRun = [true, false, true, false, false, false, false]
        layout.build(parents: parents, isRun: isRun, root: 0)
        #expect(layout.enclosing == [-1, 0, 0, 2, -1, -1, -1])
        #expect(layout.rootRun == 0)
        #expect(layout.owner(3, isRun) == 2)
        layout.build(parents: [-1, 0, 1], isRun: [false, false, true], root: 0)
        #expect(layout.rootRun == 2)  // the only outermost run below a root that is not one
        layout.build(parents: [-1, 0, 0], isRun: [false, true, true], root: 0)
        #expect(layout.rootRun == -1)
        layout.build(parents: [1, -1], isRun: [false, true], root: nil)
        #expect(layout.rootRun == -1)
        // Two runs each other's parent: one of them becomes outermost.
        layout.build(parents: [1, 0], isRun: [true, true], root: nil)
        #expect(layout.enclosing.contains(-1))
    }

    @Test func loopFinderNeedsThreeIdenticalCallsInOneRun() {
        let a = StringID(rawValue: 900)
        let args = StringID(rawValue: 901)
        let other = StringID(rawValue: 902)
        func t(_ ns: UInt64) -> Timestamp { Timestamp(unixNanoseconds: ns) }
        let calls = [
            LoopFinder.ToolCall(run: 0, tool: a, arguments: args, start: t(10)),
            LoopFinder.ToolCall(run: 0, tool: a, arguments: args, start: t(20)),
            LoopFinder.ToolCall(run: 1, tool: a, arguments: args, start: t(30)),  // another run
            LoopFinder.ToolCall(run: 0, tool: a, arguments: other, start: t(40)),  // other arguments
            LoopFinder.ToolCall(run: 0, tool: a, arguments: .empty, start: t(50)),  // unknown arguments
        ]
        #expect(LoopFinder.loops(toolCalls: calls, modelCalls: []).isEmpty)
        let more = calls + [LoopFinder.ToolCall(run: 0, tool: a, arguments: args, start: t(60))]
        let models = [
            LoopFinder.ModelCall(run: 0, request: .empty, start: t(0), end: t(5), tokens: 1, cost: 0.1),
            LoopFinder.ModelCall(run: 0, request: .empty, start: t(12), end: t(15), tokens: 10, cost: 1),
            LoopFinder.ModelCall(run: 1, request: .empty, start: t(40), end: t(55), tokens: 1000, cost: 100),
            LoopFinder.ModelCall(run: 0, request: .empty, start: t(50), end: t(55), tokens: 100, cost: 10),
        ]
        let loops = LoopFinder.loops(toolCalls: more, modelCalls: models)
        #expect(
            loops == [
                LoopFinder.Loop(run: 0, tool: a, arguments: args, calls: 3, wastedTokens: 110, wastedCost: 11)
            ])
    }

    @Test func toolDefinitionNames() {
        #expect(
            ToolDefinitions.names(in: #"[{"type":"function","name":"a"},{"function":{"name":"b"}}]"#) == ["a", "b"])
        #expect(ToolDefinitions.names(in: #"{"type":"function","function":{"name":"c","parameters":{}}}"#) == ["c"])
        #expect(ToolDefinitions.names(in: "{not json").isEmpty)
        #expect(
            JSONValue(parsing: #"{"a":[1,true,null,"\u00e9\ud83d\ude00"]}"#)?["a"]
                == .array([.number(1), .bool(true), .null, .string("é😀")]))
        #expect(JSONValue(parsing: String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
        #expect(JSONValue(parsing: "[1,]") == nil)
    }
}
