import Foundation
import Recordings
import SpanCore
import TUI

/// Frame time (reduce + render + diff, what the UI loop does per frame besides writing the
/// changed cells) with a large store loaded, and the first frame of a replay of a big file.
enum FrameBench {
    static func frames(spans: Int, width: Int, height: Int, frames: Int) {
        let store = TraceStore(maxSpans: spans * 2)
        var data = BenchData(batchSpans: 1024)
        let loadStart = MonotonicClock.now()
        for _ in 0..<(spans / 1024) { store.ingest(data.nextBatch()) }
        print(
            "store: \(format(Double(store.statistics.spans))) spans, \(format(Double(store.tasks.count))) tasks, "
                + "\(store.projects.count) projects, loaded in \(format(seconds(MonotonicClock.now() - loadStart), 1)) s"
        )

        let view = ViewData(store: store, clock: { MonotonicClock.now() })
        var state = AppState(width: width, height: height, feed: FeedStatus(mode: .live))
        state.now = Timestamp(unixNanoseconds: 1_767_300_000_000_000_000)
        let screens: [(String, [Action])] = [
            ("overview", []),
            ("tasks", [.open]),
            ("workers", [.showTab(.workers)]),
            ("failures", [.showTab(.failures)]),
            ("waterfall", [.showTab(.tasks), .open]),
            ("trace waterfall", [.showTab(.tasks), .openTrace]),
            ("detail", [.showTab(.tasks), .open, .open]),
        ]
        print("frame = reduce + render + diff at \(width)×\(height), \(frames) frames per screen, selection moving")
        var all: [Double] = []
        for (name, actions) in screens {
            var s = state
            s.tab = .overview
            s.drills = []
            let buildStart = MonotonicClock.now()
            var previous = firstFrame(&s, actions, view)
            let build = seconds(MonotonicClock.now() - buildStart) * 1000
            var runs: [CellRun] = []
            var times: [Double] = []
            times.reserveCapacity(frames)
            for i in 0..<frames {
                let t0 = MonotonicClock.now()
                _ = reduce(&s, (i / 50) % 2 == 0 ? .moveDown : .moveUp, data: view)
                let screen = render(s, data: view)
                screen.changes(since: previous, into: &runs)
                previous = screen
                times.append(seconds(MonotonicClock.now() - t0) * 1000)
            }
            all += times
            let (p50, p99, worst) = percentiles(times)
            print(
                "  \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) p50 \(format(p50, 3)) ms  p99 \(format(p99, 3)) ms  "
                    + "max \(format(worst, 3)) ms   (first frame incl. list build \(format(build, 1)) ms)")
        }
        let (p50, p99, worst) = percentiles(all)
        print("  all screens       p50 \(format(p50, 3)) ms  p99 \(format(p99, 3)) ms  max \(format(worst, 3)) ms")

        // Rebuilding the largest lists (done at most 4× a second while spans stream in).
        var s = state
        _ = reduce(&s, .open, data: view)
        let rebuild = ViewData(store: store)
        let t0 = MonotonicClock.now()
        let rows = rebuildTaskTree(rebuild, s.tasks)
        let t1 = MonotonicClock.now()
        let failures = rebuildFailures(rebuild)
        let t2 = MonotonicClock.now()
        print(
            "list rebuild: task tree of \(format(Double(rows))) rows \(format(seconds(t1 - t0) * 1000, 1)) ms, "
                + "failures (\(format(Double(failures))) rows) \(format(seconds(t2 - t1) * 1000, 1)) ms")
        // The overview's ETA column reads every task of every project that has work left.
        let t3 = MonotonicClock.now()
        let estimates = estimateAll(store, now: state.now)
        print(
            "overview ETA: \(estimates) of \(store.projects.count) projects estimated in "
                + "\(format(seconds(MonotonicClock.now() - t3) * 1000, 1)) ms")
    }

    // Not inlined, so that callgrind can count each alone:
    // `--toggle-collect='$s12SpantopBench05FrameB0O10firstFrame*'` and the like.

    /// A screen's first frame: the actions that open it, then its render (lists built as needed).
    @inline(never)
    static func firstFrame(_ state: inout AppState, _ actions: [Action], _ view: ViewData) -> Screen {
        for a in actions { _ = reduce(&state, a, data: view) }
        return render(state, data: view)
    }

    /// The task tree built afresh; its row count.
    @inline(never)
    static func rebuildTaskTree(_ view: ViewData, _ tree: TaskTreeState) -> Int { view.taskRows(tree).count }

    /// The failures list built afresh; its row count.
    @inline(never)
    static func rebuildFailures(_ view: ViewData) -> Int { view.failureRows().count }

    /// Every project's ETA, as the overview's first frame computes them; how many have one.
    @inline(never)
    static func estimateAll(_ store: TraceStore, now: Timestamp?) -> Int {
        store.projects.filter { store.eta($0, now: now) != nil }.count
    }

    /// Time to the first frame of `spantop replay --speed max FILE`, and how the screen keeps
    /// up while the rest loads.
    static func replay(path: String, width: Int, height: Int) {
        let start = MonotonicClock.now()
        let store = TraceStore()
        let view = ViewData(store: store, clock: { MonotonicClock.now() })
        let replayer = Replayer(paths: [path], speed: .max)
        var state = AppState(width: width, height: height, feed: FeedStatus(mode: .replay))
        var previous: Screen?
        var runs: [CellRun] = []
        var firstFrame: Double?
        var firstData: Double?
        var frames = 0
        var worstGap = 0.0
        var lastFrame = MonotonicClock.now()
        while !replayer.isFinished {
            let changed = replayer.pump(into: store, wall: .epoch)
            let (r, loading) = replayer.status(wall: .epoch)
            state.feed.replay = r
            state.feed.loading = loading
            if changed || previous == nil {
                let screen = render(state, data: view)
                screen.changes(since: previous, into: &runs)
                previous = screen
                frames += 1
                let now = MonotonicClock.now()
                if firstFrame == nil { firstFrame = seconds(now - start) * 1000 }
                if firstData == nil && store.statistics.spans > 0 { firstData = seconds(now - start) * 1000 }
                worstGap = max(worstGap, seconds(now - lastFrame) * 1000)
                lastFrame = now
            } else {
                usleep(1000)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            "replay of \(format(Double(size) / 1e6, 1)) MB (\(format(Double(store.statistics.spans))) spans) at --speed max:"
        )
        print("  first frame      \(format(firstFrame ?? -1, 1)) ms after start")
        print("  first spans shown \(format(firstData ?? -1, 1)) ms")
        print(
            "  all loaded       \(format(seconds(MonotonicClock.now() - start), 2)) s, \(frames) frames, longest gap between frames \(format(worstGap, 1)) ms"
        )
    }

    static func percentiles(_ values: [Double]) -> (Double, Double, Double) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return (0, 0, 0) }
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)], sorted.last!)
    }
}
