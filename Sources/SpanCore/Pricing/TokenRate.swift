/// A price in USD per million tokens, optionally with long-context tiers: once a call's input
/// (cached tokens included) exceeds a tier's start, that tier's rate applies to all its tokens
/// of this kind (genai-prices' threshold pricing).
public struct TokenRate: Equatable, Sendable {
    public struct Tier: Equatable, Sendable {
        public var start: Int64
        public var perMillion: Double
    }

    public var perMillion: Double
    /// Ascending by `start`.
    public var tiers: [Tier]

    public init(_ perMillion: Double, tiers: [Tier] = []) {
        self.perMillion = perMillion
        self.tiers = tiers.sorted { $0.start < $1.start }
    }

    /// The rate for a call whose input is `inputTokens`.
    @inline(__always)
    public func perMillion(inputTokens: Int64) -> Double {
        var rate = perMillion
        for tier in tiers where inputTokens > tier.start { rate = tier.perMillion }
        return rate
    }
}

/// The token counts of one model call. `input` includes cached tokens, as the OpenTelemetry
/// GenAI conventions count them; cache reads and writes are the parts of it served from or
/// written to a prompt cache; reasoning tokens are part of `output`.
public struct CallUsage: Equatable, Sendable {
    public var input: Int64
    public var output: Int64
    public var cacheRead: Int64
    public var cacheWrite: Int64

    /// - Parameter input: input tokens. When smaller than the cache counts, the source counted
    ///   them apart (some instrumentations do), and they are added.
    public init(input: Int64, output: Int64, cacheRead: Int64 = 0, cacheWrite: Int64 = 0) {
        self.cacheRead = max(0, cacheRead)
        self.cacheWrite = max(0, cacheWrite)
        let cached = self.cacheRead &+ self.cacheWrite
        self.input = max(0, input) < cached ? max(0, input) &+ cached : max(0, input)
        self.output = max(0, output)
    }

    public var total: Int64 { input &+ output }
}
