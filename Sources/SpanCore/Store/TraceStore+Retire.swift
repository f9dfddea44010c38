extension TraceStore {
    /// Frees tasks no live trace refers to: their slots, index entries, failed attempts and
    /// dependencies. What they added to their project's and worker's aggregates stays, so
    /// totals still count them.
    func retireTasks(_ retired: [TaskIndex]) {
        guard !retired.isEmpty else { return }
        let gone = Set(retired)
        var projectIDs: Set<StringID> = []
        var workerIDs: Set<StringID> = []
        for t in retired {
            let task = tasks[t]
            if let p = projectIndex[task.project] {
                projectIDs.insert(task.project)
                if projects[p].taskIndex[task.id] == t {
                    projects[p].taskIndex[task.id] = nil
                    projects[p].evictedTasks += 1
                    statistics.evictedTasks += 1
                }
            }
            if !task.lastAssignedWorker.isEmpty { workerIDs.insert(task.lastAssignedWorker) }
            dependencies[t] = nil
            if !task.parentID.isEmpty {
                let key = OrphanKey(project: task.project, parent: task.parentID)
                if let parent = taskIndex(project: task.project, id: task.parentID) {
                    if !gone.contains(parent) { tasks[parent].children.removeAll { $0 == t } }
                } else if var waiting = orphanChildren[key] {
                    waiting.removeAll { $0 == t }
                    orphanChildren[key] = waiting.isEmpty ? nil : waiting
                }
            }
            // Subtasks still alive wait for their parent again, should it come back.
            for c in task.children where !gone.contains(c) {
                orphanChildren[OrphanKey(project: task.project, parent: task.id), default: []].append(c)
            }
            releaseRareSlot(t)
            tasks[t] = TaskRecord(source: .trace, project: .empty, id: .empty, traceID: .zero)
            freeTasks.append(t)
        }
        for id in projectIDs {
            guard let p = projectIndex[id] else { continue }
            projects[p].tasks.removeAll { gone.contains($0) }
            projects[p].failedAttempts.removeAll { gone.contains($0.task) }
        }
        for w in workerIDs {
            guard var list = tasksByWorker[w] else { continue }
            list.removeAll { gone.contains($0) }
            tasksByWorker[w] = list.isEmpty ? nil : list
        }
        // By id: dropping a summary shifts the slots above it.
        for id in projectIDs {
            if let p = projectIndex[id], projects[p].isSummary { summarise(p) }
        }
    }

    /// Shrinks a project with nothing left but totals to its summary, then keeps at most
    /// `maxProjects` summaries, dropping those seen longest ago.
    func summarise(_ p: Int) {
        guard !projects[p].isSummaryCounted else { return }
        projects[p].taskIndex = [:]
        projects[p].tasks = []
        projects[p].logs = []
        projects[p].failedAttempts = []
        projects[p].isSummaryCounted = true
        summaryCount += 1
        guard summaryCount > maxProjects else { return }
        var oldest: Int?
        for i in projects.indices where projects[i].isSummaryCounted {
            if oldest.map({ Self.isEarlier(projects[i].lastSeen, than: projects[$0].lastSeen) }) ?? true { oldest = i }
        }
        guard let drop = oldest else { return }
        projects.remove(at: drop)
        projectIndex = Dictionary(uniqueKeysWithValues: projects.indices.map { (projects[$0].id, $0) })
        summaryCount -= 1
        statistics.droppedProjects += 1
        projectLayout += 1
    }

    /// A summarised project that gets tasks or log lines again is a live project again.
    func revive(_ p: Int) {
        guard projects[p].isSummaryCounted else { return }
        projects[p].isSummaryCounted = false
        summaryCount -= 1
    }
}

extension TraceStore {
    /// Whether `a` comes before `b`, a project never seen (nil) before any seen one.
    fileprivate static func isEarlier(_ a: Timestamp?, than b: Timestamp?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return a < b
    }
}
