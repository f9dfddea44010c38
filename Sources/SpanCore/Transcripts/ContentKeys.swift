/// The attributes that carry what agents and models said: prompts, answers, messages, tool
/// arguments and results, in every family `MessageReader` reads. Content search looks here;
/// `--redact` strips the message ones before spans leave the machine.
public enum ContentKeys {
    /// Exact keys and key prefixes (ending in `.`) of message text.
    public static let messageKeys: [String] = [
        "gen_ai.system_instructions",
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.prompt",
        "gen_ai.prompt.",
        "gen_ai.completion",
        "gen_ai.completion.",
        "llm.input_messages.",
        "llm.output_messages.",
        "input.value",
        "output.value",
        "langfuse.observation.input",
        "langfuse.observation.output",
        "langfuse.trace.input",
        "langfuse.trace.output",
        "pydantic_ai.all_messages",
        "final_result",
    ]

    /// Tool traffic: searched as content, kept apart from message text because loops and the
    /// tools view read the arguments.
    public static let toolKeys: [String] = [
        "gen_ai.tool.call.arguments",
        "gen_ai.tool.call.result",
        "tool_arguments",
        "tool_response",
    ]

    /// Attributes of semconv 1.28–1.36 message events (`gen_ai.*`) that hold their text.
    public static let eventKeys: [String] = ["content", "body", "message", "tool_calls"]

    /// Whether `key` names message text (what the content budget and `--no-content` cover).
    public static func isMessage(_ key: UnsafeRawBufferPointer) -> Bool {
        for k in messageKeys where matches(key, k) { return true }
        return false
    }

    /// Whether `key` names message text or tool traffic.
    public static func isContent(_ key: UnsafeRawBufferPointer) -> Bool {
        for k in messageKeys where matches(key, k) { return true }
        for k in toolKeys where matches(key, k) { return true }
        return false
    }

    /// Equal, or for a pattern ending in `.`, a longer key starting with it.
    private static func matches(_ key: UnsafeRawBufferPointer, _ pattern: String) -> Bool {
        let p = pattern.utf8
        guard key.count >= p.count else { return false }
        if p.last != UInt8(ascii: ".") && key.count != p.count { return false }
        if p.last == UInt8(ascii: ".") && key.count == p.count { return false }
        return zip(key, p).allSatisfy { $0 == $1 }
    }
}
