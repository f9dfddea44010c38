/// Builds transcripts from stored spans: each run's model calls in order, the history they
/// repeat taken once, tool calls joined to their results (by call id, else the earliest
/// unanswered span of the same tool), failed tools' errors, and nested runs' conversations
/// after the tool call that started them.
extension TraceStore {
    /// The conversation of a task: an agent run (and the runs it called), or a whole trace.
    public func transcript(ofTask t: TaskIndex) -> Transcript? {
        let task = tasks[t]
        guard let trace = traceTable[task.traceID] else { return nil }
        var root: Int?
        if task.source == .run {
            guard let id = SpanID(hex: string(task.id)), let i = trace.index(of: id) else { return nil }
            root = i
        }
        var builder = TranscriptBuilder(store: self, trace: trace)
        var transcript = builder.build(root: root)
        transcript.taskID = string(task.id)
        return transcript
    }

    /// One model call alone: its instructions, its whole input (the history it was sent) and
    /// its answer. nil when the span is not a model call.
    public func transcript(ofCall id: SpanID, in traceID: TraceID) -> Transcript? {
        guard let trace = traceTable[traceID], let i = trace.index(of: id) else { return nil }
        var builder = TranscriptBuilder(store: self, trace: trace)
        guard builder.facts[i].activity == .modelCall else { return nil }
        return builder.buildCall(i)
    }

    /// The conversation of every run in a trace.
    public func transcript(ofTrace id: TraceID) -> Transcript? {
        guard let trace = traceTable[id] else { return nil }
        var builder = TranscriptBuilder(store: self, trace: trace)
        return builder.build(root: nil)
    }
}

/// One transcript's worth of reading: the trace's spans as facts and runs, then each run's
/// messages (see `TraceStore.transcript`).
struct TranscriptBuilder {
    let store: TraceStore
    let trace: TraceRecord
    var facts: [SpanFacts] = []
    var isRun: [Bool] = []
    var parents: [Int32] = []
    var layout = RunLayout()
    var calls: [TranscriptCall] = []
    var callStarts: [Timestamp] = []

    init(store: TraceStore, trace: TraceRecord) {
        self.store = store
        self.trace = trace
        for i in trace.spans.indices {
            let f = store.withView(trace, i) { Interpreters.facts($0) }
            facts.append(f)
            isRun.append(f.isRun)
            let p = trace.spans[i].parentSpanID
            parents.append(p == 0 ? -1 : trace.index(of: SpanID(p)).map { Int32($0) } ?? -1)
        }
        layout.build(parents: parents, isRun: isRun, root: trace.rootIndex)
    }

    mutating func build(root: Int?) -> Transcript {
        var messages: [TranscriptMessage] = []
        if let root, isRun[root] {
            messages = conversation(of: Int32(root), depth: 0)
        } else {
            // Calls outside any run, then each outermost run in the order it started.
            messages = conversation(of: -1, depth: 0)
            let outermost = trace.spans.indices.filter { isRun[$0] && layout.enclosing[$0] < 0 && inScope($0, root) }
            for r in outermost.sorted(by: { trace.spans[$0].startTime < trace.spans[$1].startTime }) {
                messages += conversation(of: Int32(r), depth: 0)
            }
        }
        let order = calls.indices.sorted { callStarts[$0] < callStarts[$1] }
        return Transcript(
            taskID: nil, traceID: trace.id.hex, calls: order.map { calls[$0] }, messages: messages,
            contentDropped: trace.contentDropped)
    }

    mutating func buildCall(_ c: Int) -> Transcript {
        let reader = MessageReader(store.record(of: trace, span: c))
        let run = layout.owner(c, isRun)
        let agent = run >= 0 ? text(facts[Int(run)].agent) : nil
        let callID = SpanID(trace.spans[c].spanID).hex
        var messages = reader.system + reader.input
        for var m in reader.output {
            m.call = callID
            messages.append(m)
        }
        for i in messages.indices { messages[i].agent = agent }
        return Transcript(
            taskID: nil, traceID: trace.id.hex, calls: [call(c, reader, agent: agent)], messages: messages,
            contentDropped: trace.contentDropped)
    }

    private func inScope(_ i: Int, _ root: Int?) -> Bool {
        guard let root else { return true }
        var j = Int32(i)
        var steps = 0
        while j >= 0 && steps <= parents.count {
            if j == root { return true }
            j = parents[Int(j)]
            steps += 1
        }
        return false
    }

    private func owned(by run: Int32, _ activity: SpanFacts.Activity) -> [Int] {
        trace.spans.indices.filter { facts[$0].activity == activity && layout.owner($0, isRun) == run }
            .sorted {
                (trace.spans[$0].startTime, trace.spans[$0].spanID) < (
                    trace.spans[$1].startTime, trace.spans[$1].spanID
                )
            }
    }

    private func attributes(_ i: Int) -> [String: AttributeValue] {
        var byKey: [String: AttributeValue] = [:]
        for kv in store.record(of: trace, span: i).attributes { byKey[kv.key] = kv.value }
        return byKey
    }

    private func text(_ id: StringID) -> String? { store.optionalString(id) }

    /// One run's messages, with those of the runs it called.
    private mutating func conversation(of run: Int32, depth: Int) -> [TranscriptMessage] {
        let agent = run >= 0 ? text(facts[Int(run)].agent) : nil
        var messages: [TranscriptMessage] = []
        var history: [String] = []
        var systemSeen: Set<String> = []
        for c in owned(by: run, .modelCall) {
            let reader = MessageReader(store.record(of: trace, span: c))
            let callID = SpanID(trace.spans[c].spanID).hex
            for m in reader.system where systemSeen.insert(Self.fingerprint(m)).inserted {
                messages.append(m)
            }
            // Each call repeats the history: only what follows the part already seen is new.
            // Compared part by part: emitters split and merge messages differently when they
            // repeat them (one assistant message with two tool calls comes back as two).
            var k = 0
            var matching = true
            for m in reader.input {
                var rest = m
                rest.parts = []
                for p in m.parts {
                    let unit = Self.fingerprint(role: m.role, p)
                    if matching, k < history.count, history[k] == unit {
                        k += 1
                        continue
                    }
                    matching = false
                    history.append(unit)
                    rest.parts.append(p)
                }
                if !rest.parts.isEmpty { messages.append(rest) }
            }
            for var m in reader.output {
                for p in m.parts { history.append(Self.fingerprint(role: m.role, p)) }
                m.call = callID
                messages.append(m)
            }
            calls.append(call(c, reader, agent: agent))
            callStarts.append(trace.spans[c].startTime)
        }
        // pydantic-ai can keep the whole run's messages on the run span alone.
        if messages.isEmpty, run >= 0, case .string(let all)? = attributes(Int(run))["pydantic_ai.all_messages"] {
            messages = MessageReader.messages(.string(all))
        }
        for i in messages.indices where messages[i].agent == nil { messages[i].agent = agent }
        joinTools(run, agent, &messages)
        // Outermost runs are not delegations: `build` lists them in turn.
        if run >= 0 { insertDelegations(run, depth, &messages) }
        for i in messages.indices { messages[i].depth += depth }
        return messages
    }

    /// Tool results and errors: a response already in the history gets its tool's error; a
    /// call without one gets its tool span's result after the message that made it. Tool
    /// spans no call names (no model-call content) are shown as a call and its result.
    private func joinTools(_ run: Int32, _ agent: String?, _ messages: inout [TranscriptMessage]) {
        var unused = owned(by: run, .toolCall)
        func take(id: String?, name: String) -> Int? {
            if let id, let k = unused.firstIndex(where: { text(facts[$0].toolCallID) == id }) {
                return unused.remove(at: k)
            }
            let k = unused.firstIndex { facts[$0].toolCallID.isEmpty && toolName($0) == name }
            return k.map { unused.remove(at: $0) }
        }
        var answered: [String: (message: Int, part: Int)] = [:]
        var names: [String: String] = [:]
        for m in messages {
            for case .toolCall(let id?, let name, _) in m.parts { names[id] = name }
        }
        for (mi, m) in messages.enumerated() {
            for (pi, p) in m.parts.enumerated() {
                guard case .toolResponse(let id?, let name, let response, let error) = p else { continue }
                answered[id] = (mi, pi)
                if name == nil, let called = names[id] {
                    messages[mi].parts[pi] = .toolResponse(id: id, name: called, response: response, error: error)
                }
            }
        }
        var inserts: [(after: Int, message: TranscriptMessage)] = []
        for (mi, m) in messages.enumerated() {
            for p in m.parts {
                guard case .toolCall(let id, let name, _) = p else { continue }
                let span = take(id: id, name: name)
                if let id, let at = answered[id] {
                    if let span, let error = toolError(span),
                        case .toolResponse(let rid, let rname, let response, _) = messages[at.message].parts[at.part]
                    {
                        messages[at.message].parts[at.part] = .toolResponse(
                            id: rid, name: rname, response: response, error: error)
                    }
                    continue
                }
                guard let span else { continue }
                inserts.append((mi, toolMessage(span, id: id, name: name, agent: agent)))
            }
        }
        for insert in inserts.reversed() { messages.insert(insert.message, at: insert.after + 1) }
        for span in unused {
            let id = text(facts[span].toolCallID)
            let args = text(facts[span].arguments).map(JSONValue.parsedOrString) ?? .null
            messages.append(
                TranscriptMessage(
                    role: "assistant", agent: agent, parts: [.toolCall(id: id, name: toolName(span), arguments: args)]))
            messages.append(toolMessage(span, id: id, name: toolName(span), agent: agent))
        }
    }

    private func toolName(_ span: Int) -> String {
        text(facts[span].tool) ?? store.string(trace.spans[span].name)
    }

    private func toolError(_ span: Int) -> String? {
        let s = trace.spans[span]
        guard s.statusCode == StatusCode.error else { return nil }
        let exception = store.exceptionMessage(span, trace).map(store.string)
        guard !s.statusMessage.isEmpty else { return exception ?? "failed" }
        let status = store.string(s.statusMessage)
        // LangChain's status is the exception's repr plus its traceback: the message says it.
        if let exception, !exception.isEmpty, status.count > exception.count, status.contains(exception) {
            return exception
        }
        return status
    }

    private func toolMessage(_ span: Int, id: String?, name: String, agent: String?) -> TranscriptMessage {
        let attrs = attributes(span)
        let result = attrs["gen_ai.tool.call.result"] ?? attrs["tool_response"] ?? attrs["output.value"]
        return TranscriptMessage(
            role: "tool", agent: agent,
            parts: [
                .toolResponse(
                    id: id, name: name, response: result.map { JSONValue.parsedOrString($0.description) },
                    error: toolError(span))
            ])
    }

    /// Runs this run called: after the message with the tool call that started each, else at
    /// the end, in the order they started.
    private mutating func insertDelegations(_ run: Int32, _ depth: Int, _ messages: inout [TranscriptMessage]) {
        let nested = trace.spans.indices.filter { isRun[$0] && layout.enclosing[$0] == run && Int32($0) != run }
            .sorted { trace.spans[$0].startTime < trace.spans[$1].startTime }
        for r in nested {
            let inner = conversation(of: Int32(r), depth: depth + 1).map { m -> TranscriptMessage in
                var m = m
                m.depth -= depth
                return m
            }
            // The tool span the run sits under (OpenInference puts a chain between them).
            var viaTool: Int?
            var up = parents[r]
            var steps = 0
            while up >= 0, up != run, viaTool == nil, steps <= parents.count {
                if facts[Int(up)].activity == .toolCall { viaTool = Int(up) }
                up = parents[Int(up)]
                steps += 1
            }
            let at = viaTool.flatMap { tool -> Int? in
                let id = text(facts[tool].toolCallID)
                let name = toolName(tool)
                return messages.firstIndex { m in
                    m.parts.contains {
                        guard case .toolCall(let callID, let callName, _) = $0 else { return false }
                        return id != nil ? callID == id : callName == name
                    }
                }
            }
            if let at { messages.insert(contentsOf: inner, at: at + 1) } else { messages += inner }
        }
    }

    private func call(
        _ c: Int, _ reader: MessageReader, agent: String?
    ) -> TranscriptCall {
        let f = facts[c]
        let requested = text(f.requestedModel)
        let served = text(f.servedModel)
        let charge = store.withView(trace, c) { _ in store.callCharge(trace.spans[c], trace, fallbackModel: .empty) }
        return TranscriptCall(
            spanID: SpanID(trace.spans[c].spanID).hex, agent: agent, model: served ?? requested,
            requestedModel: requested != nil && requested != served ? requested : nil,
            finishReasons: reader.finishReasons,
            inputTokens: charge.hasTokens ? charge.input : nil, outputTokens: charge.hasTokens ? charge.output : nil,
            cost: charge.cost, toolsOffered: store.offeredTools(c, trace).map(store.string))
    }

    static func fingerprint(_ m: TranscriptMessage) -> String {
        var w = JSONWriter()
        w.beginArray()
        for p in m.parts { w.part(p) }
        w.endArray()
        return m.role + "\u{1}" + String(decoding: w.bytes, as: UTF8.self)
    }

    static func fingerprint(role: String, _ p: TranscriptPart) -> String {
        var w = JSONWriter()
        w.part(p)
        return role + "\u{1}" + String(decoding: w.bytes, as: UTF8.self)
    }
}
