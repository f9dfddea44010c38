import SpanCore

/// A stretch of a timeline row: waiting in the queue, an attempt, or the attempt still running.
public struct TimelineSegment: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case queued, attempt, failedAttempt, running }
    public var kind: Kind
    public var start: Timestamp
    /// nil while it is still going: drawn up to now.
    public var end: Timestamp?
    /// The worker of an attempt, empty when unknown.
    public var worker = StringID.empty
}

/// A row of the task timeline: one task (task lanes) or one worker (worker lanes).
public struct TimelineRow: Equatable, Sendable {
    /// The task (task lanes), or the task of the worker's latest attempt (worker lanes).
    public var task: TaskIndex?
    /// The worker, in worker lanes.
    public var worker: StringID?
    public var segments: [TimelineSegment]
    public var critical: Bool
}

struct TimelineKey: Equatable {
    var project: StringID
    var lanes: Bool
}

extension ViewData {
    /// The rows of a project's timeline, tasks by creation (or workers by name), each with its
    /// queue time and attempts read from the task's spans.
    public func timelineRows(project: StringID, workerLanes: Bool) -> [TimelineRow] {
        cached(&timelineCache, key: TimelineKey(project: project, lanes: workerLanes)) {
            guard let p = store.projects.first(where: { $0.id == project }) else { return [] }
            let attempts = attemptsByTask(p)
            let tasks = store.tasks
            let path = TaskMarks(slots: tasks.count, marking: store.criticalPath(p)?.tasks ?? [])
            // Keys read once: comparing through `store.tasks` would copy a task record per comparison.
            let ordered = p.tasks.map { (TimeOrder(tasks[$0].sortTime), $0) }.sorted(by: <).map(\.1)
            if !workerLanes {
                return ordered.map { t in
                    let task = tasks[t]
                    let own = attempts[t]
                    var segments: [TimelineSegment] = []
                    if let created = task.createdAt {
                        let queueEnd = task.firstAssignedAt ?? own.first?.start
                        if queueEnd.map({ $0 > created }) ?? (task.status == .pending) {
                            segments.reserveCapacity(own.count + 1)
                            segments.append(.init(kind: .queued, start: created, end: queueEnd))
                        }
                    }
                    segments += own
                    return TimelineRow(task: t, worker: nil, segments: segments, critical: path.contains(t))
                }
            }
            var lanes: [StringID: (task: TaskIndex, segments: [TimelineSegment])] = [:]
            for t in ordered {
                for a in attempts[t] where !a.worker.isEmpty {
                    lanes[a.worker, default: (t, [])].segments.append(a)
                    lanes[a.worker]!.task = t
                }
            }
            return lanes.map { worker, lane in
                TimelineRow(task: lane.task, worker: worker, segments: lane.segments, critical: false)
            }.sorted { (workerName($0.worker!), $0.worker!) < (workerName($1.worker!), $1.worker!) }
        }
    }

    /// Each task's attempts from its `task.execution:*` spans, plus the running one: assigned
    /// after its latest finished attempt, not exported until it ends.
    private func attemptsByTask(_ p: ProjectRecord) -> TaskAttempts {
        // One flat list sorted once, then cut per task: no array per task while scanning.
        var flat: [(task: TaskIndex, segment: TimelineSegment)] = []
        var seenTraces = Set<TraceID>()
        var lastTrace: TraceID?
        let tasks = store.tasks
        for t in p.tasks {
            let traceID = tasks[t].traceID
            // A workforce's tasks come one after another: most repeat the trace just read.
            guard traceID != lastTrace else { continue }
            lastTrace = traceID
            guard seenTraces.insert(traceID).inserted, let trace = store.trace(traceID) else { continue }
            for i in trace.spans.indices {
                guard let a = store.executionAttempt(trace, span: i), let task = p.taskIndex[a.task] else { continue }
                let span = trace.spans[i]
                let kind: TimelineSegment.Kind = a.failed ? .failedAttempt : .attempt
                flat.append((task, .init(kind: kind, start: span.startTime, end: span.endTime, worker: a.worker)))
            }
        }
        for t in p.tasks {
            let task = tasks[t]
            // An agent run is one attempt: its run span, by its agent.
            if store.isAgentRun(t), let created = task.createdAt {
                let end = task.processingSeconds.map { created + .seconds($0) }
                let kind: TimelineSegment.Kind =
                    task.status == .running ? .running : task.status == .failed ? .failedAttempt : .attempt
                let worker = task.workerOrAgent
                flat.append((t, .init(kind: kind, start: created, end: end, worker: worker)))
                continue
            }
            if let since = task.runningSince {
                flat.append((t, .init(kind: .running, start: since, end: nil, worker: task.workerID)))
            }
        }
        flat.sort { ($0.task, $0.segment.start) < ($1.task, $1.segment.start) }
        return TaskAttempts(sorted: flat, slots: tasks.count)
    }
}
