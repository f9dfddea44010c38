/// USD per million input and output tokens for one model.
public struct ModelPrice: Equatable, Sendable {
    public var input: Double
    public var output: Double
    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    /// For tokens known only as a total: assumes three input tokens per output token,
    /// a common shape for agent workloads. Costs computed this way are shown as estimates.
    public var blended: Double { (3 * input + output) / 4 }
}

/// Model name → price, with the defaults that ship with spantop and user overrides on top.
public struct PriceTable: Sendable {
    public private(set) var prices: [String: ModelPrice]

    public init(prices: [String: ModelPrice] = PriceTable.defaults) {
        self.prices = prices
    }

    /// List prices (USD per 1M tokens) of common models, November 2026.
    public static let defaults: [String: ModelPrice] = [
        "gpt-4o": .init(input: 2.5, output: 10),
        "gpt-4o-mini": .init(input: 0.15, output: 0.6),
        "gpt-4.1": .init(input: 2, output: 8),
        "gpt-4.1-mini": .init(input: 0.4, output: 1.6),
        "gpt-4.1-nano": .init(input: 0.1, output: 0.4),
        "gpt-5": .init(input: 1.25, output: 10),
        "gpt-5-mini": .init(input: 0.25, output: 2),
        "gpt-5-nano": .init(input: 0.05, output: 0.4),
        "o3": .init(input: 2, output: 8),
        "o4-mini": .init(input: 1.1, output: 4.4),
        "claude-3-5-haiku": .init(input: 0.8, output: 4),
        "claude-3-5-sonnet": .init(input: 3, output: 15),
        "claude-3-7-sonnet": .init(input: 3, output: 15),
        "claude-sonnet-4": .init(input: 3, output: 15),
        "claude-opus-4": .init(input: 15, output: 75),
        "claude-haiku-4-5": .init(input: 1, output: 5),
        "gemini-2.0-flash": .init(input: 0.1, output: 0.4),
        "gemini-2.5-flash": .init(input: 0.3, output: 2.5),
        "gemini-2.5-pro": .init(input: 1.25, output: 10),
        "deepseek-chat": .init(input: 0.27, output: 1.1),
        "deepseek-reasoner": .init(input: 0.55, output: 2.19),
    ]

    public mutating func override(with other: [String: ModelPrice]) {
        prices.merge(other) { _, new in new }
    }

    /// The price of `model`: an exact match, else the longest known name it starts with
    /// (so dated versions such as `gpt-4o-2024-08-06` find `gpt-4o`). A provider prefix
    /// such as `openai/` is ignored.
    public func price(for model: String) -> ModelPrice? {
        var name = model.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if let exact = prices[name] { return exact }
        var best: (Int, ModelPrice)?
        for (key, price) in prices where name.hasPrefix(key) {
            if best == nil || key.count > best!.0 { best = (key.count, price) }
        }
        return best?.1
    }
}
