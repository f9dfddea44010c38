/// Every place message text and tool traffic sit in the store, grouped by distinct string: a
/// search tests each string once and narrows from the previous query's matches while someone
/// types. Built by one walk over the stored spans (`TraceStore.contentIndex`); valid until the
/// store changes.
public struct ContentIndex: Sendable {
    /// Queries shorter than this match nothing: one or two letters are in every text.
    public static let minimumQuery = 3

    /// A span holding the text, and the task whose own conversation it is in (the innermost
    /// agent run or Eigent task around it, else the trace's task); the task tree shows the
    /// tasks around that one.
    struct Place: Sendable {
        var trace: Int32
        var span: Int32
        var task: TaskIndex
    }

    let traces: [TraceID]
    /// Distinct strings; the places of `strings[i]` are `places[starts[i]..<starts[i + 1]]`.
    let strings: [StringID]
    let starts: [Int32]
    let places: [Place]
    /// The last query and the positions in `strings` it matched, to narrow from.
    private var lastQuery: [UInt8] = []
    private var lastMatches: [Int32] = []

    public static let empty = ContentIndex(traces: [], strings: [], starts: [0], places: [])
    static let noTask = TaskIndex(rawValue: .max)

    init(traces: [TraceID], strings: [StringID], starts: [Int32], places: [Place]) {
        self.traces = traces
        self.strings = strings
        self.starts = starts
        self.places = places
    }

    /// Positions in `strings` of the strings containing `needle` (folded), from the previous
    /// query's matches when this query extends it.
    mutating func matchingStrings(_ needle: [UInt8], in interner: StringInterner) -> [Int32] {
        let narrowing = !lastQuery.isEmpty && needle.starts(with: lastQuery)
        var out: [Int32] = []
        func test(_ i: Int32) {
            if interner.withBytes(strings[Int(i)], { TextSearch.find(needle, in: $0) }) { out.append(i) }
        }
        if narrowing {
            for i in lastMatches { test(i) }
        } else {
            for i in strings.indices { test(Int32(i)) }
        }
        lastQuery = needle
        lastMatches = out
        return out
    }
}

extension TraceStore {
    /// Where every message and tool text and every status message sits, by distinct string.
    public func contentIndex() -> ContentIndex {
        var keyClass = [UInt8](repeating: 0, count: strings.idLimit)  // 0 unknown, 1 content, 2 not
        func isContentKey(_ key: StringID) -> Bool {
            if keyClass[key.slot] == 0 {
                keyClass[key.slot] = strings.withBytes(key) { ContentKeys.isContent($0) } ? 1 : 2
            }
            return keyClass[key.slot] == 1
        }
        let eventKeys = Set(ContentKeys.eventKeys.compactMap { strings.lookup($0) })
        var found: [(string: UInt32, place: ContentIndex.Place)] = []
        var traceIDs: [TraceID] = []
        for trace in traces.values {
            let t = Int32(traceIDs.count)
            traceIDs.append(trace.id)
            var owner = TaskOwner(store: self, trace: trace)
            for i in trace.spans.indices {
                var known: TaskIndex?
                // The owner is looked up only for spans that hold content.
                func place() -> ContentIndex.Place {
                    if known == nil { known = owner.task(of: i) }
                    return ContentIndex.Place(trace: t, span: Int32(i), task: known!)
                }
                // A failed tool's error is part of the conversation.
                let status = trace.spans[i].statusMessage
                if !status.isEmpty { found.append((status.rawValue, place())) }
                for k in trace.spans[i].attributeRange {
                    let a = trace.attributes[k]
                    if a.kind == .string && !a.stringID.isEmpty && isContentKey(a.key) {
                        // A message list stored as pieces: each piece once, wherever it repeats.
                        if let pieces = strings.pieces(of: a.stringID) {
                            let at = place()
                            for piece in pieces { found.append((piece.rawValue, at)) }
                        } else {
                            found.append((a.stringID.rawValue, place()))
                        }
                    }
                }
                for e in trace.eventRange(of: i) {
                    for k in trace.events[e].attributeRange {
                        let a = trace.extraAttributes[k]
                        if a.kind == .string && eventKeys.contains(a.key) {
                            found.append((a.stringID.rawValue, place()))
                        }
                    }
                }
            }
        }
        // Group by string: a counting sort over string ids.
        var count = [Int32](repeating: 0, count: strings.idLimit + 1)
        for f in found { count[Int(f.string) + 1] += 1 }
        var ids: [StringID] = []
        var starts: [Int32] = [0]
        var slotOf = [Int32](repeating: -1, count: strings.idLimit)
        var running: Int32 = 0
        for id in 0..<strings.idLimit where count[id + 1] > 0 {
            slotOf[id] = Int32(ids.count)
            ids.append(StringID(rawValue: UInt32(id)))
            running += count[id + 1]
            starts.append(running)
        }
        var next = Array(starts.dropLast())
        var places = [ContentIndex.Place](
            repeating: .init(trace: 0, span: 0, task: ContentIndex.noTask), count: found.count)
        for f in found {
            let s = Int(slotOf[Int(f.string)])
            places[Int(next[s])] = f.place
            next[s] += 1
        }
        return ContentIndex(traces: traceIDs, strings: ids, starts: starts, places: places)
    }

    /// Tasks (in every project) whose conversations contain `query`, ASCII letters compared
    /// without case; queries under `ContentIndex.minimumQuery` bytes match nothing. `index`
    /// must be this store's, built since it last changed.
    public func tasks(withContent query: String, in index: inout ContentIndex) -> ContentMatches {
        let needle = TextSearch.folded(query)
        var result = ContentMatches()
        guard needle.count >= ContentIndex.minimumQuery else { return result }
        let matched = index.matchingStrings(needle, in: strings)
        result.stringsTested = matched.count
        var spans = Set<UInt64>()
        for s in matched {
            for p in index.places[Int(index.starts[Int(s)])..<Int(index.starts[Int(s) + 1])] {
                spans.insert(UInt64(UInt32(p.trace)) << 32 | UInt64(UInt32(p.span)))
                if p.task != ContentIndex.noTask { result.tasks.insert(p.task) }
            }
        }
        result.spans = spans.count
        return result
    }

    /// `tasks(withContent:in:)` over a fresh index.
    public func tasks(withContent query: String) -> ContentMatches {
        var index = contentIndex()
        return tasks(withContent: query, in: &index)
    }
}

/// What a content search found.
public struct ContentMatches: Sendable, Equatable {
    /// Tasks whose own conversations hold the text (the innermost run or task around it).
    public var tasks = Set<TaskIndex>()
    /// Spans whose content matched.
    public var spans = 0
    /// Distinct strings that matched.
    public var stringsTested = 0
    public init() {}
}
