import Testing

@testable import SpanCore

/// Agent traces from any framework: the root run is the task, nested runs are subtasks, and
/// tools, loops and model health are read per run, whatever order the spans arrive in.
struct AgentRunTests {
    static let root = SpanID(0x100)
    static let researchTool = SpanID(0x200)
    static let researcher = SpanID(0x300)

    /// pydantic-ai's shape: coordinator → chat, lookup, chat, research (→ researcher → chat,
    /// fetch_page ×2, chat), chat. Spans listed in the order they end, as an exporter sends them.
    static func delegation(failing: Bool = false) -> SpanBuilder {
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("agents"))])
        b.scope = ScopeRecord(name: "pydantic-ai", version: "2.78.0")
        let conv: AttributeValue = "conv-7"
        func chat(_ start: Double, _ parent: SpanID, _ model: String, _ input: Int64, _ output: Int64) {
            b.span(
                "chat \(model)", start: start, end: start + 0.5, parent: parent,
                [
                    "gen_ai.operation.name": "chat", "gen_ai.request.model": .string(model),
                    "gen_ai.response.model": .string(model), "gen_ai.usage.input_tokens": .int(input),
                    "gen_ai.usage.output_tokens": .int(output), "gen_ai.provider.name": "openai",
                ])
        }
        chat(1, root, "gpt-4o-mini", 100, 10)
        b.span(
            "execute_tool lookup", start: 1.5, end: 1.6, parent: root,
            [
                "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup",
                "gen_ai.tool.call.id": "call_0", "gen_ai.tool.call.arguments": #"{"city":"Kyoto"}"#,
            ])
        chat(2, root, "gpt-4o-mini", 200, 20)
        let nested: [String: AttributeValue] = [
            "gen_ai.conversation.id": "conv-7-researcher", "pydantic_ai.root_conversation_id": conv,
        ]
        chat(3, researcher, "claude-haiku-4-5", 300, 30)
        for (i, url) in ["https://a", "https://b"].enumerated() {
            let fails = failing && i == 1
            b.span(
                "execute_tool fetch_page", start: 3.5 + Double(i) * 0.2, end: 3.6 + Double(i) * 0.2,
                status: fails ? StatusCode.error : 0, message: fails ? "fetch_page: 503" : "", parent: researcher,
                nested.merging([
                    "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "fetch_page",
                    "gen_ai.tool.call.arguments": .string(#"{"url":"\#(url)"}"#),
                ]) { a, _ in a })
        }
        if !failing { chat(4, researcher, "claude-haiku-4-5", 400, 40) }
        b.span(
            "invoke_agent researcher", start: 2.8, end: 4.6, status: failing ? StatusCode.error : 0,
            message: failing ? "RuntimeError: fetch_page: 503" : "", parent: researchTool, id: researcher,
            nested.merging(["gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "researcher"]) { a, _ in a })
        b.span(
            "execute_tool research", start: 2.7, end: 4.7, status: failing ? StatusCode.error : 0, parent: root,
            id: researchTool, ["gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "research"])
        if !failing { chat(5, root, "gpt-4o-mini", 500, 50) }
        b.span(
            "invoke_agent coordinator", start: 0, end: 6, status: failing ? StatusCode.error : 0,
            message: failing ? "RuntimeError: fetch_page: 503" : "", parent: .zero, id: root,
            [
                "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "coordinator",
                "gen_ai.conversation.id": conv,
                // pydantic-ai's own sum of its calls: never counted on top of them.
                "gen_ai.usage.input_tokens": 800, "gen_ai.usage.output_tokens": 80,
            ])
        return b
    }

    static func task(_ report: Report, _ id: String) -> Report.Task? {
        report.projects.flatMap(\.tasks).first { $0.id == id }
    }

    @Test func rootRunIsTheTaskAndTheNestedRunItsSubtask() throws {
        let b = Self.delegation()
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        #expect(report.projects.map(\.id) == ["conv-7"])
        let root = try #require(Self.task(report, b.trace.hex))
        #expect(root.agent == "coordinator")
        #expect(root.status == .completed)
        #expect(root.parentID == nil)
        #expect(root.tokens == Int64(110 + 220 + 550))
        #expect(root.processingSeconds == 6)
        let sub = try #require(Self.task(report, Self.researcher.hex))
        #expect(sub.parentID == b.trace.hex)
        #expect(sub.agent == "researcher")
        #expect(sub.name == "invoke_agent researcher")
        #expect(sub.tokens == Int64(330 + 440))
        #expect(sub.model == "claude-haiku-4-5")
        #expect(abs((sub.processingSeconds ?? 0) - 1.8) < 1e-9)
        #expect(root.subtreeTokens == Int64(110 + 220 + 550 + 330 + 440))
        // Every span belongs to exactly one task.
        #expect(root.spanCount + sub.spanCount == b.records.count)
    }

    @Test func agentsToolsAndNoLoopsInTheReport() throws {
        let store = TraceStore()
        store.ingest(Self.delegation().batch())
        let project = try #require(Report(store).projects.first)
        #expect(project.agents.map(\.name) == ["coordinator", "researcher"])
        #expect(project.agents.map(\.runs) == [1, 1])
        #expect(project.agents.map(\.tokens) == [880, 770])
        // Per agent: the coordinator called lookup and research, the researcher fetch_page twice.
        #expect(project.agents[0].tools.filter { $0.calls > 0 }.map(\.name).sorted() == ["lookup", "research"])
        #expect(project.agents[1].tools.map(\.name) == ["fetch_page"])
        #expect(project.agents[1].tools.first?.calls == 2)
        let tools = Dictionary(uniqueKeysWithValues: project.tools.map { ($0.name, $0.calls) })
        #expect(tools == ["lookup": 1, "fetch_page": 2, "research": 1])
        #expect(project.loops.isEmpty)
    }

    @Test func arrivalOrderDoesNotChangeTheReport() {
        let b = Self.delegation(failing: true)
        let inOrder = TraceStore()
        inOrder.ingest(b.batch())
        let expected = Report(inOrder).json()
        var rng = SplitMix64(seed: 7)
        for round in 0..<8 {
            var records = b.records
            switch round {
            case 0: records.reverse()
            case 1: break
            default: records.shuffle(using: &rng)
            }
            let store = TraceStore()
            // One span per batch: every intermediate state is rebuilt and then superseded.
            for r in records { store.ingest(b.batch([r])) }
            #expect(Report(store).json() == expected, "round \(round)")
        }
    }

    @Test func aFailedToolFailsItsRunsWithTheToolsError() throws {
        let b = Self.delegation(failing: true)
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        let root = try #require(Self.task(report, b.trace.hex))
        let sub = try #require(Self.task(report, Self.researcher.hex))
        #expect(root.status == .failed)
        #expect(sub.status == .failed)
        // The earliest error is the cause, for every run it sits in.
        #expect(sub.error == "fetch_page: 503")
        #expect(root.error == "fetch_page: 503")
        let tools = try #require(report.projects.first).tools
        #expect(tools.first { $0.name == "fetch_page" }?.errors == 1)
    }

    @Test func nestedRunsStayInTheRootsProjectWhicheverArrivesFirst() {
        let b = Self.delegation()
        let store = TraceStore()
        // The researcher's spans (own conversation id) first, then the rest.
        let nested = b.records.filter { $0.parentSpanID == Self.researcher || $0.spanID == Self.researcher }
        store.ingest(b.batch(nested))
        store.ingest(b.batch(b.records.filter { r in !nested.contains { $0.spanID == r.spanID } }))
        #expect(Report(store).projects.map(\.id) == ["conv-7"])
    }

    @Test func rootNotYetArrivedIsRunning() throws {
        let b = Self.delegation()
        let store = TraceStore()
        store.ingest(b.batch(Array(b.records.dropLast())))
        let report = Report(store)
        let root = try #require(Self.task(report, b.trace.hex))
        #expect(root.status == .running)
        #expect(Self.task(report, Self.researcher.hex)?.status == .completed)
    }

    @Test func aRepeatedToolCallIsALoopWithTheAskingCallsAsWaste() throws {
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("loop"))])
        b.scope = ScopeRecord(name: "app")
        for i in 0..<4 {
            let t = Double(i)
            b.span(
                "chat gpt-4o", start: t, end: t + 0.4, parent: Self.root,
                [
                    "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o",
                    "gen_ai.usage.input_tokens": .int(Int64(100 * (i + 1))), "gen_ai.usage.output_tokens": 10,
                ])
            b.span(
                "execute_tool check_status", start: t + 0.5, end: t + 0.6, parent: Self.root,
                [
                    "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "check_status",
                    "gen_ai.tool.call.arguments": #"{"job_id":"42"}"#,
                ])
        }
        b.span(
            "invoke_agent coordinator", start: 0, end: 5, parent: .zero, id: Self.root,
            ["gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "coordinator"])
        let store = TraceStore()
        store.ingest(b.batch())
        let project = try #require(Report(store).projects.first)
        let loop = try #require(project.loops.first)
        #expect(project.loops.count == 1)
        #expect(loop.taskID == b.trace.hex)
        #expect(loop.agent == "coordinator")
        #expect(loop.tool == "check_status")
        #expect(loop.arguments == #"{"job_id":"42"}"#)
        #expect(loop.calls == 4)
        // The calls that asked for repeats 2–4: the 2nd, 3rd and 4th chat.
        #expect(loop.wastedTokens == Int64(210 + 310 + 410))
        #expect(loop.wastedCost != nil)
        let t = try #require(store.projects.first?.tasks.first)
        #expect(store.loopCount(t) == 1)
        #expect(LoopWatch.line(loop, project: "loop").contains("check_status 4×"))
    }

    @Test func identicalModelRequestsAreALoopToo() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        for i in 0..<3 {
            b.span(
                "chat gpt-4o", start: Double(i), end: Double(i) + 0.5, parent: Self.root,
                [
                    "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o",
                    "gen_ai.input.messages": #"[{"role":"user","parts":[{"type":"text","content":"hi"}]}]"#,
                    "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 5,
                ])
        }
        b.span(
            "invoke_agent a", start: 0, end: 4, parent: .zero, id: Self.root, ["gen_ai.operation.name": "invoke_agent"])
        let store = TraceStore()
        store.ingest(b.batch())
        let loop = try #require(Report(store).projects.first?.loops.first)
        #expect(loop.tool == nil)
        #expect(loop.calls == 3)
        #expect(loop.wastedTokens == 30)
        #expect(loop.agent == "a")
    }

    @Test func modelHealthIsCountedPerProject() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        b.span(
            "chat gpt-4o", start: 0, end: 1, parent: .zero,
            [
                "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o",
                "gen_ai.response.model": "gpt-4o-mini", "gen_ai.response.finish_reasons": .array(["length"]),
                "gen_ai.conversation.id": "health",
            ])
        var b2 = b
        b2.trace = TraceID(high: 1, low: 2)
        b2.records = []
        b2.span(
            "chat gpt-4o", start: 0, end: 1, parent: .zero,
            [
                "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o",
                "gen_ai.response.model": "gpt-4o-2024-08-06", "gen_ai.response.finish_reasons": .array(["stop"]),
                "gen_ai.conversation.id": "health",
            ])
        let store = TraceStore()
        store.ingest(b.batch())
        store.ingest(b2.batch())
        let project = try #require(Report(store).projects.first)
        #expect(project.truncatedCalls == 1)
        // A dated snapshot of the requested model is the same model.
        #expect(project.modelMismatches == 1)
    }

    @Test func anEvaluationBecomesTheRunsQuality() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        var r = SpanRecord()
        r.traceID = b.trace
        r.spanID = Self.root
        r.name = "invoke_agent support"
        r.startTime = .epoch + .seconds(1)
        r.endTime = .epoch + .seconds(2)
        r.scope = b.scope
        r.attributes = [KeyValue("gen_ai.operation.name", "invoke_agent"), KeyValue("gen_ai.agent.name", "support")]
        r.events = [
            EventRecord(
                time: .epoch + .seconds(1.5), name: "gen_ai.evaluation.result",
                attributes: [
                    KeyValue("gen_ai.evaluation.name", "helpfulness"), KeyValue("gen_ai.evaluation.score.value", 0.82),
                    KeyValue("gen_ai.evaluation.score.label", "pass"),
                ])
        ]
        let store = TraceStore()
        store.ingest(b.batch([r]))
        let task = try #require(Report(store).projects.first?.tasks.first)
        #expect(abs((task.quality ?? 0) - 82) < 1e-9)
        let t = try #require(store.projects.first?.tasks.first)
        #expect(store.evaluationLabel(t) == "pass")
    }

    @Test func badInputStillLoadsEverySpan() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        // An agent without a name, a tool without a call id, messages that are not JSON, tool
        // definitions that are not JSON, and a nested run whose parent never arrives.
        b.span(
            "invoke_agent", start: 0, end: 5, parent: .zero, id: Self.root, ["gen_ai.operation.name": "invoke_agent"])
        b.span(
            "chat m", start: 1, end: 2, parent: Self.root,
            [
                "gen_ai.operation.name": "chat", "gen_ai.input.messages": "[{\"role\": \"user\", \"parts\": [",
                "gen_ai.tool.definitions": "{not json", "gen_ai.usage.input_tokens": 5,
            ])
        b.span("execute_tool lookup", start: 2, end: 3, parent: Self.root, ["gen_ai.operation.name": "execute_tool"])
        b.span(
            "invoke_agent helper", start: 3, end: 4, parent: SpanID(0xDEAD),
            ["gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "helper"])
        b.span("execute_tool", start: 3.1, end: 3.2, parent: SpanID(0x5), ["gen_ai.operation.name": "execute_tool"])
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        let tasks = report.projects.flatMap(\.tasks)
        #expect(tasks.reduce(0) { $0 + $1.spanCount } == b.records.count)
        let root = try #require(tasks.first { $0.id == b.trace.hex })
        #expect(root.agent == nil)
        let helper = try #require(tasks.first { $0.agent == "helper" })
        #expect(helper.parentID == b.trace.hex)
        let tools = report.projects.flatMap(\.tools).map(\.name).sorted()
        #expect(tools == ["execute_tool", "lookup"])
        let agents = try #require(report.projects.first).agents
        #expect(agents.map(\.name) == [nil, "helper"])
    }

    @Test func runsThatAreEachOthersParentStillLoadAndEnd() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        let a = SpanID(0xA)
        let c = SpanID(0xC)
        b.span(
            "invoke_agent a", start: 0, end: 2, status: StatusCode.error, message: "boom", parent: c, id: a,
            ["gen_ai.operation.name": "invoke_agent"])
        b.span("invoke_agent c", start: 0, end: 2, parent: a, id: c, ["gen_ai.operation.name": "invoke_agent"])
        b.span(
            "chat m", start: 1, end: 1.5, parent: a, ["gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": 3])
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        #expect(report.projects.flatMap(\.tasks).reduce(0) { $0 + $1.spanCount } == 3)
        let t = try #require(store.projects.first?.tasks.first)
        #expect(store.transcript(ofTask: t) != nil)
        #expect(store.transcript(ofTrace: b.trace) != nil)
    }

    @Test func workflowsAreTasksButNotAgents() throws {
        var b = SpanBuilder()
        b.scope = ScopeRecord(name: "app")
        b.span(
            "invoke_workflow trip", start: 0, end: 3, parent: .zero, id: Self.root,
            ["gen_ai.operation.name": "invoke_workflow"])
        b.span(
            "invoke_agent planner", start: 1, end: 2, parent: Self.root,
            ["gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "planner"])
        let store = TraceStore()
        store.ingest(b.batch())
        let project = try #require(Report(store).projects.first)
        #expect(project.tasks.count == 2)
        #expect(project.agents.map(\.name) == ["planner"])
    }

    @Test func eigentSpansInTheTraceTakeItOver() {
        var b = Self.delegation()
        b.span("task.created", start: 7, parent: Self.root, ["eigent.task.id": "1", "eigent.project.id": "p"])
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        #expect(report.projects.map(\.id) == ["p"])
        #expect(report.projects[0].tasks.map(\.id) == ["1"])
    }
}
