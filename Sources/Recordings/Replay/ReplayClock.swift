import SpanCore

/// Maps wall time to the recording's own time at a speed, with pause, speed changes and
/// long idle gaps skipped. Pure: the replayer and its tests give it the times.
public struct ReplayClock: Sendable {
    public private(set) var speed: ReplaySpeed
    public private(set) var paused = false
    /// Recording time at a wall time; nil until the first item started the clock.
    private var anchor: (data: Timestamp, wall: Timestamp)?
    /// Gaps in the recording longer than this (of recording time) are skipped.
    public var maxGap = Nanoseconds.seconds(5)

    public init(speed: ReplaySpeed) { self.speed = speed }

    /// Recording time now; nil before the first item.
    public func position(wall: Timestamp) -> Timestamp? {
        guard let anchor else { return nil }
        guard !paused, let factor = speed.factor else { return anchor.data }
        return anchor.data + wall.since(anchor.wall).scaled(by: factor)
    }

    /// Whether something recorded at `time` is due; starts the clock at the first item and
    /// skips idle gaps longer than `maxGap`.
    public mutating func isDue(_ time: Timestamp, wall: Timestamp) -> Bool {
        if speed == .max { return !paused }
        guard let now = position(wall: wall) else {
            anchor = (time, wall)
            return !paused
        }
        if time <= now { return !paused }
        if !paused, time.since(now) > maxGap { anchor = (time - maxGap / 5, wall) }
        return false
    }

    /// The wall time at which something recorded at `time` falls due (`wall` when it already
    /// is), never further than a skipped gap away; nil while paused.
    public func wallTime(due time: Timestamp, wall: Timestamp) -> Timestamp? {
        if paused { return nil }
        guard let now = position(wall: wall), let factor = speed.factor, factor > 0 else { return wall }
        guard time > now else { return wall }
        return wall + min(time.since(now), maxGap).scaled(by: 1 / factor)
    }

    public mutating func togglePause(wall: Timestamp) {
        reanchor(wall: wall)
        paused.toggle()
    }

    public mutating func setSpeed(_ s: ReplaySpeed, wall: Timestamp) {
        reanchor(wall: wall)
        speed = s
    }

    /// After a single step while paused, the clock stands at the stepped item's time.
    public mutating func stepped(to time: Timestamp, wall: Timestamp) {
        anchor = (max(time, position(wall: wall) ?? time), wall)
    }

    /// Keeps the recording time where it is now, from `wall` on.
    private mutating func reanchor(wall: Timestamp) {
        if let now = position(wall: wall) { anchor = (now, wall) }
    }
}
