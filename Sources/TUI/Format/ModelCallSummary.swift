import SpanCore

/// The health of one model call as the span detail shows it above the raw attributes: the
/// model asked for and the one that answered, why it stopped (cut off or not), and the
/// reasoning and prompt-cache tokens.
enum ModelCallSummary {
    static func lines(_ attributes: [KeyValue]) -> [(key: String, value: String, warn: Bool)] {
        var byKey: [String: AttributeValue] = [:]
        for kv in attributes { byKey[kv.key] = kv.value }
        func text(_ keys: String...) -> String? {
            for k in keys { if let v = byKey[k], !v.description.isEmpty { return v.description } }
            return nil
        }
        var out: [(String, String, Bool)] = []
        let requested = text("gen_ai.request.model")
        let served = text("gen_ai.response.model", "llm.model_name")
        switch (requested, served) {
        case (let r?, let s?) where r != s:
            out.append(
                ("model", "\(r) → \(s)", ModelName.isMismatch(requested: r, served: s)))
        case (let r?, _): out.append(("model", r, false))
        case (nil, let s?): out.append(("model", s, false))
        default: break
        }
        var reasons: [String] = []
        if case .array(let list)? = byKey["gen_ai.response.finish_reasons"] {
            reasons = list.map(\.description)
        } else if let r = text(
            "gen_ai.response.finish_reasons", "llm.finish_reason", "gen_ai.completion.0.finish_reason")
        {
            reasons = [r]
        }
        if !reasons.isEmpty {
            let cut = reasons.contains { $0 == "length" || $0 == "max_tokens" }
            out.append(("finish", reasons.joined(separator: ", ") + (cut ? " — the answer was cut off" : ""), cut))
        }
        let tokens: [(String, [String])] = [
            ("input tokens", ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"]),
            (
                "output tokens",
                ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"]
            ),
            (
                "reasoning tokens",
                ["gen_ai.usage.reasoning.output_tokens", "llm.token_count.completion_details.reasoning"]
            ),
            (
                "cache read tokens",
                [
                    "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
                    "llm.token_count.prompt_details.cache_read",
                ]
            ),
            (
                "cache write tokens",
                [
                    "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens",
                    "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write",
                ]
            ),
        ]
        guard !out.isEmpty || tokens.contains(where: { pair in pair.1.contains { byKey[$0] != nil } }) else {
            return []
        }
        for (label, keys) in tokens {
            for k in keys {
                if let v = byKey[k] {
                    out.append((label, v.description, false))
                    break
                }
            }
        }
        return out
    }
}
