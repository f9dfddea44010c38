extension TraceStore {
    /// Recomputes a task's status, times, cost and error from its accumulated facts.
    func derive(_ t: TaskIndex) {
        var task = tasks[t]
        let rare = rareFacts(of: task)
        switch task.source {
        case .eigent: deriveEigent(&task, rare)
        case .trace, .run: deriveTrace(&task, rare)
        }
        deriveCost(&task, rare)
        tasks[t] = task
    }

    private func deriveEigent(_ task: inout TaskRecord, _ rare: RareTaskFacts) {
        let latest = task.latestAttempt
        if let a = latest, task.lastAssignedAt.map({ $0 <= a.start }) ?? true {
            task.status = a.failed ? .failed : .completed
        } else if task.lastAssignedAt != nil {
            // Assigned again after its latest finished attempt (or never finished one): a
            // running attempt is not exported until it ends.
            task.status = .running
        } else if let a = latest {
            task.status = a.failed ? .failed : .completed
        } else if rare.workforceEnd != nil {
            task.status = rare.workforceFailed ? .failed : .completed
        } else if task.children.contains(where: { tasks[$0].lastAssignedAt != nil || tasks[$0].attempts > 0 }) {
            task.status = .running
        } else {
            task.status = .pending
        }
        task.workerID = !task.lastAssignedWorker.isEmpty ? task.lastAssignedWorker : latest?.worker ?? .empty
        let info = workerTable.info[task.workerID]
        task.agent = info?.agent ?? .empty
        task.model = info?.model ?? .empty
        if let q = task.firstAssignmentQueue {
            task.queueSeconds = q
        } else if let assigned = task.firstAssignedAt, let created = task.createdAt, assigned >= created {
            task.queueSeconds = assigned.since(created).seconds
        } else {
            task.queueSeconds = nil
        }
        // Processing time and quality are the latest attempt's, stored with it.
        switch task.status {
        case .failed:
            task.error = latest?.failed == true ? latest!.error : rare.workforceError
        default:
            task.error = .empty
        }
    }

    private func deriveTrace(_ task: inout TaskRecord, _ rare: RareTaskFacts) {
        switch rare.runState {
        case .none: task.status = rare.errorSpans > 0 ? .failed : .completed
        case .running: task.status = .running
        case .completed: task.status = .completed
        case .failed: task.status = .failed
        }
        task.processingSeconds = rare.rootDuration
        task.queueSeconds = nil
        task.quality = rare.evaluation
        task.error = task.status == .failed ? rare.firstError : .empty
        task.model = rare.modelFromSpans
        task.agent = rare.agentFromSpans
        task.workerID = rare.workerFromSpans
        task.attempts = 1
    }

    /// Trace tasks sum their calls' costs. Eigent tasks report tokens per task (often only a
    /// total): they are priced at the worker's model, a total at a blended rate (an estimate).
    private func deriveCost(_ task: inout TaskRecord, _ rare: RareTaskFacts) {
        task.cost = rare.callCost
        task.costIsEstimate = rare.callCost != nil && rare.callCostIsEstimate
        // Priced when the latest attempt ended, else when the task began (a task with tokens
        // has had a span, so it has a time).
        guard task.source == .eigent, task.tokens.seen, !task.model.isEmpty,
            let pricer = pricer(model: task.model, provider: .empty),
            let pricedAt = task.latestAttempt?.end ?? task.sortTime
        else { return }
        let u = task.tokens
        guard
            let (cost, estimated) = pricer.cost(
                of: CallUsage(input: u.input, output: u.output), unsplit: u.unsplit, at: pricedAt, perCall: false)
        else { return }
        task.cost = (task.cost ?? 0) + cost
        task.costIsEstimate = task.costIsEstimate || estimated
    }
}
