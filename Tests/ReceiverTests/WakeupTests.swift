import Foundation
import Synchronization
import Testing

@testable import Receivers
@testable import SpanCore

/// The store owner's sleep: woken by an offer, a query, a shutdown or a descriptor, never
/// missing a wake-up. Nothing here sleeps to wait: each test blocks on what it waits for,
/// with a generous bound that only a lost wake-up reaches.
struct WakeupTests {
    /// Runs `body` on a thread of its own; `finished` is signalled when it returns.
    static func owner(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        Thread {
            body()
            finished.signal()
        }.start()
        return finished
    }

    /// Spins (yielding the core) until the owner is inside its sleep.
    static func untilAsleep(_ wakeup: Wakeup) {
        let deadline = MonotonicClock.now() + .seconds(10)
        while !wakeup.isAsleep && MonotonicClock.now() < deadline { sched_yield() }
    }

    @Test func aBatchOfferedWhileTheOwnerSleepsIsTakenAtOnce() {
        let wakeup = Wakeup()
        let inbox = BatchInbox(wakeup: wakeup)
        let taken = Mutex(0)
        let finished = Self.owner {
            wakeup.sleep(timeout: nil) { !inbox.isEmpty }
            taken.withLock { $0 = inbox.drain { _ in } }
        }
        Self.untilAsleep(wakeup)
        #expect(inbox.offer(BatchInboxTests.delivery(spans: 3)))
        #expect(finished.wait(timeout: .now() + 10) == .success, "the offer woke the owner")
        #expect(taken.withLock { $0 } == 1)
    }

    @Test func aQueryWakesTheOwnerToo() {
        let wakeup = Wakeup()
        let desk = QueryDesk(wakeup: wakeup)
        let answered = Self.owner {
            wakeup.sleep(timeout: nil) { !desk.isEmpty }
            desk.answerPending { _ in (200, []) }
        }
        Self.untilAsleep(wakeup)
        let status = Mutex(0)
        desk.submit("/api/v1/overview") { code, _ in status.withLock { $0 = code } }
        #expect(answered.wait(timeout: .now() + 10) == .success)
        #expect(status.withLock { $0 } == 200)
    }

    @Test func shutdownWhileSleepingEndsTheSleep() {
        let wakeup = Wakeup()
        let reason = Mutex<Wakeup.Reason>([])
        let finished = Self.owner { reason.withLock { $0 = wakeup.sleep(timeout: nil) } }
        Self.untilAsleep(wakeup)
        wakeup.post()
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(reason.withLock { $0 } == .signalled)
    }

    @Test func aPostBeforeTheSleepIsNotLost() {
        let wakeup = Wakeup()
        wakeup.post()
        #expect(wakeup.sleep(timeout: nil) == .signalled, "returns at once")
        #expect(wakeup.sleep(timeout: .zero) == [], "the post was taken: the next sleep waits")
    }

    @Test func workFoundBeforeSleepingReturnsAtOnce() {
        let wakeup = Wakeup()
        #expect(wakeup.sleep(timeout: nil) { true } == .signalled)
    }

    @Test func aReadableDescriptorEndsTheSleep() {
        let wakeup = Wakeup()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { for fd in ends { close(fd) } }
        var byte: UInt8 = 1
        #expect(write(ends[1], &byte, 1) == 1)
        #expect(wakeup.sleep(timeout: nil, also: [ends[0]]) == .readable)
    }

    @Test func aTimeoutEndsTheSleepWithNoReason() {
        #expect(Wakeup().sleep(timeout: .milliseconds(1)) == [])
    }

    /// Eight producers offer as fast as they can while the owner drains and sleeps: a lost
    /// wake-up would leave the owner asleep with work pending, and the bound would pass.
    @Test func manyProducersNeverLeaveTheOwnerAsleepWithWork() {
        let wakeup = Wakeup()
        let inbox = BatchInbox(capacity: 64, wakeup: wakeup)
        let producers = 8
        let perProducer = 2_000
        let total = producers * perProducer
        let taken = Mutex(0)
        let finished = Self.owner {
            var count = 0
            while count < total {
                count += inbox.drain { _ in }
                if count < total { wakeup.sleep(timeout: nil) { !inbox.isEmpty } }
            }
            taken.withLock { $0 = count }
        }
        let delivery = BatchInboxTests.delivery(spans: 1)
        DispatchQueue.concurrentPerform(iterations: producers) { _ in
            for _ in 0..<perProducer {
                // A full inbox refuses: retry, as a client told 503 would.
                while !inbox.offer(delivery) { sched_yield() }
            }
        }
        let result = finished.wait(timeout: .now() + 60)
        if result != .success { wakeup.post() }
        #expect(result == .success, "no wake-up was lost")
        #expect(taken.withLock { $0 } == total)
    }
}
