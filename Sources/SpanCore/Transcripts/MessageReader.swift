/// Reads the messages one span carries, in whichever family it was written: OTel GenAI JSON
/// (`gen_ai.system_instructions`, `gen_ai.input.messages`, `gen_ai.output.messages`, also the
/// older `{"role", "content"}` objects and Langfuse's `langfuse.observation.input`/`.output`),
/// the semconv 1.28–1.36 span events (`gen_ai.user.message`, `gen_ai.choice`, …), OpenLLMetry's
/// indexed `gen_ai.prompt.{i}.*` / `gen_ai.completion.{i}.*`, or OpenInference's indexed
/// `llm.input_messages.{i}.message.*`. Malformed content comes back as a text part holding the
/// raw text, never as nothing.
struct MessageReader {
    var system: [TranscriptMessage] = []
    var input: [TranscriptMessage] = []
    var output: [TranscriptMessage] = []
    var finishReasons: [String] = []
    /// The span's attributes by key, as read (the call's tokens come from here too).
    private(set) var attributes: [String: AttributeValue] = [:]

    init(_ record: SpanRecord) {
        var attributes: [String: AttributeValue] = [:]
        for kv in record.attributes { attributes[kv.key] = kv.value }
        self.init(attributes, events: record.events)
    }

    init(_ attributes: [String: AttributeValue], events: [EventRecord] = []) {
        self.attributes = attributes
        if let s = attributes["gen_ai.system_instructions"] {
            let parts = Self.parts(of: s)
            if !parts.isEmpty { system = [TranscriptMessage(role: "system", parts: parts)] }
        }
        input = Self.messages(attributes["gen_ai.input.messages"] ?? attributes["langfuse.observation.input"])
        output = Self.messages(attributes["gen_ai.output.messages"] ?? attributes["langfuse.observation.output"])
        if input.isEmpty { input = Self.indexed(attributes, prefix: "llm.input_messages.") }
        if output.isEmpty { output = Self.indexed(attributes, prefix: "llm.output_messages.") }
        if input.isEmpty { input = Self.indexed(attributes, prefix: "gen_ai.prompt.", field: "") }
        if output.isEmpty { output = Self.indexed(attributes, prefix: "gen_ai.completion.", field: "") }
        if input.isEmpty && output.isEmpty && system.isEmpty { readEvents(events) }
        // OpenInference without indexed messages: an OpenAI-style request in `input.value`.
        if input.isEmpty, case .string(let text)? = attributes["input.value"],
            let messages = JSONValue(parsing: text)?["messages"], case .array = messages
        {
            input = Self.messages(.string(messages.compactText))
        }
        if case .array(let reasons)? = attributes["gen_ai.response.finish_reasons"] {
            finishReasons = reasons.map(\.description)
        } else if let r = attributes["gen_ai.response.finish_reasons"] ?? attributes["llm.finish_reason"] {
            finishReasons = [r.description]
        }
        if finishReasons.isEmpty, let last = output.last, let r = last.finishReason { finishReasons = [r] }
        if system.isEmpty && input.isEmpty && output.isEmpty { readRawContent() }
    }

    /// Content in no known family: attributes that look like an input or an output, as they are.
    private mutating func readRawContent() {
        for key in attributes.keys.sorted() {
            guard case .string(let text)? = attributes[key], !text.isEmpty else { continue }
            switch Self.rawContentSide(of: key) {
            case .input?: input.append(TranscriptMessage(role: "user", parts: [.text("\(key): \(text)")]))
            case .output?: output.append(TranscriptMessage(role: "assistant", parts: [.text("\(key): \(text)")]))
            case nil: continue
            }
        }
    }

    enum RawSide { case input, output }

    /// Which side an unknown attribute's text is on, judged by its key's last word.
    static func rawContentSide(of key: String) -> RawSide? {
        let word = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let ignored = ["token", "model", "mime", "id", "type", "count", "reason", "schema", "definition"]
        if ignored.contains(where: word.contains) { return nil }
        if ["input", "prompt", "question", "query", "messages", "request"].contains(where: word.contains) {
            return .input
        }
        if ["output", "completion", "answer", "response", "result"].contains(where: word.contains) { return .output }
        return nil
    }

    /// A list of messages from a JSON text attribute; raw text when it is not one.
    static func messages(_ value: AttributeValue?) -> [TranscriptMessage] {
        guard case .string(let text)? = value, !text.isEmpty else { return [] }
        guard let json = JSONValue(parsing: text) else {
            return [TranscriptMessage(role: "user", parts: [.text(text)])]
        }
        if case .object = json, json["role"] != nil { return messages(.string("[" + text + "]")) }
        guard case .array(let items) = json else {
            // Langfuse input may be any value: show it as the user's.
            return [TranscriptMessage(role: "user", parts: [.text(json.stringValue ?? json.compactText)])]
        }
        return items.compactMap { item in
            guard case .object = item else { return TranscriptMessage(role: "user", parts: [.text(item.compactText)]) }
            let role = item["role"]?.stringValue ?? "user"
            var parts: [TranscriptPart] = []
            if let p = item["parts"]?.arrayValue { parts = p.compactMap(part) }
            if let content = item["content"] {
                if let s = content.stringValue {
                    if !s.isEmpty { parts.append(.text(s)) }
                } else if let list = content.arrayValue {
                    parts += list.compactMap(part)
                }
            }
            parts += toolCalls(item["tool_calls"]?.arrayValue ?? [])
            if role == "tool", let id = item["tool_call_id"]?.stringValue,
                parts.allSatisfy({ if case .text = $0 { true } else { false } })
            {
                let text = parts.compactMap { if case .text(let s) = $0 { s } else { nil } }.joined()
                parts = [
                    .toolResponse(id: id, name: item["name"]?.stringValue, response: .parsedOrString(text), error: nil)
                ]
            }
            var m = TranscriptMessage(role: role, parts: parts)
            m.finishReason = item["finish_reason"]?.stringValue
            return m
        }
    }

    /// The parts of `gen_ai.system_instructions` (a list of parts, or plain text).
    static func parts(of value: AttributeValue) -> [TranscriptPart] {
        guard case .string(let text) = value, !text.isEmpty else { return [] }
        guard let json = JSONValue(parsing: text) else { return [.text(text)] }
        if let list = json.arrayValue { return list.compactMap(part) }
        return [.text(json.stringValue ?? json.compactText)]
    }

    static func part(_ p: JSONValue) -> TranscriptPart? {
        if let s = p.stringValue { return .text(s) }
        let type = p["type"]?.stringValue ?? "text"
        switch type {
        case "text", "input_text", "output_text":
            return .text(p["content"]?.stringValue ?? p["text"]?.stringValue ?? "")
        case "tool_call", "function_call", "tool_use":
            return .toolCall(
                id: p["id"]?.stringValue, name: p["name"]?.stringValue ?? "?",
                arguments: arguments(p["arguments"] ?? p["input"] ?? .null))
        case "tool_call_response", "function_call_output", "tool_result":
            return .toolResponse(
                id: p["id"]?.stringValue ?? p["tool_use_id"]?.stringValue, name: p["name"]?.stringValue,
                response: (p["response"] ?? p["result"] ?? p["content"] ?? p["output"]).map(responseValue),
                error: nil)
        case "reasoning", "thinking":
            return .reasoning(p["content"]?.stringValue ?? p["text"]?.stringValue ?? "")
        default:
            let mime = p["mime_type"]?.stringValue ?? p["modality"]?.stringValue
            return .blob("[\(type)\(mime.map { " " + $0 } ?? "")]")
        }
    }

    /// Arguments sent as JSON text read as their value.
    static func arguments(_ v: JSONValue) -> JSONValue {
        if let s = v.stringValue { return .parsedOrString(s) }
        return v
    }

    static func responseValue(_ v: JSONValue) -> JSONValue {
        if let s = v.stringValue { return .parsedOrString(s) }
        return v
    }

    /// Semconv 1.28–1.36: one event per message; the answer is a `gen_ai.choice`.
    private mutating func readEvents(_ events: [EventRecord]) {
        for e in events {
            var fields: [String: AttributeValue] = [:]
            for kv in e.attributes { fields[kv.key] = kv.value }
            // Semconv ≥ 1.37 can carry the whole call as one event with the span's attributes.
            if e.name == "gen_ai.client.inference.operation.details" {
                let details = MessageReader(fields)
                system += details.system
                input += details.input
                output += details.output
                finishReasons += details.finishReasons
                continue
            }
            let content = fields["content"]?.description ?? fields["body"]?.description
            switch e.name {
            case "gen_ai.system.message":
                if let content { system.append(TranscriptMessage(role: "system", parts: [.text(content)])) }
            case "gen_ai.user.message":
                if let content { input.append(TranscriptMessage(role: "user", parts: [.text(content)])) }
            case "gen_ai.assistant.message":
                var m = TranscriptMessage(role: "assistant", parts: [])
                if let content, !content.isEmpty { m.parts.append(.text(content)) }
                if let calls = fields["tool_calls"]?.description, let list = JSONValue(parsing: calls)?.arrayValue {
                    m.parts += Self.toolCalls(list)
                }
                input.append(m)
            case "gen_ai.tool.message":
                input.append(
                    TranscriptMessage(
                        role: "tool",
                        parts: [
                            .toolResponse(
                                id: fields["id"]?.description, name: nil,
                                response: content.map(JSONValue.parsedOrString), error: nil)
                        ]))
            case "gen_ai.choice":
                if let text = fields["message"]?.description {
                    output += Self.messages(.string("[" + text + "]"))
                }
                if let reason = fields["finish_reason"]?.description { finishReasons.append(reason) }
            default:
                continue
            }
        }
    }

    static func toolCalls(_ list: [JSONValue]) -> [TranscriptPart] {
        list.map { call in
            let function = call["function"]
            let name = call["name"]?.stringValue ?? function?["name"]?.stringValue ?? "?"
            return .toolCall(
                id: call["id"]?.stringValue, name: name,
                arguments: arguments(call["arguments"] ?? function?["arguments"] ?? .null))
        }
    }

    /// Indexed attributes: OpenInference's `PREFIX{i}.message.role|content|tool_call_id`,
    /// `PREFIX{i}.message.contents.{j}.message_content.text`,
    /// `PREFIX{i}.message.tool_calls.{j}.tool_call.id|function.name|function.arguments`; with
    /// `field` empty, OpenLLMetry's `PREFIX{i}.role|content|tool_call_id|finish_reason` and
    /// `PREFIX{i}.tool_calls.{j}.id|name|arguments`.
    static func indexed(
        _ attributes: [String: AttributeValue], prefix: String, field: String = "message."
    ) -> [TranscriptMessage] {
        var byIndex: [Int: [String: AttributeValue]] = [:]
        for (key, value) in attributes where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), let i = Int(rest[..<dot]) else { continue }
            byIndex[i, default: [:]][String(rest[rest.index(after: dot)...])] = value
        }
        let openInference = !field.isEmpty
        return byIndex.keys.sorted().map { i in
            let fields = byIndex[i]!
            let role = fields[field + "role"]?.description ?? "user"
            var parts: [TranscriptPart] = []
            if let content = fields[field + "content"]?.description, !content.isEmpty { parts.append(.text(content)) }
            for j in 0..<64 where openInference {
                guard let text = fields["message.contents.\(j).message_content.text"] else { break }
                // Some emitters send the same text as `content` and as `contents`.
                if !parts.contains(.text(text.description)) { parts.append(.text(text.description)) }
            }
            for j in 0..<64 {
                let base = openInference ? "message.tool_calls.\(j).tool_call." : "tool_calls.\(j)."
                guard let name = fields[base + (openInference ? "function.name" : "name")] else { break }
                let rawArgs = fields[base + (openInference ? "function.arguments" : "arguments")]
                let args = rawArgs.map { JSONValue.parsedOrString($0.description) } ?? .null
                parts.append(.toolCall(id: fields[base + "id"]?.description, name: name.description, arguments: args))
            }
            if role == "tool", let id = fields[field + "tool_call_id"]?.description {
                let text = fields[field + "content"]?.description ?? ""
                parts = [
                    .toolResponse(
                        id: id, name: fields[field + "name"]?.description, response: .parsedOrString(text), error: nil)
                ]
            }
            var m = TranscriptMessage(role: role, parts: parts)
            m.finishReason = fields[field + "finish_reason"]?.description
            return m
        }
    }
}
