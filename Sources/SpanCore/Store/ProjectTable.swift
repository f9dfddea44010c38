/// The store's projects in first-seen order, found by id, and the summaries among them (a
/// project with nothing left but totals once its tasks and log lines were evicted).
///
/// Invariants:
/// - `index[records[i].id] == i` for every position, and `index` has no other entry.
/// - `summaryCount` is the number of records with `isSummaryCounted`, and at most
///   `maxSummaries` once `summarise` returns: beyond it the summary seen longest ago goes.
/// - `layout` changes whenever positions change (a project dropped), so callers that keep
///   positions (the TUI's caches) know to rebuild them.
/// - `lastFound`, when set, is a pair `index` holds.
public struct ProjectTable: Sendable {
    public internal(set) var records: [ProjectRecord] = []
    var index: [StringID: Int] = [:]
    /// The project found last: consecutive spans almost always belong to the same one.
    private var lastFound: (id: StringID, position: Int)?
    private(set) var summaryCount = 0
    /// Changes whenever projects are dropped.
    public private(set) var layout = 0
    /// Project summaries kept at most.
    public let maxSummaries: Int

    init(maxSummaries: Int) { self.maxSummaries = max(0, maxSummaries) }

    /// The position of project `id`, creating it when new.
    mutating func slot(_ id: StringID) -> Int {
        if let last = lastFound, last.id == id { return last.position }
        let p: Int
        if let known = index[id] {
            p = known
        } else {
            records.append(ProjectRecord(id: id))
            p = records.count - 1
            index[id] = p
        }
        lastFound = (id, p)
        return p
    }

    /// The position of project `id`, if known.
    func position(of id: StringID) -> Int? {
        if let last = lastFound, last.id == id { return last.position }
        return index[id]
    }

    /// Shrinks project `p` to its summary, then keeps at most `maxSummaries` summaries,
    /// dropping the one seen longest ago. Returns whether a project was dropped.
    mutating func summarise(_ p: Int) -> Bool {
        guard !records[p].isSummaryCounted else { return false }
        records[p].taskIndex = [:]
        records[p].tasks = []
        records[p].logs = []
        records[p].failedAttempts = []
        records[p].isSummaryCounted = true
        summaryCount += 1
        guard summaryCount > maxSummaries else { return false }
        var oldest: Int?
        for i in records.indices where records[i].isSummaryCounted {
            if oldest.map({ Self.isEarlier(records[i].lastSeen, than: records[$0].lastSeen) }) ?? true { oldest = i }
        }
        guard let drop = oldest else { return false }
        records.remove(at: drop)
        index = Dictionary(uniqueKeysWithValues: records.indices.map { (records[$0].id, $0) })
        lastFound = nil
        summaryCount -= 1
        layout += 1
        return true
    }

    /// A summarised project that gets tasks or log lines again is a live project again.
    mutating func revive(_ p: Int) {
        guard records[p].isSummaryCounted else { return }
        records[p].isSummaryCounted = false
        summaryCount -= 1
    }

    /// Whether `a` comes before `b`, a project never seen (nil) before any seen one.
    private static func isEarlier(_ a: Timestamp?, than b: Timestamp?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return a < b
    }

    /// Whether the invariants hold (for tests).
    var isConsistent: Bool {
        index.count == records.count && records.indices.allSatisfy { index[records[$0].id] == $0 }
            && lastFound.map { index[$0.id] == $0.position } ?? true
            && summaryCount == records.filter(\.isSummaryCounted).count && summaryCount <= maxSummaries
    }
}
