/// The chain of tasks that decided when a workforce finished: the task that ended last, the
/// dependency of it that ended last, and so on back to the start.
public struct CriticalPath: Equatable, Sendable {
    /// First → last.
    public var tasks: [TaskIndex]
    /// From the first path task's creation to the last one's end.
    public var seconds: Double
}

extension TraceStore {
    /// The critical path of a project's tasks: among the tasks that ran (were assigned and have
    /// a finished attempt) the one that ended last, then repeatedly the dependency
    /// (`eigent.task.dependencies`) of the current task that ended last. nil while no task has
    /// finished an attempt.
    public func criticalPath(_ project: ProjectRecord) -> CriticalPath? {
        func ran(_ t: TaskIndex) -> Timestamp? {
            let task = tasks[t]
            guard task.firstAssignedAt != nil || task.lastAssignedAt != nil else { return nil }
            return task.endTime
        }
        func lastEnded(_ candidates: [TaskIndex]) -> TaskIndex? {
            var best: (end: Timestamp, task: TaskIndex)?
            for t in candidates {
                guard let end = ran(t) else { continue }
                if best == nil || (end, t) > (best!.end, best!.task) { best = (end, t) }
            }
            return best?.task
        }
        guard var current = lastEnded(project.tasks) else { return agentCriticalPath(project) }
        var path = [current]
        var seen: Set<TaskIndex> = [current]
        while let deps = dependencies[current] {
            let candidates = deps.compactMap { project.taskIndex[$0] }.filter { !seen.contains($0) }
            guard let next = lastEnded(candidates) else { break }
            path.append(next)
            seen.insert(next)
            current = next
        }
        path.reverse()
        // From the first task's creation (else its first span) to the last one's end.
        let start = tasks[path[0]].sortTime
        let end = tasks[path[path.count - 1]].endTime ?? start
        let seconds = start.flatMap { s in end.map { $0.since(s).seconds } } ?? 0
        return CriticalPath(tasks: path, seconds: seconds)
    }
}

extension TraceStore {
    /// The critical path of agent runs, which call each other and wait: the root run that
    /// ended last, then the nested run it waited for that ended last, and so on down.
    func agentCriticalPath(_ project: ProjectRecord) -> CriticalPath? {
        func end(_ t: TaskIndex) -> Timestamp? {
            let task = tasks[t]
            guard rareFacts(of: task).isAgentRun, task.status != .running, let p = task.processingSeconds,
                let created = task.createdAt
            else { return nil }
            return created + .seconds(p)
        }
        func lastEnded(_ candidates: [TaskIndex]) -> TaskIndex? {
            var best: (end: Timestamp, task: TaskIndex)?
            for t in candidates {
                guard let e = end(t) else { continue }
                if best == nil || (e, t) > (best!.end, best!.task) { best = (e, t) }
            }
            return best?.task
        }
        guard var current = lastEnded(project.tasks.filter { tasks[$0].parentID.isEmpty }) else { return nil }
        var path = [current]
        while let next = lastEnded(tasks[current].children), !path.contains(next) {
            path.append(next)
            current = next
        }
        return CriticalPath(tasks: path, seconds: tasks[path[0]].processingSeconds ?? 0)
    }
}
