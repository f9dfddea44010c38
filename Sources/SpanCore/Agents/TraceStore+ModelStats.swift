/// One model's share of some projects' work: its calls, their errors, tokens, cost, durations
/// and health. Unknown tokens and costs stay nil, never 0.
public struct ModelStat: Sendable, Equatable {
    /// The model that answered (else the one asked for, else the one the span's name says);
    /// nil for the calls that named none.
    public var model: String?
    /// Providers that served its calls, sorted; empty when none was named.
    public var providers: [String] = []
    /// Model-call spans (OTel GenAI `chat`, `generate_content`…, OpenInference LLM, Langfuse
    /// generations, OpenLLMetry LLM spans).
    public var calls = 0
    /// Eigent workforce tasks that reported tokens, done by a worker on this model: a workforce
    /// exports no call spans, so each such task counts once.
    public var workforceTasks = 0
    /// Calls whose span has status ERROR, and counted workforce tasks that failed.
    public var errors = 0
    /// Input and output tokens of the calls (and tasks) that split them.
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    /// Every token, with those known only as a total (Eigent tasks usually report only that).
    public var tokens: Int64?
    /// The known cost: the calls' own or priced from their tokens.
    public var cost: Double?
    /// Some of the cost was priced from a token total at a blended rate.
    public var costIsEstimate = false
    /// Call durations in seconds (call spans only; workforce tasks have none).
    public var p50: Double?
    public var p95: Double?
    /// Calls whose answer was cut off (max tokens).
    public var truncated = 0
    /// Calls served by another model than the one requested.
    public var mismatches = 0
    /// The model carried tokens but no price was found for it (`TraceStore.unpricedModels`).
    public var unpriced = false

    public init(model: String?) { self.model = model }

    /// Calls and workforce tasks together: how often the model was used.
    public var uses: Int { calls + workforceTasks }
}

extension TraceStore {
    /// Every model the projects' stored model calls and Eigent tasks used, most cost first,
    /// then most used. Computed from the stored spans when asked (ingest keeps no per-model
    /// state), so evicted traces no longer count.
    public func modelStats(_ projects: [ProjectRecord]) -> [ModelStat] {
        var byModel: [StringID: ModelTally] = [:]
        var readings = SpanReadings()
        for project in projects {
            for t in project.tasks {
                let task = tasks[t]
                switch task.source {
                case .trace:
                    guard let trace = traceTable[task.traceID], !trace.isEigent else { continue }
                    addCalls(of: trace, into: &byModel, &readings)
                case .eigent:
                    guard task.tokens.seen else { continue }
                    byModel[task.model, default: ModelTally()].add(task)
                case .run:
                    continue  // its spans are its trace's
                }
            }
        }
        return byModel.map { model, tally in
            var stat = tally.stat
            stat.model = optionalString(model)
            stat.providers = tally.providers.map(string).sorted()
            let sorted = tally.durations.sorted()
            stat.p50 = Self.percentile(sorted, 0.5)
            stat.p95 = Self.percentile(sorted, 0.95)
            stat.unpriced = unpricedModelIDs.contains(model)
            return stat
        }.sorted(by: Self.byCostThenUse)
    }

    /// Most cost first (unknown cost last), then most used, then by name (no name last).
    static func byCostThenUse(_ a: ModelStat, _ b: ModelStat) -> Bool {
        if (a.cost ?? -1) != (b.cost ?? -1) { return (a.cost ?? -1) > (b.cost ?? -1) }
        if a.uses != b.uses { return a.uses > b.uses }
        switch (a.model, b.model) {
        case (let x?, let y?): return x < y
        case (_?, nil): return true
        default: return false
        }
    }

    /// The model-call spans of one trace, each by the model that answered it.
    private func addCalls(of trace: TraceRecord, into byModel: inout [StringID: ModelTally], _ r: inout SpanReadings) {
        readSpans(of: trace, into: &r)
        for i in 0..<r.count where r.facts[i].activity == .modelCall {
            let facts = r.facts[i]
            let span = trace.spans[i]
            var model = !facts.servedModel.isEmpty ? facts.servedModel : r.models[i]
            if model.isEmpty {
                let meaning = nameMeaning(span.name)
                if words.isModelCall(meaning.operation) { model = meaning.subject }
            }
            let provider = withView(trace, i) { _ in providerOf(trace) } ?? .empty
            byModel[model, default: ModelTally()].add(
                span, r.charges[i], provider: provider, truncated: facts.truncated,
                mismatch: isMismatch(requested: facts.requestedModel, served: facts.servedModel))
        }
    }
}

/// One model's sums while the spans and tasks are read.
private struct ModelTally {
    var stat = ModelStat(model: nil)
    var providers: Set<StringID> = []
    var durations: [Double] = []

    mutating func add(_ span: StoredSpan, _ charge: CallCharge, provider: StringID, truncated: Bool, mismatch: Bool) {
        stat.calls += 1
        if span.statusCode == StatusCode.error { stat.errors += 1 }
        if truncated { stat.truncated += 1 }
        if mismatch { stat.mismatches += 1 }
        if !provider.isEmpty { providers.insert(provider) }
        if let d = span.durationSeconds { durations.append(d) }
        if charge.hasTokens { addTokens(input: charge.input, output: charge.output, total: charge.total) }
        addCost(charge.cost, estimated: charge.estimated)
    }

    mutating func add(_ task: TaskRecord) {
        stat.workforceTasks += 1
        if task.status == .failed { stat.errors += 1 }
        let u = task.tokens
        addTokens(input: u.input, output: u.output, total: u.total)
        addCost(task.cost, estimated: task.costIsEstimate)
    }

    private mutating func addTokens(input: Int64, output: Int64, total: Int64) {
        stat.tokens = (stat.tokens ?? 0) &+ max(total, input &+ output)
        // Only a total known: input and output stay unknown.
        guard input != 0 || output != 0 else { return }
        stat.inputTokens = (stat.inputTokens ?? 0) &+ input
        stat.outputTokens = (stat.outputTokens ?? 0) &+ output
    }

    private mutating func addCost(_ cost: Double?, estimated: Bool) {
        guard let cost else { return }
        stat.cost = (stat.cost ?? 0) + cost
        if estimated { stat.costIsEstimate = true }
    }
}
