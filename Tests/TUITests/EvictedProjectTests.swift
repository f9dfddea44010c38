import SpanCore
import Testing
import Workloads

@testable import TUI

/// Projects whose tasks were all evicted stay on the overview as summaries, marked as such.
struct EvictedProjectTests {
    @Test func summariesAreMarkedAndKeepTheirTotals() {
        let store = TraceStore(maxSpans: 60)
        var generator = WorkforceGenerator(seed: 3, projects: 1 << 40)
        for _ in 0..<12 {
            var batch = SpanBatch()
            batch.append(records: generator.workforce(subtasks: 3))
            store.ingest(batch)
        }
        let h = TUIHarness(width: 120, height: 30, store: store)
        let summaries = store.projects.filter(\.isSummary)
        #expect(!summaries.isEmpty)
        let name = store.string(summaries[0].id)
        let row = h.line(containing: name)
        #expect(row?.contains("\(name) (evicted)") == true)
        let total = summaries[0].aggregate.total
        #expect(row?.contains("/\(total)") == true, "the summary keeps its task totals: \(row ?? "")")
        let live = store.projects.first { !$0.isSummary && !$0.tasks.isEmpty }!
        #expect(h.line(containing: store.string(live.id))?.contains("(evicted)") == false)
    }
}
