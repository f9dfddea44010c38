extension Transcript {
    /// Transcript JSON, version 1 (`docs/reference/transcript-json.md`).
    /// - Parameter extra: members written after the transcript's own (the query API's paging).
    public func jsonBytes(extra: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.field("task_id", taskID)
        w.field("trace_id", traceID)
        w.field("content_dropped", contentDropped?.rawValue)
        w.beginArray("calls")
        for c in calls {
            w.beginObject()
            w.field("span_id", c.spanID)
            w.field("agent", c.agent)
            w.field("model", c.model)
            w.field("requested_model", c.requestedModel)
            w.beginArray("finish_reasons")
            for r in c.finishReasons { w.element(r) }
            w.endArray()
            w.field("truncated", c.truncated)
            w.field("input_tokens", c.inputTokens)
            w.field("output_tokens", c.outputTokens)
            w.field("cost_usd", c.cost, digits: 9)
            w.beginArray("tools_offered")
            for t in c.toolsOffered { w.element(t) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("messages")
        for m in messages {
            w.beginObject()
            w.field("role", m.role)
            w.field("agent", m.agent)
            w.field("call", m.call)
            w.beginArray("parts")
            for p in m.parts { w.part(p) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        extra(&w)
        w.endObject()
        return w.bytes
    }
}

extension JSONWriter {
    mutating func part(_ p: TranscriptPart) {
        beginObject()
        switch p {
        case .text(let s):
            field("type", "text")
            field("content", s)
        case .toolCall(let id, let name, let arguments):
            field("type", "tool_call")
            field("id", id)
            field("name", name)
            key("arguments")
            value(arguments)
        case .toolResponse(let id, let name, let response, let error):
            field("type", "tool_call_response")
            field("id", id)
            field("name", name)
            key("response")
            if let response { value(response) } else { value(nil as String?) }
            field("error", error)
        case .reasoning(let s):
            field("type", "reasoning")
            field("content", s)
        case .blob(let what):
            field("type", "blob")
            field("content", what)
        }
        endObject()
    }

    /// Writes a JSON value as it was read.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: value(nil as String?)
        case .bool(let b): value(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 9e15 { value(Int64(n)) } else { value(n) }
        case .string(let s): value(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, item) in members {
                key(k)
                value(item)
            }
            endObject()
        }
    }
}

extension JSONValue {
    /// Compact JSON text, keys in their order.
    public var compactText: String {
        var w = JSONWriter()
        w.value(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
