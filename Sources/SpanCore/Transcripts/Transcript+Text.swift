extension Transcript {
    /// The transcript for a terminal or a pipe: a line per message (continuation lines
    /// indented), delegated runs indented under the tool call that started them, each assistant
    /// message with its agent and model, a cut-off answer marked. Control characters are
    /// replaced; texts are whole.
    public func text() -> String {
        var out = "transcript of " + (taskID.map { "task \($0) · " } ?? "") + "trace \(traceID)\n"
        out += "\(calls.count) model call\(calls.count == 1 ? "" : "s") · \(messages.count) messages\n\n"
        let byCall = Dictionary(calls.map { ($0.spanID, $0) }) { a, _ in a }
        if let note = droppedNote { out += "(\(note))\n" }
        if messages.isEmpty && contentDropped == nil { out += "(no message content in these spans)\n" }
        for m in messages {
            let indent = String(repeating: "    ", count: m.depth)
            var head = m.role
            if let agent = m.agent { head += " " + agent }
            if let id = m.call, let call = byCall[id] {
                if let model = call.model {
                    head += " · " + (call.requestedModel.map { "\($0) → \(model)" } ?? model)
                }
                if call.truncated { head += " · ✂ cut off (\(call.finishReasons.joined(separator: ", ")))" }
            }
            for part in m.parts {
                out += Self.lines(indent + "[" + Text.clean(head) + "] ", Self.describe(part), indent: indent)
            }
            if m.parts.isEmpty { out += indent + "[" + Text.clean(head) + "] (empty)\n" }
        }
        return out
    }

    static func describe(_ p: TranscriptPart) -> String {
        switch p {
        case .text(let s): return s
        case .reasoning(let s): return "(reasoning) " + s
        case .blob(let what): return what
        case .toolCall(let id, let name, let arguments):
            return "→ \(name)(\(arguments.compactText))" + (id.map { "  #\($0)" } ?? "")
        case .toolResponse(let id, let name, let response, let error):
            let who = (name ?? "tool") + (id.map { " #\($0)" } ?? "")
            if let error { return "✗ \(who) failed: \(error)" }
            return "← \(who): " + (response.map { $0.stringValue ?? $0.compactText } ?? "null")
        }
    }

    /// `prefix` then `body`, later lines of the body under the first.
    static func lines(_ prefix: String, _ body: String, indent: String) -> String {
        let rows = body.split(separator: "\n", omittingEmptySubsequences: false).map { Text.clean(String($0)) }
        var out = prefix + (rows.first ?? "") + "\n"
        for row in rows.dropFirst() { out += indent + "    " + row + "\n" }
        return out
    }
}
