/// A run of changed cells on one row sharing a role: what the terminal must redraw.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var role: Role
    /// Scalars to write; continuation cells are omitted (the terminal advances two columns).
    public var scalars: [Unicode.Scalar]
}

extension Screen {
    /// The runs that turn `previous` into this screen. With no previous frame (or a resize),
    /// every cell is redrawn.
    public func changes(since previous: Screen?) -> [CellRun] {
        var runs: [CellRun] = []
        changes(since: previous, into: &runs)
        return runs
    }

    /// Like `changes(since:)`, reusing `runs`' storage across frames.
    public func changes(since previous: Screen?, into runs: inout [CellRun]) {
        runs.removeAll(keepingCapacity: true)
        let full = previous == nil || previous!.width != width || previous!.height != height
        cells.withUnsafeBufferPointer { now in
            let old = full ? nil : previous!.cells
            for y in 0..<height {
                let row = y * width
                var x = 0
                while x < width {
                    if !full, old![row + x] == now[row + x] {
                        x += 1
                        continue
                    }
                    // Start a run at the wide character's first half.
                    let start = now[row + x].isContinuation && x > 0 ? x - 1 : x
                    let role = now[row + start].role
                    var run = CellRun(x: start, y: y, role: role, scalars: [now[row + start].scalar])
                    x = start + 1
                    // A continuation cell always goes with its first half, whatever its role.
                    while x < width,
                        now[row + x].isContinuation
                            || (now[row + x].role == role && (full || old![row + x] != now[row + x]))
                    {
                        if !now[row + x].isContinuation { run.scalars.append(now[row + x].scalar) }
                        x += 1
                    }
                    runs.append(run)
                }
            }
        }
    }
}
