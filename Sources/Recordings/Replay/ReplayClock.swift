/// Maps wall time to the recording's own time at a speed, with pause, speed changes and
/// long idle gaps skipped. Pure: the replayer and its tests give it the times.
public struct ReplayClock: Sendable {
    public private(set) var speed: ReplaySpeed
    public private(set) var paused = false
    /// Recording time at `wallAnchor`.
    private var dataAnchor: UInt64 = 0
    private var wallAnchor: UInt64 = 0
    private var started = false
    /// Gaps in the recording longer than this are skipped (nanoseconds of recording time).
    public var maxGap: UInt64 = 5_000_000_000

    public init(speed: ReplaySpeed) { self.speed = speed }

    /// Recording time now.
    public func position(wall: UInt64) -> UInt64 {
        guard started else { return 0 }
        guard !paused, let factor = speed.factor else { return dataAnchor }
        return dataAnchor &+ UInt64(Double(wall &- wallAnchor) * factor)
    }

    /// Whether something recorded at `time` is due; starts the clock at the first item and
    /// skips idle gaps longer than `maxGap`.
    public mutating func isDue(_ time: UInt64, wall: UInt64) -> Bool {
        if speed == .max { return !paused }
        if !started {
            started = true
            dataAnchor = time
            wallAnchor = wall
            return !paused
        }
        let now = position(wall: wall)
        if time <= now { return !paused }
        if !paused, time - now > maxGap { reanchor(at: time - maxGap / 5, wall: wall) }
        return false
    }

    /// The wall time at which something recorded at `time` falls due (`wall` when it already
    /// is), never further than a skipped gap away; nil while paused.
    public func wallTime(due time: UInt64, wall: UInt64) -> UInt64? {
        if paused { return nil }
        guard started, let factor = speed.factor, factor > 0 else { return wall }
        let now = position(wall: wall)
        guard time > now else { return wall }
        let ahead = min(time - now, maxGap)
        return wall &+ UInt64(Double(ahead) / factor)
    }

    public mutating func togglePause(wall: UInt64) {
        reanchor(at: position(wall: wall), wall: wall)
        paused.toggle()
    }

    public mutating func setSpeed(_ s: ReplaySpeed, wall: UInt64) {
        reanchor(at: position(wall: wall), wall: wall)
        speed = s
    }

    /// After a single step while paused, the clock stands at the stepped item's time.
    public mutating func stepped(to time: UInt64, wall: UInt64) {
        started = true
        reanchor(at: max(time, position(wall: wall)), wall: wall)
    }

    private mutating func reanchor(at data: UInt64, wall: UInt64) {
        dataAnchor = data
        wallAnchor = wall
    }
}
