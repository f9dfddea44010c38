/// A conversation as it happened: every message once, in order, tool calls joined to their
/// results or errors, delegated runs' messages after the tool call that started them. The
/// shape of Transcript JSON (`docs/reference/transcript-json.md`).
public struct Transcript: Sendable {
    public var taskID: String?
    public var traceID: String
    public var calls: [TranscriptCall] = []
    public var messages: [TranscriptMessage] = []
    /// Set when the trace's message text was not kept: what is shown comes from tool spans only.
    public var contentDropped: ContentDrop?

    /// What to tell a reader about text that is not here.
    public var droppedNote: String? {
        switch contentDropped {
        case .budget?:
            return "content dropped (budget): this trace's message text was let go to stay under --max-content-mb"
        case .notKept?: return "content not kept (--no-content): message text was dropped as it arrived"
        case nil: return nil
        }
    }
}

/// One model call: which agent asked which model, what it cost, whether it was cut off.
public struct TranscriptCall: Sendable, Equatable {
    public var spanID: String
    public var agent: String?
    /// The model that answered (or the one asked for, when no answer names one).
    public var model: String?
    public var requestedModel: String?
    public var finishReasons: [String] = []
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var cost: Double?
    public var toolsOffered: [String] = []

    public var truncated: Bool { finishReasons.contains { $0 == "length" || $0 == "max_tokens" } }
}

public struct TranscriptMessage: Sendable, Equatable {
    /// system, user, assistant or tool.
    public var role: String
    public var agent: String?
    /// Span id of the model call that produced it (assistant messages).
    public var call: String?
    public var parts: [TranscriptPart]
    /// How deep in delegations the message sits (0: the task's own run); the text form indents.
    public var depth = 0
    /// Why the model stopped, on an output message that says.
    var finishReason: String?

    public init(role: String, agent: String? = nil, call: String? = nil, parts: [TranscriptPart]) {
        self.role = role
        self.agent = agent
        self.call = call
        self.parts = parts
    }
}

public enum TranscriptPart: Sendable, Equatable {
    case text(String)
    case toolCall(id: String?, name: String, arguments: JSONValue)
    case toolResponse(id: String?, name: String?, response: JSONValue?, error: String?)
    case reasoning(String)
    /// An image, file or other blob: a placeholder, never its bytes.
    case blob(String)
}

extension JSONValue {
    /// Text that is JSON reads as its value; anything else stays a string.
    static func parsedOrString(_ text: String) -> JSONValue {
        let trimmed = text.drop { $0 == " " || $0 == "\n" }
        if let first = trimmed.first, first == "{" || first == "[", let v = JSONValue(parsing: text) { return v }
        return .string(text)
    }
}
