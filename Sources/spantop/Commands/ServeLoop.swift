import ServiceLifecycle
import SpanCore

/// `serve`'s store owner: pumps the pipeline, prints budget and status lines, and asks for
/// shutdown after `idleLimit` without a request. On shutdown it takes the last batches.
final class ServeLoop: Service, @unchecked Sendable {
    // The store and the watches are touched only by the loop's thread, then by `run` after
    // it ended; the command reads the store after the group has stopped.
    let store: TraceStore
    private let pipeline: LivePipeline
    private let shutdown: ShutdownSwitch
    private let idleLimit: Nanoseconds?
    private let statusEvery: Nanoseconds?
    private(set) var budgets: BudgetWatch
    /// Set with `--fail-on loops`.
    private var loopWatch: LoopWatch?
    private var status = ServeStatus(start: MonotonicClock.now())

    /// - Parameters:
    ///   - statusEvery: time between status lines; nil for none.
    init(
        store: TraceStore, pipeline: LivePipeline, shutdown: ShutdownSwitch, budget: Budget, idleLimit: Nanoseconds?,
        statusEvery: Nanoseconds?, failOnLoops: Bool = false
    ) {
        loopWatch = failOnLoops ? LoopWatch() : nil
        self.store = store
        self.pipeline = pipeline
        self.shutdown = shutdown
        self.idleLimit = idleLimit
        self.statusEvery = statusEvery
        budgets = BudgetWatch(budget: budget)
    }

    func run() async throws {
        // The loop sleeps in `poll` between requests, so it gets a thread of its own rather
        // than one of the concurrency pool's.
        let stop = StopFlag()
        stop.wakes(pipeline.wakeup)
        try? await withTaskCancellationOrGracefulShutdownHandler {
            try await OwnThread.run(name: "spantop-serve") { self.serve(until: stop) }
        } onCancelOrGracefulShutdown: {
            stop.set()
        }
        // Idle (or already stopping): the group stops the receivers before the wait returns.
        await shutdown.request()
        try? await gracefulShutdown()
        pipeline.finish(into: store)
    }

    /// Pumps whenever a request or a query arrives; otherwise sleeps until the next status
    /// line or the idle limit, whichever is sooner (forever when neither is set).
    private func serve(until stop: StopFlag) {
        var lastActivity = MonotonicClock.now()
        while !stop.isSet {
            pipeline.pump(into: store)
            for p in budgets.newlyOver(store) { Stderr.log(BudgetWatch.line(p, store, budget: budgets.budget)) }
            if loopWatch != nil { for line in loopWatch!.newLines(store) { Stderr.log(line) } }
            let now = MonotonicClock.now()
            if status.noteRequests(pipeline.snapshots) { lastActivity = now }
            if let statusEvery, now - status.lastLine >= statusEvery {
                Stderr.log(status.line(pipeline.snapshots, store: store, now: now))
            }
            if let idleLimit, now - lastActivity >= idleLimit { break }
            var timeout: Nanoseconds?
            if let statusEvery { timeout = statusEvery - (now - status.lastLine) }
            if let idleLimit {
                let untilIdle = idleLimit - (now - lastActivity)
                timeout = min(timeout ?? untilIdle, untilIdle)
            }
            pipeline.sleep(timeout: timeout)
        }
    }

    /// The status line as of now, for the last word on exit.
    func finalStatus() -> String {
        status.line(pipeline.snapshots, store: store, now: MonotonicClock.now())
    }
}
