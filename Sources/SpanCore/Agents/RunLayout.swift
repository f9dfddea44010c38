/// How a trace's spans divide into agent runs: the run each span belongs to and how runs nest.
/// Built from parent links alone, so it holds whatever order the spans arrived in; a span whose
/// parent has not arrived (or never will) counts as outside any run until it does.
struct RunLayout {
    /// Per span: the nearest strict ancestor that is a run, or -1.
    private(set) var enclosing: [Int32] = []
    /// Scratch for `resolve`, kept between builds.
    private var path: [Int32] = []
    /// The run whose facts are the trace task's own: the trace's root span when it is a run,
    /// else — once the root has arrived — the only outermost run; -1 when there is none.
    private(set) var rootRun: Int32 = -1

    /// - Parameters:
    ///   - parents: per span, the position of its parent span, or -1 when it has none here.
    ///   - isRun: per span, whether it is an agent run.
    ///   - root: position of the trace's root span, if it has arrived.
    mutating func build(parents: [Int32], isRun: [Bool], root: Int?) {
        let n = parents.count
        enclosing.removeAll(keepingCapacity: true)
        enclosing.append(contentsOf: repeatElement(Self.unknown, count: n))
        for i in 0..<n where enclosing[i] == Self.unknown { resolve(i, parents, isRun) }
        breakRunCycles(isRun)
        rootRun = -1
        if let root, root < n {
            if isRun[root] {
                rootRun = Int32(root)
            } else {
                var outermost: Int32 = -1
                for i in 0..<n where isRun[i] && enclosing[i] < 0 {
                    guard outermost < 0 else {
                        outermost = -1
                        break
                    }
                    outermost = Int32(i)
                }
                rootRun = outermost
            }
        }
    }

    /// The run span `i` belongs to: itself when it is a run, else its enclosing run, or -1.
    func owner(_ i: Int, _ isRun: [Bool]) -> Int32 { isRun[i] ? Int32(i) : enclosing[i] }

    /// Runs whose parent links go round in a circle (malformed input) would enclose each other:
    /// the run where the circle closes is taken as outermost, so every walk up the runs ends.
    private mutating func breakRunCycles(_ isRun: [Bool]) {
        // 0 unvisited, 1 on the current walk, 2 done: each run is walked once.
        var state = [UInt8](repeating: 0, count: enclosing.count)
        for start in enclosing.indices where isRun[start] && state[start] == 0 {
            path.removeAll(keepingCapacity: true)
            var i = Int32(start)
            while i >= 0, state[Int(i)] == 0 {
                state[Int(i)] = 1
                path.append(i)
                let up = enclosing[Int(i)]
                if up >= 0, state[Int(up)] == 1 {
                    enclosing[Int(i)] = -1
                    break
                }
                i = up
            }
            for j in path { state[Int(j)] = 2 }
        }
    }

    private static let unknown: Int32 = -2
    private static let visiting: Int32 = -3

    /// Walks up from `i` to the first run or a span already resolved, then sets every span on
    /// the way. A parent cycle (malformed input) ends the walk as if the parent were missing.
    private mutating func resolve(_ start: Int, _ parents: [Int32], _ isRun: [Bool]) {
        path.removeAll(keepingCapacity: true)
        var i = Int32(start)
        var found: Int32 = -1
        while true {
            path.append(i)
            enclosing[Int(i)] = Self.visiting
            let p = parents[Int(i)]
            if p < 0 { break }
            if isRun[Int(p)] {
                found = p
                break
            }
            let known = enclosing[Int(p)]
            if known == Self.visiting { break }
            if known != Self.unknown {
                found = known
                break
            }
            i = p
        }
        for j in path { enclosing[Int(j)] = found }
    }
}

/// The run rebuild's working arrays, kept by the store between rebuilds.
struct RunScratch {
    var readings = SpanReadings()
    var layout = RunLayout()
}
