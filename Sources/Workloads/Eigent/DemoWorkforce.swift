import SpanCore

/// A simulated Eigent workforce running in real time: several projects side by side, each
/// running workforce after workforce, with retries, failures, quality scores and tokens; and
/// beside them a project of GenAI-convention agent runs (a coordinator delegating to a
/// researcher, tool calls, a failing tool now and then, a loop, message content).
/// Spans come out when their end time passes, as an OTel exporter would send them.
public struct DemoWorkforce {
    public static let projectNames = ["research-agents", "support-bot", "data-pipeline", "release-notes"]
    /// The project of agent runs.
    public static let agentProject = "travel-agents"

    private struct Lane {
        var generator: WorkforceGenerator?
        var agents: AgentRunGenerator?
        var pending: [SpanRecord] = []
        var next = 0
    }

    private var lanes: [Lane]
    private var rng: SplitMix64

    /// - Parameters:
    ///   - start: when the simulation starts (now, for the live demo).
    public init(seed: UInt64, start: Timestamp, projects: [String] = DemoWorkforce.projectNames) {
        rng = SplitMix64(seed: seed)
        var lanes: [Lane] = []
        for (i, name) in projects.enumerated() {
            // Stagger the lanes so the projects do not move in step.
            var g = WorkforceGenerator(
                seed: seed &+ UInt64(i) &* 7919, projects: 1,
                startTime: start + Nanoseconds.milliseconds(700) * UInt64(i))
            g.projectNames = [name]
            g.finalFailureRate = 0.06
            g.timeScale = 0.6
            lanes.append(Lane(generator: g))
        }
        var agents = AgentRunGenerator(seed: seed &+ 104_729, startTime: start + .milliseconds(300))
        agents.projectName = Self.agentProject
        agents.timeScale = 0.8
        lanes.append(Lane(agents: agents))
        self.lanes = lanes
    }

    /// When the next span is due (the epoch: a lane starts its next run now), for a caller
    /// that sleeps until then.
    public func nextDue() -> Timestamp {
        var soonest = Timestamp(rawValue: .max)
        for lane in lanes {
            soonest = min(soonest, lane.next < lane.pending.count ? lane.pending[lane.next].endTime : .epoch)
        }
        return soonest
    }

    /// Appends the spans whose end time is at or before `wall` to `batch`; returns how many.
    public mutating func emitDue(wall: Timestamp, into batch: inout SpanBatch) -> Int {
        var due: [SpanRecord] = []
        for i in lanes.indices {
            if lanes[i].next >= lanes[i].pending.count {
                if lanes[i].agents != nil {
                    lanes[i].pending = lanes[i].agents!.run()
                } else {
                    let subtasks = 3 + Int(rng.next() % 6)
                    lanes[i].pending = lanes[i].generator!.workforce(subtasks: subtasks).sorted {
                        $0.endTime < $1.endTime
                    }
                }
                lanes[i].next = 0
            }
            while lanes[i].next < lanes[i].pending.count, lanes[i].pending[lanes[i].next].endTime <= wall {
                due.append(lanes[i].pending[lanes[i].next])
                lanes[i].next += 1
            }
        }
        if !due.isEmpty { batch.append(records: due) }
        return due.count
    }
}
