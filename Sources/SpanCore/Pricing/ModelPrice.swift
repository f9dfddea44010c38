/// The prices of one model: per million input, output, cache-read and cache-write tokens
/// (each possibly tiered), and a price per thousand requests for the few models that have one.
public struct ModelPrice: Equatable, Sendable {
    public var input: TokenRate?
    public var output: TokenRate?
    public var cacheRead: TokenRate?
    public var cacheWrite: TokenRate?
    public var perThousandRequests: Double?

    public init(
        input: TokenRate? = nil, output: TokenRate? = nil, cacheRead: TokenRate? = nil, cacheWrite: TokenRate? = nil,
        perThousandRequests: Double? = nil
    ) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.perThousandRequests = perThousandRequests
    }

    /// Flat input and output prices (USD per 1M tokens), as a pricing file gives them.
    public init(input: Double, output: Double, cacheRead: Double? = nil, cacheWrite: Double? = nil) {
        self.init(
            input: TokenRate(input), output: TokenRate(output), cacheRead: cacheRead.map { TokenRate($0) },
            cacheWrite: cacheWrite.map { TokenRate($0) })
    }

    /// Whether any token kind has a price.
    public var pricesTokens: Bool { input != nil || output != nil || cacheRead != nil || cacheWrite != nil }

    /// USD for one call. Cache reads and writes are charged at their own prices where the model
    /// has them and as plain input where it does not; the tier follows the call's whole input.
    public func cost(of usage: CallUsage) -> Double {
        tokenCost(of: usage) + (perThousandRequests ?? 0) / 1000
    }

    /// `cost(of:)` without the per-request price.
    @inline(__always)
    public func tokenCost(of usage: CallUsage) -> Double {
        let tierInput = usage.input
        var uncached = usage.input
        var dollars = 0.0
        if let rate = cacheRead {
            uncached -= usage.cacheRead
            dollars += Double(usage.cacheRead) * rate.perMillion(inputTokens: tierInput)
        }
        if let rate = cacheWrite {
            uncached -= usage.cacheWrite
            dollars += Double(usage.cacheWrite) * rate.perMillion(inputTokens: tierInput)
        }
        if let rate = input { dollars += Double(max(0, uncached)) * rate.perMillion(inputTokens: tierInput) }
        if let rate = output { dollars += Double(usage.output) * rate.perMillion(inputTokens: tierInput) }
        return dollars / 1e6
    }

    /// USD per token for tokens known only as a total: three input tokens per output token, a
    /// common shape for agent workloads. Costs computed this way are estimates.
    public var blendedPerMillion: Double? {
        guard let i = input?.perMillion, let o = output?.perMillion else { return nil }
        return (3 * i + o) / 4
    }
}
