extension PriceCatalog {
    /// OpenTelemetry `gen_ai.provider.name` values that genai-prices names differently.
    static let providerAliases: [String: String] = [
        "gcp.gemini": "google", "gcp.vertex_ai": "google", "gcp.gen_ai": "google", "aws.bedrock": "aws",
        "azure.ai.openai": "azure", "azure.ai.inference": "azure", "az.ai.openai": "azure", "mistral_ai": "mistral",
        "x_ai": "x-ai",
    ]

    /// The provider a name refers to: a semantic-convention alias, an id, or a provider's own rule.
    public func provider(named raw: String) -> Int? {
        let name = raw.lowercased().trimmingCharacters(in: " \t")
        guard !name.isEmpty else { return nil }
        let id = Self.providerAliases[name] ?? name
        if let i = providerIndex(id: id) { return i }
        return providers.firstIndex { $0.providerMatch?.matches(id) == true }
    }

    /// The price entry for a call to `model`, served by `provider` when known. Follows
    /// genai-prices: the named provider's models (then those it falls back to), else the first
    /// provider whose rule claims the model name. Beyond it: `provider/model` names (LiteLLM,
    /// OpenRouter style) and Bedrock ids (`anthropic.claude-…`, `us.meta.llama…`) find their
    /// provider too.
    public func match(model rawModel: String, provider: String?) -> PriceMatch? {
        let model = rawModel.lowercased().trimmingCharacters(in: " \t")
        guard !model.isEmpty else { return nil }
        if let provider, !provider.isEmpty {
            if provider.lowercased() == "litellm", let hit = matchPrefixed(model) { return hit }
            if let p = self.provider(named: provider) {
                if let hit = find(model, in: p) { return hit }
                if let slash = model.firstIndex(of: "/"),
                    let hit = find(String(model[model.index(after: slash)...]), in: p)
                {
                    return hit
                }
            }
        }
        if let p = providers.firstIndex(where: { $0.modelMatch?.matches(model) == true }),
            let hit = find(model, in: p)
        {
            return hit
        }
        if let hit = matchPrefixed(model) { return hit }
        if Self.looksLikeBedrockID(model), let aws = providerIndex(id: "aws"), var hit = find(model, in: aws) {
            hit.note = hit.note ?? "a Bedrock model id"
            return hit
        }
        return nil
    }

    /// `openai/gpt-4o-mini`: the part before the slash names the provider.
    private func matchPrefixed(_ model: String) -> PriceMatch? {
        guard let slash = model.firstIndex(of: "/"), let p = provider(named: String(model[..<slash])),
            var hit = find(String(model[model.index(after: slash)...]), in: p)
        else { return nil }
        hit.note = hit.note ?? "provider named by the \"\(model[..<slash])/\" prefix"
        return hit
    }

    /// `anthropic.claude-…`, `us.anthropic.claude-…`: a vendor segment (no dash) and a dot.
    static func looksLikeBedrockID(_ model: String) -> Bool {
        let parts = model.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        let vendor = parts.count == 3 && parts[0].count <= 7 && !parts[1].contains("-") ? parts[1] : parts[0]
        return !vendor.isEmpty && vendor.allSatisfy { $0.isLetter || $0.isNumber } && vendor.first!.isLetter
    }

    /// The model in provider `p`, then in the providers it falls back to; then the same with a
    /// compact date (`-20251211`) written as `-2025-12-11`.
    private func find(_ model: String, in p: Int) -> PriceMatch? {
        if let hit = findOnce(model, in: p) { return hit }
        let normalized = Self.dashedDate(model)
        return normalized == model ? nil : findOnce(normalized, in: p)
    }

    private func findOnce(_ model: String, in p: Int) -> PriceMatch? {
        if let hit = findDirect(model, in: p) { return hit }
        for f in providers[p].fallback {
            if var hit = findDirect(model, in: f) {
                hit.note = "\(providers[p].id) serves it at \(providers[f].id)'s price"
                hit.servingProvider = providers[p].id
                return hit
            }
        }
        return nil
    }

    private func findDirect(_ model: String, in p: Int) -> PriceMatch? {
        for m in providers[p].models where m.match.matches(model) {
            return PriceMatch(
                provider: providers[p], servingProvider: providers[p].id, model: m,
                rule: m.match.explain(model) ?? m.match.description)
        }
        return nil
    }

    /// Rewrites a compact date suffix such as `-20251211` (before `-`, `:` or the end) as
    /// `-2025-12-11`, when it is a real date.
    static func dashedDate(_ model: String) -> String {
        let b = Array(model.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 4)
        var i = 0
        func digit(_ k: Int) -> Int? { k < b.count && b[k] >= 48 && b[k] <= 57 ? Int(b[k] - 48) : nil }
        while i < b.count {
            if b[i] == UInt8(ascii: "-"), i + 9 <= b.count, b[i + 1] == UInt8(ascii: "2"),
                b[i + 2] == UInt8(ascii: "0"),
                (i + 3...i + 8).allSatisfy({ digit($0) != nil }),
                i + 9 == b.count || b[i + 9] == UInt8(ascii: "-") || b[i + 9] == UInt8(ascii: ":")
            {
                let year = 2000 + digit(i + 3)! * 10 + digit(i + 4)!
                let month = digit(i + 5)! * 10 + digit(i + 6)!
                let day = digit(i + 7)! * 10 + digit(i + 8)!
                if isDate(year, month, day) {
                    out.append(contentsOf: Array("-\(year)-".utf8))
                    out.append(contentsOf: b[(i + 5)...(i + 6)])
                    out.append(UInt8(ascii: "-"))
                    out.append(contentsOf: b[(i + 7)...(i + 8)])
                    i += 9
                    continue
                }
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
