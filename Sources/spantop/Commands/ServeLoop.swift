import ServiceLifecycle
import SpanCore

/// `serve`'s store owner: pumps the pipeline, prints budget and status lines, and asks for
/// shutdown after `idleLimit` without a request. On shutdown it takes the last batches.
final class ServeLoop: Service, @unchecked Sendable {
    // The store and the watches are touched only by `run` (one task at a time); the command
    // reads the store after the group has stopped.
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
        var lastActivity = MonotonicClock.now()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let drained = pipeline.pump(into: store)
            for p in budgets.newlyOver(store) { Stderr.log(BudgetWatch.line(p, store, budget: budgets.budget)) }
            if loopWatch != nil { for line in loopWatch!.newLines(store) { Stderr.log(line) } }
            let now = MonotonicClock.now()
            if status.noteRequests(pipeline.snapshots) { lastActivity = now }
            if let statusEvery, now - status.lastLine >= statusEvery {
                Stderr.log(status.line(pipeline.snapshots, store: store, now: now))
            }
            if let idleLimit, now - lastActivity >= idleLimit { break }
            // Idle: look again soon. Busy: drain again at once, letting other tasks in first.
            if drained.requests == 0 {
                try? await Task.sleep(for: .milliseconds(20))
            } else {
                await Task.yield()
            }
        }
        // Idle (or already stopping): the group stops the receivers before the wait returns.
        await shutdown.request()
        try? await gracefulShutdown()
        pipeline.finish(into: store)
    }

    /// The status line as of now, for the last word on exit.
    func finalStatus() -> String {
        status.line(pipeline.snapshots, store: store, now: MonotonicClock.now())
    }
}
