import Foundation
import Recordings
import SpanCore
import Testing

/// The replayer as the UI loop drives it: pump until finished while the loader thread reads.
@Suite struct ReplayerTests {
    static let fixture = FixtureTruthTests.fixtures.appendingPathComponent("workforce.otlp.jsonl").path

    /// Pumps until the replay is finished (bounded), sleeping as the UI loop does until the
    /// loader reads more, and returns the store.
    func play(_ replayer: Replayer, wall: Timestamp = .epoch) -> TraceStore {
        let store = TraceStore()
        let deadline = MonotonicClock.now() + .seconds(30)
        while !replayer.isFinished && MonotonicClock.now() < deadline {
            if replayer.pump(into: store, wall: wall) { continue }
            if replayer.nextDue(wall: wall) == wall { continue }
            replayer.wakeup.sleep(timeout: .seconds(30)) { replayer.hasNews }
        }
        return store
    }

    @Test func maxSpeedPlaysEveryBatchOnce() {
        let replayer = Replayer(paths: [Self.fixture], speed: .max)
        var forwarded = 0
        replayer.onIngest = { forwarded += $0.spans.count }
        let store = play(replayer)
        #expect(replayer.isFinished && !replayer.isLoading)
        #expect(store.statistics.spans == 64)
        #expect(forwarded == 64)
        let (text, loading) = replayer.status(wall: .epoch)
        #expect(text.hasPrefix("■ max ") && loading == nil, "\(text)")
        #expect(replayer.takeDiagnostics().isEmpty)
    }

    @Test func anUnreadableFileIsAMessageAndTheNextStillPlays() {
        let replayer = Replayer(paths: ["/nonexistent/a.jsonl", Self.fixture], speed: .max)
        let store = play(replayer)
        #expect(store.statistics.spans == 64)
        let messages = replayer.takeDiagnostics()
        #expect(messages.contains { $0.contains("/nonexistent/a.jsonl") }, "\(messages)")
        #expect(replayer.takeDiagnostics().isEmpty, "each message is handed over once")
    }

    @Test func stepPausesAndPlaysOneBatch() {
        let replayer = Replayer(paths: [Self.fixture], speed: .x1)
        let store = TraceStore()
        replayer.waitUntilLoaded()
        replayer.step(into: store, wall: Timestamp(unixNanoseconds: 1))
        let afterOne = store.statistics.spans
        #expect(afterOne > 0)
        #expect(replayer.status(wall: Timestamp(unixNanoseconds: 1)).replay.hasPrefix("⏸ 1× 1/"))
        // Paused: pumping plays nothing more.
        _ = replayer.pump(into: store, wall: .epoch + .seconds(1000))
        #expect(store.statistics.spans == afterOne)
    }
}
