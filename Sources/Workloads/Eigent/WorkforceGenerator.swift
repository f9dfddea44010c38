import SpanCore

/// Generates Eigent-shaped workforce traces — workers, decomposition, assignment, execution
/// attempts with retries and quality checks, error logs, the root span last — for the demo
/// and the benchmarks. Deterministic for a given seed.
public struct WorkforceGenerator {
    private var rng: SplitMix64
    private var clock: Timestamp
    private var workforceNumber = 0
    public let projects: Int
    /// Project names to cycle through instead of "proj-N".
    public var projectNames: [String] = []
    /// Chance that a subtask's last attempt fails too (the task ends failed).
    public var finalFailureRate = 0.0
    /// Scales task execution times (the demo runs faster than real agents).
    public var timeScale = 1.0

    static let models = ["gpt-4.1-mini", "gpt-4o", "claude-sonnet-4", "gemini-2.5-flash"]
    static let agents = ["developer_agent", "search_agent", "document_agent", "multi_modal_agent"]
    static let verbs = ["Collect", "Summarise", "Compare", "Write", "Review", "Benchmark", "Translate", "Plan"]
    static let objects = [
        "the vector database feature lists", "the OAuth provider endpoints", "last quarter's sales figures",
        "the staging deployment manifest", "customer feedback on the beta", "the licensing terms",
    ]

    /// - Parameters:
    ///   - projects: how many distinct project ids the workforces cycle through.
    ///   - startTime: when the first span starts (by default 2026-01-01 10:00 UTC).
    public init(seed: UInt64, projects: Int = 8, startTime: Timestamp = WorkforceGenerator.defaultStart) {
        rng = SplitMix64(seed: seed)
        clock = startTime
        self.projects = max(1, projects)
    }

    /// 2026-01-01 10:00 UTC.
    public static let defaultStart = Timestamp(unixNanoseconds: 1_767_261_600_000_000_000)

    /// One whole workforce run of `subtasks` tasks as a trace, in export order (root last).
    public mutating func workforce(subtasks: Int) -> [SpanRecord] {
        workforceNumber += 1
        let project =
            projectNames.isEmpty
            ? "proj-\(workforceNumber % projects)" : projectNames[workforceNumber % projectNames.count]
        let rootID = "\(clock.since(.epoch).wholeMilliseconds)-\(workforceNumber)"
        let trace = TraceID(high: rng.next() | 1, low: rng.next())
        let rootSpan = SpanID(rng.next() | 1)
        var out: [SpanRecord] = []
        out.reserveCapacity(subtasks * 5 + 8)
        let start = clock

        func span(
            _ name: String, _ at: Timestamp, end: Timestamp? = nil, status: UInt8 = 0, message: String = "",
            _ attributes: [KeyValue]
        ) {
            var r = SpanRecord()
            r.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("eigent-workforce"))])
            r.scope = ScopeRecord(name: "eigent.workforce", version: "0.2.90")
            r.traceID = trace
            r.spanID = SpanID(rng.next() | 1)
            r.parentSpanID = rootSpan
            r.name = name
            r.kind = 1
            r.startTime = at
            r.endTime = end ?? at
            r.statusCode = status
            r.statusMessage = message
            r.flags = 0x100
            r.attributes = attributes
            out.append(r)
        }
        let p = KeyValue("eigent.project.id", .string(project))

        var workers: [(id: String, agent: String, model: String)] = []
        for w in 0..<3 {
            let id = uuid()
            let agent = Self.agents[(workforceNumber + w) % Self.agents.count]
            let model = Self.models[(workforceNumber + w) % Self.models.count]
            workers.append((id, agent, model))
            span(
                "worker.created", tick(.milliseconds(5)),
                [
                    KeyValue("eigent.worker.id", .string(id)),
                    KeyValue("eigent.worker.type", .string("SingleAgentWorker")),
                    KeyValue(
                        "eigent.worker.role",
                        .string("A \(agent.replacingUnderscores()) that completes assigned subtasks")),
                    KeyValue("eigent.worker.agent", .string(agent)),
                    KeyValue("eigent.worker.model.type", .string(model)),
                ])
        }
        span(
            "task.created", tick(.milliseconds(1)),
            [
                KeyValue("eigent.task.id", .string(rootID)), p,
                KeyValue("eigent.task.description", .string("Workforce run \(workforceNumber): research and report")),
            ])
        let ids = (1...max(1, subtasks)).map { "\(rootID).\($0)" }
        span(
            "task.decomposed", tick(.milliseconds(2)),
            [
                KeyValue("eigent.task.parent_id", .string(rootID)), p,
                KeyValue(
                    "eigent.task.subtask_ids", .string("[" + ids.map { "\"\($0)\"" }.joined(separator: ", ") + "]")),
            ])
        for (n, id) in ids.enumerated() {
            let worker = workers[n % workers.count]
            let created = tick(.milliseconds(3))
            span(
                "task.created", created,
                [
                    KeyValue("eigent.task.id", .string(id)), p, KeyValue("eigent.task.parent_id", .string(rootID)),
                    KeyValue("eigent.task.description", .string(description(n))),
                ])
            let attempts = rng.chance(0.1) ? 2 : 1
            let failsForGood = finalFailureRate > 0 && rng.chance(finalFailureRate)
            for attempt in 1...attempts {
                let assigned = tick(.milliseconds(rng.below(400) + 50))
                span(
                    "task.assigned", assigned,
                    [
                        KeyValue("eigent.task.id", .string(id)), KeyValue("eigent.worker.id", .string(worker.id)), p,
                        KeyValue("eigent.task.queue_time_seconds", .double(assigned.since(created).seconds)),
                    ])
                let begin = tick(.milliseconds(10))
                let seconds = (1.0 + Double(rng.below(9000)) / 1000) * timeScale
                let end = begin + .seconds(seconds)
                clock = end
                let failed = attempt < attempts || failsForGood
                if failed {
                    let score = 20 + rng.below(39)
                    let message =
                        "Task \(id) failed quality check (score: \(score)). Issues: missing sources. Recovery: retry"
                    span(
                        "task.execution:\(id)", begin, end: end, status: 2, message: message,
                        [
                            KeyValue("eigent.task.id", .string(id)), KeyValue("eigent.worker.id", .string(worker.id)),
                            p,
                            KeyValue("eigent.task.status", .string("failed")),
                            KeyValue("eigent.task.parent_id", .string(rootID)),
                        ])
                    span(
                        "log.message", tick(.milliseconds(1)),
                        [
                            KeyValue("log.level", .string("error")), p,
                            KeyValue("log.message", .string("Task \(id) failed (attempt \(attempt)/3): \(message)")),
                        ])
                } else {
                    span(
                        "task.execution:\(id)", begin, end: end, status: 1,
                        [
                            KeyValue("eigent.task.id", .string(id)), KeyValue("eigent.worker.id", .string(worker.id)),
                            p,
                            KeyValue("eigent.task.status", .string("completed")),
                            KeyValue("eigent.task.timestamp", .string(iso(end))),
                            KeyValue("eigent.task.parent_id", .string(rootID)),
                            KeyValue("eigent.task.processing_time_seconds", .double(seconds)),
                            KeyValue("eigent.task.quality_score", .int(Int64(60 + rng.below(40)))),
                            KeyValue("eigent.task.token_usage.total_tokens", .int(Int64(300 + rng.below(4000)))),
                        ])
                }
            }
        }
        span(
            "workforce.all_tasks_completed", tick(.milliseconds(1)),
            [
                p, KeyValue("eigent.task.id", .string(rootID)),
                KeyValue("workforce.total_tasks", .int(Int64(ids.count))),
            ])
        // The root ends last and is exported last.
        var root = SpanRecord()
        root.resource = out[0].resource
        root.scope = out[0].scope
        root.traceID = trace
        root.spanID = rootSpan
        root.name = "workforce.execution:\(rootID)"
        root.kind = 1
        root.startTime = start
        root.endTime = tick(.milliseconds(1))
        root.statusCode = 1
        root.flags = 0x100
        root.attributes = [
            KeyValue("langfuse.session.id", .string(project)),
            KeyValue("langfuse.tags", .string("[\"workforce\", \"camel\", \"eigent\"]")), p,
            KeyValue("eigent.task.id", .string(rootID)),
        ]
        out.append(root)
        return out
    }

    private mutating func tick(_ step: Nanoseconds) -> Timestamp {
        clock = clock + step
        return clock
    }

    private mutating func description(_ n: Int) -> String {
        "\(Self.verbs[Int(rng.below(UInt64(Self.verbs.count)))]) \(Self.objects[Int(rng.below(UInt64(Self.objects.count)))]) (part \(n + 1))"
    }

    private mutating func uuid() -> String {
        let a = rng.next()
        let b = rng.next()
        let h = HexCoding.hex(a) + HexCoding.hex(b)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-a" + String(c[17..<20]) + "-"
            + String(c[20..<32])
    }

    private func iso(_ time: Timestamp) -> String {
        // Good enough for generated data: seconds since the epoch split into a date-like string.
        let sinceEpoch = time.since(.epoch)
        let s = sinceEpoch.wholeSeconds
        let micros = sinceEpoch.wholeMicroseconds % 1_000_000
        return "2026-01-01T\(two(s / 3600 % 24)):\(two(s / 60 % 60)):\(two(s % 60)).\(micros)"
    }

    private func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension SplitMix64 {
    fileprivate mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    fileprivate mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
