import SpanCore

/// One line of the conversation page.
public struct TranscriptLine: Equatable, Sendable {
    public var text: String
    public var role: Role
}

struct TranscriptKey: Equatable {
    var subject: TranscriptSubject
    var width: Int
    var unfolded: Bool
}

extension ViewData {
    /// Lines folded beyond this many per part until unfolded.
    static let foldedLines = 6

    /// A conversation page's lines, `width` columns wide, cached until the store changes.
    public func transcriptLines(_ page: TranscriptPage, width: Int) -> [TranscriptLine] {
        cached(&transcriptCache, key: TranscriptKey(subject: page.subject, width: width, unfolded: page.unfolded)) {
            guard let transcript = transcript(page.subject) else { return [] }
            return Self.lines(transcript, width: width, unfolded: page.unfolded)
        }
    }

    func transcript(_ subject: TranscriptSubject) -> Transcript? {
        switch subject {
        case .task(let t): return store.transcript(ofTask: t)
        case .call(let trace, let span): return store.transcript(ofCall: SpanID(span), in: trace)
        }
    }

    /// Whether a line holds the searched text (ASCII letters without case).
    static func lineMatches(_ line: String, _ search: String) -> Bool {
        TextSearch.contains(line, search)
    }

    static func lines(_ transcript: Transcript, width: Int, unfolded: Bool) -> [TranscriptLine] {
        var out: [TranscriptLine] = []
        let calls = Dictionary(transcript.calls.map { ($0.spanID, $0) }) { a, _ in a }
        out.append(
            TranscriptLine(
                text: "\(transcript.calls.count) model call\(transcript.calls.count == 1 ? "" : "s") · "
                    + "\(transcript.messages.count) messages", role: .dim))
        if let note = transcript.droppedNote {
            out.append(TranscriptLine(text: note, role: .warning))
        } else if transcript.messages.isEmpty {
            out.append(
                TranscriptLine(
                    text: "no message content in these spans (emitters record it only when asked)", role: .dim))
        }
        for m in transcript.messages {
            let indent = String(repeating: "  ", count: min(m.depth, 8))
            var head = m.role + (m.agent.map { " · " + $0 } ?? "")
            var headRole = Role.title
            if let id = m.call, let call = calls[id] {
                if let model = call.model { head += " · " + (call.requestedModel.map { "\($0) → \(model)" } ?? model) }
                if call.truncated {
                    head += " · ✂ cut off"
                    headRole = .warning
                }
            }
            out.append(TranscriptLine(text: "", role: .normal))
            out.append(TranscriptLine(text: indent + Text.clean(head), role: m.role == "system" ? .dim : headRole))
            for part in m.parts {
                let (text, role) = describe(part)
                var wrapped = Wrap.lines(text, width: max(10, width - indent.count - 2), limit: 10_000)
                if !unfolded && wrapped.count > foldedLines + 1 {
                    let hidden = wrapped.count - foldedLines
                    wrapped = Array(wrapped.prefix(foldedLines)) + ["… \(hidden) more lines (enter unfolds)"]
                }
                for line in wrapped { out.append(TranscriptLine(text: indent + "  " + line, role: role)) }
            }
        }
        return out
    }

    private static func describe(_ p: TranscriptPart) -> (String, Role) {
        switch p {
        case .text(let s): return (s, .normal)
        case .reasoning(let s): return ("(reasoning) " + s, .dim)
        case .blob(let what): return (what, .dim)
        case .toolCall(let id, let name, let arguments):
            return ("→ \(name) " + pretty(arguments) + (id.map { "  #\($0)" } ?? ""), .accent)
        case .toolResponse(let id, let name, let response, let error):
            let who = (name ?? "tool") + (id.map { " #\($0)" } ?? "")
            if let error { return ("✗ \(who) failed: \(error)", .error) }
            return ("← \(who): " + (response.map { $0.stringValue ?? pretty($0) } ?? "null"), .normal)
        }
    }

    /// JSON with one member per line, two spaces per level.
    static func pretty(_ v: JSONValue, level: Int = 0) -> String {
        let pad = String(repeating: "  ", count: level + 1)
        let close = String(repeating: "  ", count: level)
        switch v {
        case .object(let members) where !members.isEmpty:
            let inner = members.map { pad + JSONValue.string($0.0).compactText + ": " + pretty($0.1, level: level + 1) }
            return "{\n" + inner.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let items)
        where !items.isEmpty && items.contains(where: { if case .object = $0 { true } else { false } }):
            let inner = items.map { pad + pretty($0, level: level + 1) }
            return "[\n" + inner.joined(separator: ",\n") + "\n" + close + "]"
        default:
            return v.compactText
        }
    }
}
