/// Why a trace's message text is missing.
public enum ContentDrop: String, Sendable {
    /// Let go to stay under the content budget (`--max-content-mb`).
    case budget
    /// Never stored (`--no-content`).
    case notKept = "no-content"
}

/// Message text under its own budget: prompts are large and repeat, so they must not push
/// spans out. When the live traces hold more than `contentBudget` bytes of it, the oldest
/// traces' message text goes, whole traces at a time, down to nine tenths of the budget; their
/// spans, tasks, tokens and costs stay, marked `contentDropped`.
extension TraceStore {
    /// Whether `key` names message text. Classified once per key id (hot path: one load).
    @inline(__always)
    func isMessageKey(_ key: StringID) -> Bool {
        let slot = key.slot
        if slot < contentKeyClass.count, contentKeyClass[slot] != 0 { return contentKeyClass[slot] == 1 }
        return classifyKey(key)
    }

    private func classifyKey(_ key: StringID) -> Bool {
        if key.slot >= contentKeyClass.count {
            contentKeyClass += repeatElement(0, count: max(key.slot + 1 - contentKeyClass.count, 1024))
        }
        let message = strings.withBytes(key) { ContentKeys.isMessage($0) }
        contentKeyClass[key.slot] = message ? 1 : 2
        return message
    }

    /// Ids freed by a string sweep may come back as other keys.
    func forgetKeyClasses(_ freed: [StringID]) {
        for id in freed where id.slot < contentKeyClass.count { contentKeyClass[id.slot] = 0 }
    }

    /// Drops the oldest traces' message text while the budget is exceeded.
    func enforceContentBudget() {
        guard let budget = contentBudget, contentBytes > budget else { return }
        let target = budget - budget / 10
        var dropped = false
        traceTable.forEachOldestFirst { trace in
            if trace.contentBytes > 0 {
                dropContent(of: trace)
                dropped = true
            }
            return contentBytes > target
        }
        if dropped { sweepStrings() }
    }

    private func dropContent(of trace: TraceRecord) {
        for i in trace.attributes.indices {
            let a = trace.attributes[i]
            guard a.kind == .string, isMessageKey(a.key) else { continue }
            trace.attributes[i] = StoredAttribute(emptyWithKey: a.key)
            statistics.contentDroppedAttributes += 1
        }
        contentBytes -= trace.contentBytes
        trace.contentBytes = 0
        trace.contentDropped = .budget
        statistics.contentDroppedTraces += 1
    }

    /// An evicted trace's message text leaves the count with it.
    func forgetContent(of trace: TraceRecord) {
        contentBytes -= trace.contentBytes
        trace.contentBytes = 0
    }
}
