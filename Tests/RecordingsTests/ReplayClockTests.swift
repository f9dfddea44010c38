import Recordings
import SpanCore
import Testing
import Workloads

@Suite struct ReplayClockTests {
    let s = Nanoseconds.seconds(1)
    let t0 = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)

    /// A wall-clock reading `d` after the epoch.
    func wall(_ d: Nanoseconds) -> Timestamp { .epoch + d }

    @Test func playsAtTheChosenSpeed() {
        var clock = ReplayClock(speed: .x10)
        let due1 = clock.isDue(t0, wall: wall(s * 100))
        #expect(due1)
        // 1 s of wall time covers 10 s of recording at 10×.
        let due2 = clock.isDue(t0 + s * 4, wall: wall(s * 100 + .milliseconds(300)))
        #expect(!due2)
        let due3 = clock.isDue(t0 + s * 4, wall: wall(s * 100 + .milliseconds(500)))
        #expect(due3)
        clock.setSpeed(.x1, wall: wall(s * 101))
        #expect(clock.position(wall: wall(s * 102)) == t0 + s * 11)
    }

    @Test func pauseHoldsTheClockAndResumeContinues() {
        var clock = ReplayClock(speed: .x1)
        _ = clock.isDue(t0, wall: wall(s * 10))
        clock.togglePause(wall: wall(s * 11))
        let due4 = clock.isDue(t0 + s, wall: wall(s * 50))
        #expect(!due4)
        #expect(clock.position(wall: wall(s * 50)) == t0 + s)
        clock.togglePause(wall: wall(s * 50))
        let due5 = clock.isDue(t0 + s * 2, wall: wall(s * 51))
        #expect(due5)
    }

    @Test func longIdleGapsAreSkipped() {
        var clock = ReplayClock(speed: .x1)
        _ = clock.isDue(t0, wall: .epoch)
        // An hour of silence in the recording: not due now, but due shortly after.
        let due6 = clock.isDue(t0 + s * 3600, wall: wall(s))
        #expect(!due6)
        let due7 = clock.isDue(t0 + s * 3600, wall: wall(s * 3))
        #expect(due7)
    }

    @Test func maxSpeedReleasesEverythingUnlessPaused() {
        var clock = ReplayClock(speed: .max)
        let due8 = clock.isDue(t0 + s * 9999, wall: .epoch)
        #expect(due8)
        clock.togglePause(wall: .epoch)
        let due9 = clock.isDue(t0, wall: .epoch)
        #expect(!due9)
    }

    @Test func speedsParseAndStep() {
        #expect(ReplaySpeed(argument: "max") == .max)
        #expect(ReplaySpeed(argument: "10x") == .x10)
        #expect(ReplaySpeed(argument: "100") == .x100)
        #expect(ReplaySpeed(argument: "3") == nil)
        #expect(ReplaySpeed.x100.faster == .max && ReplaySpeed.max.faster == .max && ReplaySpeed.x1.slower == .x1)
    }
}

@Suite struct DemoWorkforceTests {
    @Test func emitsSpansOverTimeWithRetriesFailuresAndTokens() throws {
        let start = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)
        var demo = DemoWorkforce(seed: 7, start: start)
        let store = TraceStore()
        var batch = SpanBatch()
        #expect(demo.emitDue(wall: start, into: &batch) == 0)
        var emitted = 0
        // Ten simulated minutes, a second at a time.
        for second in 1...600 {
            batch.removeAll()
            emitted += demo.emitDue(wall: start + .seconds(Double(second)), into: &batch)
            if !batch.isEmpty { store.ingest(batch) }
        }
        #expect(emitted > 500)
        #expect(
            Set(store.projects.map { store.string($0.id) })
                == Set(DemoWorkforce.projectNames + [DemoWorkforce.agentProject]))
        // The agent project: runs with delegations, a loop or a failing tool, and content.
        let agents = try #require(store.project(named: DemoWorkforce.agentProject))
        #expect(agents.tasks.contains { store.tasks[$0].source == .run })
        #expect(!store.agentStats(agents).isEmpty)
        #expect(store.toolStats(agents).contains { $0.name == "fetch_page" && $0.calls > 0 })
        let root = try #require(
            agents.tasks.first { store.tasks[$0].source == .trace && store.tasks[$0].status != .running })
        #expect(try #require(store.transcript(ofTask: root)).messages.count > 4)
        let aggregates = store.projects.map(\.aggregate)
        #expect(aggregates.reduce(0) { $0 + $1.count(.failed) } > 0)
        #expect(aggregates.reduce(0) { $0 + $1.count(.completed) } > 20)
        #expect(aggregates.reduce(0) { $0 + $1.tokens } > 0)
        #expect(store.projects.contains { !$0.failedAttempts.isEmpty })
    }
}
