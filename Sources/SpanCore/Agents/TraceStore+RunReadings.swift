/// What the run rebuild reads from each stored span: facts, charge, model and parent, an
/// evaluation, the tools a model call was offered.
extension TraceStore {
    /// The latest `gen_ai.evaluation.result` event of a span: score 0–100, label, time.
    func evaluation(_ local: Int, _ trace: TraceRecord) -> (Double?, StringID, Timestamp)? {
        var found: (Double?, StringID, Timestamp)?
        for e in trace.eventRange(of: local) where trace.events[e].name == words.evaluationEvent {
            var score: Double?
            var label = StringID.empty
            for a in trace.events[e].attributeRange {
                let attribute = trace.extraAttributes[a]
                if attribute.key == WellKnownKey.evaluationScore.id {
                    score =
                        attribute.number(trace.wideValues)
                        ?? (attribute.kind == .string ? Double(strings.string(attribute.stringID)) : nil)
                } else if attribute.key == WellKnownKey.evaluationLabel.id, attribute.kind == .string {
                    label = attribute.stringID
                }
            }
            if let s = score, s.isFinite, s >= 0 { score = s <= 1 ? s * 100 : min(s, 100) } else { score = nil }
            if score != nil || !label.isEmpty, found.map({ trace.events[e].time >= $0.2 }) ?? true {
                found = (score, label, trace.events[e].time)
            }
        }
        return found
    }

    /// The tools a model call was offered: `gen_ai.tool.definitions`, else OpenInference's
    /// `llm.tools.{i}.tool.json_schema`.
    func offeredTools(_ local: Int, _ trace: TraceRecord) -> [StringID] {
        var seen: [StringID] = []
        for i in trace.spans[local].attributeRange {
            let a = trace.attributes[i]
            guard a.kind == .string else { continue }
            let kind = a.key == WellKnownKey.genAIToolDefinitions.id ? .definitions : toolKeyKind(a.key)
            switch kind {
            case .definitions:
                for id in toolNames(a.stringID) where !seen.contains(id) { seen.append(id) }
            case .name:
                if !seen.contains(a.stringID) { seen.append(a.stringID) }
            case .none:
                continue
            }
        }
        return seen
    }

    /// The tool names in a definitions text, parsed once per distinct text: every call of a run
    /// repeats the same definitions.
    private func toolNames(_ definitions: StringID) -> [StringID] {
        if let known = offeredToolNames[definitions] { return known }
        let ids = ToolDefinitions.names(in: strings.string(definitions)).map { strings.intern($0) }
        offeredToolNames[definitions] = ids
        return ids
    }

    /// OpenInference's `llm.tools.{i}.tool.json_schema` holds a definition; OpenLLMetry's
    /// `llm.request.functions.{i}.name` a bare name.
    private func toolKeyKind(_ key: StringID) -> ToolKeyKind {
        if let known = toolSchemaKeys[key] { return known }
        let text = strings.string(key)
        var kind = ToolKeyKind.none
        if text.hasPrefix("llm.tools.") && text.hasSuffix(".tool.json_schema") { kind = .definitions }
        if text.hasPrefix("llm.request.functions.") && text.hasSuffix(".name") { kind = .name }
        toolSchemaKeys[key] = kind
        return kind
    }

    /// Each stored span's facts, charge, model and parent position.
    /// - Parameter r: emptied and refilled; its arrays keep their capacity between rebuilds.
    func readSpans(of trace: TraceRecord, into r: inout SpanReadings) {
        r.removeAll()
        let n = trace.spans.count
        // The model of the earliest span that names one prices tokens on spans that name none:
        // those are priced again once it is known.
        var fallback: (model: StringID, start: Timestamp, id: UInt64)?
        var unpriced: [Int] = []
        for i in 0..<n {
            let span = trace.spans[i]
            withView(trace, i) { v in
                let facts = Interpreters.facts(v)
                let model = modelOf(trace) ?? .empty
                if !model.isEmpty, fallback.map({ (span.startTime, span.spanID) < ($0.start, $0.id) }) ?? true {
                    fallback = (model, span.startTime, span.spanID)
                }
                let charge = callCharge(span, trace, fallbackModel: .empty)
                if charge.hasTokens && charge.cost == nil && model.isEmpty { unpriced.append(i) }
                if facts.activity == .modelCall && charge.hasTokens { r.callsCarryUsage = true }
                r.facts.append(facts)
                r.isRun.append(facts.isRun)
                r.models.append(model)
                r.charges.append(charge)
            }
            let parent = span.parentSpanID
            r.parents.append(parent == 0 ? -1 : trace.spanIndex.find(parent, in: trace.spans).map { Int32($0) } ?? -1)
        }
        if let fallback {
            for i in unpriced {
                r.charges[i] = withView(trace, i) { _ in
                    callCharge(trace.spans[i], trace, fallbackModel: fallback.model)
                }
            }
        }
    }
}

/// What the rebuild reads from each stored span, by span position.
struct SpanReadings {
    var facts: [SpanFacts] = []
    var isRun: [Bool] = []
    var charges: [CallCharge] = []
    var models: [StringID] = []
    var parents: [Int32] = []
    /// Some model call carries tokens, so runs' own (aggregate) usage is not counted.
    var callsCarryUsage = false

    var count: Int { facts.count }

    mutating func removeAll() {
        facts.removeAll(keepingCapacity: true)
        isRun.removeAll(keepingCapacity: true)
        charges.removeAll(keepingCapacity: true)
        models.removeAll(keepingCapacity: true)
        parents.removeAll(keepingCapacity: true)
        callsCarryUsage = false
    }
}

struct OfferKey: Hashable {
    var agent: StringID
    var tool: StringID
}

/// One run's sums over the spans it owns (nested runs' spans are theirs).
struct RunTally {
    var spans: UInt32 = 0
    var tokens = TokenUsage()
    var cost: Double?
    var costIsEstimate = false
    var errorSpans: UInt32 = 0
    /// The earliest-ending error in the run or any run nested in it.
    var firstError = StringID.empty
    var firstErrorEnd: Timestamp?
    var model = StringID.empty
    /// Model calls first, then by start and span id; set with `model`.
    var modelRank: (Int, Timestamp, UInt64)?
    var evaluation: Double?
    var evaluationLabel = StringID.empty
    var evaluationTime: Timestamp?
    var loops: UInt16 = 0
    var truncatedCalls: UInt32 = 0
    var modelMismatches: UInt32 = 0

    mutating func add(_ charge: CallCharge) {
        if charge.hasTokens { tokens.add(input: charge.input, output: charge.output, total: charge.total) }
        if let c = charge.cost {
            cost = (cost ?? 0) + c
            if charge.estimated { costIsEstimate = true }
        }
    }
}

/// What an attribute offers the model as tools.
enum ToolKeyKind {
    case none
    /// JSON definitions of one or more tools.
    case definitions
    /// One tool's name.
    case name
}
