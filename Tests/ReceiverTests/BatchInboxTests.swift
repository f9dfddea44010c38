import Foundation
import SpanCore
import Testing

@testable import Receivers

struct BatchInboxTests {
    static func delivery(spans: Int, rejected: Int = 0) -> Delivery {
        Delivery(batch: TestData.generatedBatch(spans: spans), rejectedSpans: rejected)
    }

    @Test func drainHandsOverEverythingInOrderOnce() {
        let inbox = BatchInbox(capacity: 1000)
        #expect(inbox.offer(Self.delivery(spans: 3)))
        #expect(inbox.offer(Self.delivery(spans: 5)))
        var sizes: [Int] = []
        #expect(inbox.drain { sizes.append($0.batch.spans.count) } == 2)
        #expect(sizes == [3, 5])
        #expect(inbox.drain { _ in Issue.record("nothing left") } == 0)
        #expect(inbox.pendingSpanCount == 0)
    }

    @Test func fullInboxRefusesUntilDrained() {
        let inbox = BatchInbox(capacity: 10)
        #expect(inbox.offer(Self.delivery(spans: 6)))
        #expect(!inbox.offer(Self.delivery(spans: 6)), "6 + 6 > 10")
        #expect(inbox.offer(Self.delivery(spans: 4)), "6 + 4 fits")
        inbox.drain { _ in }
        #expect(inbox.offer(Self.delivery(spans: 6)))
    }

    @Test func oversizedRequestIsAcceptedWhenEmpty() {
        let inbox = BatchInbox(capacity: 10)
        #expect(inbox.offer(Self.delivery(spans: 50)), "otherwise it could never be accepted")
        #expect(!inbox.offer(Self.delivery(spans: 1)))
    }

    @Test func drainIntoStoreCountsRejectedSpans() {
        let inbox = BatchInbox()
        _ = inbox.offer(Self.delivery(spans: 4, rejected: 2))
        _ = inbox.offer(Delivery(batch: SpanBatch(), rejectedSpans: 3))
        let store = TraceStore()
        #expect(inbox.drain(into: store) == 2)
        #expect(store.statistics.spans == 4)
        #expect(store.statistics.rejectedSpans == 5)
    }

    @Test func concurrentOffersAreAllDrained() async throws {
        let inbox = BatchInbox(capacity: 1 << 30)
        let batch = TestData.generatedBatch(spans: 7)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<200 { _ = inbox.offer(Delivery(batch: batch)) } }
            }
        }
        var spans = 0
        inbox.drain { spans += $0.batch.spans.count }
        #expect(spans == 8 * 200 * 7)
    }
}
