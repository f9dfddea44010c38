extension PriceSource {
    /// What `spantop prices MODEL` prints: the entry that applies, why, and every price of it
    /// (USD per 1M tokens, tiers and dated changes included).
    public func describe(model: String, provider: String?, catalog: PriceCatalog) -> String {
        var out = ""
        func line(_ label: String, _ value: String) {
            out += "  " + label.padding(toLength: max(9, label.count), withPad: " ", startingAt: 0) + " " + value + "\n"
        }
        switch self {
        case .userFile(let name, let price):
            out += "\(model) → pricing file entry \"\(name)\"\n"
            line("rule", name == model.lowercased() ? "equals \"\(name)\"" : "starts with \"\(name)\"")
            line("prices", Self.describe(price))
        case .catalog(let match):
            let title = match.model.name.map { " (\($0))" } ?? ""
            out += "\(model) → \(match.provider.name) \(match.model.id)\(title)\n"
            let how: String
            if let provider, !provider.isEmpty {
                let resolved = catalog.provider(named: provider).map { catalog.providers[$0].id }
                how =
                    resolved == match.servingProvider
                    ? "\(match.servingProvider) (given as \"\(provider)\")"
                    : "\(match.servingProvider) (\"\(provider)\" did not price it; found from the model name)"
            } else {
                how = "\(match.provider.id) (found from the model name)"
            }
            line("provider", how)
            line("rule", match.rule)
            if let note = match.note { line("note", note) }
            let dated = match.model.prices
            if dated.count == 1 {
                line("prices", Self.describe(dated[0].price))
            } else {
                for d in dated { line(Self.when(d), Self.describe(d.price)) }
            }
            line("data", "\(catalog.source) \(catalog.version) (\(catalog.date))")
        }
        return out
    }

    static func when(_ d: PriceCatalog.DatedPrice) -> String {
        if let day = d.startDay { return "from \(Text.date(epochDay: day))" }
        if let (start, end) = d.timeOfDay {
            func hm(_ s: Int64) -> String { String(format2(s / 3600)) + ":" + format2(s / 60 % 60) }
            return "\(hm(start))–\(hm(end)) UTC"
        }
        return "standard"
    }

    private static func format2(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// 200000 → `200k`, 128000 → `128k`.
    private static func tokens(_ n: Int64) -> String { n % 1000 == 0 ? "\(n / 1000)k" : String(n) }

    /// `input 2.5 · output 10 · cache read 1.25` with tiers as `input 1.25 (>200k: 2.5)`.
    public static func describe(_ p: ModelPrice) -> String {
        var parts: [String] = []
        func add(_ name: String, _ rate: TokenRate?) {
            guard let rate else { return }
            var text = "\(name) \(Text.price(rate.perMillion))"
            if !rate.tiers.isEmpty {
                text +=
                    " ("
                    + rate.tiers.map { "input >\(tokens($0.start)): \(Text.price($0.perMillion))" }
                    .joined(separator: ", ") + ")"
            }
            parts.append(text)
        }
        add("input", p.input)
        add("output", p.output)
        add("cache read", p.cacheRead)
        add("cache write", p.cacheWrite)
        if let r = p.perThousandRequests { parts.append("per 1k requests \(Text.price(r))") }
        return parts.isEmpty ? "no token prices" : "USD per 1M tokens: " + parts.joined(separator: " · ")
    }
}
