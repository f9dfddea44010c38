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
            if let p = projectTable.position(of: task.project) {
                projectIDs.insert(task.project)
                if projectTable.records[p].taskIndex[task.id] == t {
                    projectTable.records[p].taskIndex[task.id] = nil
                    projectTable.records[p].evictedTasks += 1
                    statistics.evictedTasks += 1
                }
            }
            if !task.lastAssignedWorker.isEmpty { workerIDs.insert(task.lastAssignedWorker) }
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
            taskTable.remove(t)
        }
        for id in projectIDs {
            guard let p = projectTable.position(of: id) else { continue }
            projectTable.records[p].tasks.removeAll { gone.contains($0) }
            projectTable.records[p].failedAttempts.removeAll { gone.contains($0.task) }
        }
        workerTable.forget(gone, of: workerIDs)
        // By id: dropping a summary shifts the slots above it.
        for id in projectIDs {
            if let p = projectTable.position(of: id), projectTable.records[p].isSummary { summarise(p) }
        }
    }

    /// Shrinks a project with nothing left but totals to its summary; counts a project the
    /// table drops beyond `maxProjects`.
    func summarise(_ p: Int) {
        if projectTable.summarise(p) { statistics.droppedProjects += 1 }
    }

    /// A summarised project that gets tasks or log lines again is a live project again.
    func revive(_ p: Int) { projectTable.revive(p) }
}
