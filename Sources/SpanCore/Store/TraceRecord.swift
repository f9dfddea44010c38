/// All spans of one trace. Kept per trace so that evicting a trace frees its memory at once.
public final class TraceRecord {
    public let id: TraceID
    /// Order of first arrival (a count of traces, not a time), used to evict the oldest traces
    /// first.
    let arrivalNumber: UInt64
    public internal(set) var spans: [StoredSpan] = []
    public internal(set) var attributes: [StoredAttribute] = []
    /// Event and link attributes and the elements of array and key-value list values.
    public internal(set) var extraAttributes: [StoredAttribute] = []
    /// Attribute values that do not fit a `StoredAttribute` inline (doubles, large ints, lists).
    public internal(set) var wideValues: [UInt64] = []
    public internal(set) var events: [StoredEvent] = []
    public internal(set) var links: [StoredLink] = []
    /// By span position in `spans`.
    public internal(set) var rareFields: [UInt32: RareSpanFields] = [:]
    /// Span id → index in `spans`, to ignore duplicates.
    var spanIndex = SpanIDIndex()
    /// Index of the span without a parent, once it has arrived.
    public internal(set) var rootIndex: Int?
    /// Set once any span carries Eigent attributes: its tasks then come from those attributes.
    public internal(set) var isEigent = false
    /// The task standing for this whole trace, for traces that are not Eigent workforces.
    var genericTask: TaskIndex?
    /// Set once a span is an agent run or a tool call: the trace's tasks then come from its
    /// runs (`TraceStore+Agents`), rebuilt at the end of each batch that brought it spans.
    public internal(set) var isAgentic = false
    var agentRebuildPending = false
    /// The subtasks standing for runs nested in the trace's root run.
    var runTasks: [TaskIndex] = []
    /// Tool calls, loops and model health of the trace's runs, as of the last rebuild.
    public internal(set) var agentSummary: AgentTraceSummary?
    /// Tasks this trace's spans fed; each is evicted once no live trace lists it.
    var touchedTasks: [TaskIndex] = []
    /// Projects this trace's log lines went to.
    var logProjects: [StringID] = []
    /// Bytes of message text this trace's spans hold (see `TraceStore.contentBytes`).
    var contentBytes = 0
    /// Why the trace has no message text, when it was not kept.
    public internal(set) var contentDropped: ContentDrop?

    init(id: TraceID, arrivalNumber: UInt64) {
        self.id = id
        self.arrivalNumber = arrivalNumber
    }

    public var isFinished: Bool { rootIndex != nil }

    public var root: StoredSpan? { rootIndex.map { spans[$0] } }

    /// Position of the span with this id, if it has arrived.
    public func index(of spanID: SpanID) -> Int? { spanIndex.find(spanID.raw, in: spans).map(Int.init) }

    /// The events of the span at `local`, as a range of `events`.
    public func eventRange(of local: Int) -> Range<Int> {
        guard let rare = rareFields[UInt32(local)] else { return 0..<0 }
        return Int(rare.eventStart)..<Int(rare.eventStart + rare.eventCount)
    }

    /// The links of the span at `local`, as a range of `links`.
    public func linkRange(of local: Int) -> Range<Int> {
        guard let rare = rareFields[UInt32(local)] else { return 0..<0 }
        return Int(rare.linkStart)..<Int(rare.linkStart + rare.linkCount)
    }

    /// Reallocates every array at its exact size. Arrays grow by doubling; a finished trace
    /// rarely grows again, so the slack would be wasted for as long as the trace is kept.
    func compact() {
        spans = spans.withUnsafeBufferPointer { Array($0) }
        attributes = attributes.withUnsafeBufferPointer { Array($0) }
        extraAttributes = extraAttributes.withUnsafeBufferPointer { Array($0) }
        wideValues = wideValues.withUnsafeBufferPointer { Array($0) }
        events = events.withUnsafeBufferPointer { Array($0) }
        links = links.withUnsafeBufferPointer { Array($0) }
        touchedTasks = touchedTasks.withUnsafeBufferPointer { Array($0) }
        spanIndex.compact(spans)
    }
}
