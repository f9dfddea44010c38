/// What a call cost: its tokens by the first convention that carries them, priced at its
/// provider's and model's price on the day of the call, unless the span names its own cost.
extension TraceStore {
    /// Tokens and cost of one call, from the first convention present on the span. The cost is
    /// the span's own when it carries one, else its tokens at the price of its provider and
    /// model (`fallbackModel` when the span names none) on the day it was made. Reads the
    /// span's known-attribute slots.
    func callCharge(_ span: StoredSpan, _ trace: TraceRecord, fallbackModel: StringID) -> CallCharge {
        var charge = CallCharge()
        var explicit: Double?
        if let details = knownString(.langfuseCostDetails, trace) {
            explicit = UsageDetails.cost(strings.string(details))
        }
        explicit = explicit ?? knownNumber(.genAICost, trace) ?? knownNumber(.llmCostTotal, trace)
        if let cost = explicit, !cost.isFinite || cost < 0 { explicit = nil }
        let call = callUsage(trace)
        if let (usage, unsplit) = call {
            charge.hasTokens = true
            charge.input = usage.input
            charge.output = usage.output
            charge.total = usage.total &+ unsplit
        }
        if let explicit {
            charge.cost = explicit
            return charge
        }
        guard let (usage, unsplit) = call, let model = modelOf(trace) ?? (fallbackModel.isEmpty ? nil : fallbackModel)
        else { return charge }
        guard let pricer = pricer(model: model, provider: providerOf(trace) ?? .empty),
            let (cost, estimated) = pricer.cost(of: usage, unsplit: unsplit, at: span.startTime, perCall: true)
        else { return charge }
        charge.cost = cost
        charge.estimated = estimated
        return charge
    }

    /// The span's token counts and the tokens known only as part of a total.
    private func callUsage(_ trace: TraceRecord) -> (CallUsage, unsplit: Int64)? {
        if let details = knownString(.langfuseUsageDetails, trace),
            let u = UsageDetails.usage(strings.string(details))
        {
            return (u.usage, u.unsplit)
        }
        let input = knownInt(.genAIInputTokens, trace) ?? knownInt(.genAIPromptTokens, trace)
        let output = knownInt(.genAIOutputTokens, trace) ?? knownInt(.genAICompletionTokens, trace)
        if input != nil || output != nil {
            let usage = CallUsage(
                input: input ?? 0, output: output ?? 0,
                cacheRead: knownInt(.genAICacheRead, trace) ?? knownInt(.genAICacheReadDeprecated, trace) ?? 0,
                cacheWrite: knownInt(.genAICacheCreation, trace) ?? knownInt(.genAICacheCreationDeprecated, trace) ?? 0)
            return (usage, 0)
        }
        let prompt = knownInt(.llmPromptTokens, trace)
        let completion = knownInt(.llmCompletionTokens, trace)
        let total = knownInt(.llmTotalTokens, trace)
        guard prompt != nil || completion != nil || total != nil else { return nil }
        let usage = CallUsage(
            input: prompt ?? 0, output: completion ?? 0, cacheRead: knownInt(.llmCacheRead, trace) ?? 0,
            cacheWrite: knownInt(.llmCacheWrite, trace) ?? 0)
        return (usage, max(0, (total ?? 0) &- usage.total))
    }

    /// The prices for an interned (model, provider) pair, looked up once per pair; a model with
    /// none is remembered for the report.
    func pricer(model: StringID, provider: StringID) -> CallPricer? {
        let key = UInt64(provider.rawValue) << 32 | UInt64(model.rawValue)
        if let cached = priceCache[key] { return cached }
        let source = prices.lookup(model: strings.string(model), provider: optionalString(provider))
        if source == nil { unpricedModelIDs.insert(model) }
        let pricer = source.map(CallPricer.init)
        priceCache[key] = pricer
        return pricer
    }

}

/// One call's tokens and cost, as `callCharge` reads them from a span.
struct CallCharge {
    var hasTokens = false
    var input: Int64 = 0
    var output: Int64 = 0
    /// Input + output + tokens known only as part of a total.
    var total: Int64 = 0
    var cost: Double?
    /// Priced from a total only (a blended rate).
    var estimated = false
}
