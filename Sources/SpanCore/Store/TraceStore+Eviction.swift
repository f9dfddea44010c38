extension TraceStore {
    /// Evicts whole traces, oldest finished first, until the span budget holds again.
    /// Task summaries stay; only span detail goes.
    func evictIfOverBudget() {
        guard statistics.spans > maxSpans else { return }
        let lookahead = 256
        while statistics.spans > maxSpans, arrivalHead < arrivalOrder.count {
            // Prefer a finished trace among the oldest few; otherwise take the oldest.
            var victim = arrivalHead
            var i = arrivalHead
            while i < min(arrivalOrder.count, arrivalHead + lookahead) {
                if let t = traces[arrivalOrder[i]], t.isFinished {
                    victim = i
                    break
                }
                i += 1
            }
            let id = arrivalOrder[victim]
            arrivalOrder.swapAt(victim, arrivalHead)
            arrivalHead += 1
            guard let trace = traces.removeValue(forKey: id) else { continue }
            statistics.spans -= trace.spans.count
            statistics.evictedSpans += trace.spans.count
            statistics.evictedTraces += 1
        }
        if arrivalHead > 4096 && arrivalHead * 2 > arrivalOrder.count {
            arrivalOrder.removeFirst(arrivalHead)
            arrivalHead = 0
        }
    }
}
