/// Task facts most tasks never have, kept out of `TaskRecord` (tasks are many: an Eigent
/// subtask emits only ~3 spans). Tasks of plain traces (one per trace) and workforce root
/// tasks get a slot in `TaskTable.rare`; other Eigent subtasks carry none.
struct RareTaskFacts: Sendable {
    // Plain traces.
    private var storedRootDuration = Double.nan
    private var storedCallCost = Double.nan
    var modelFromSpans = StringID.empty
    var agentFromSpans = StringID.empty
    var workerFromSpans = StringID.empty
    var firstError = StringID.empty
    var errorSpans: UInt32 = 0
    /// Some call was priced from a total only (a blended rate).
    var callCostIsEstimate = false
    var projectIsExplicit = false
    // Agent runs (trace tasks of agent traces, and nested runs).
    var runState = RunState.none
    /// The task stands for an agent-run span (not only for the spans around runs).
    var isAgentRun = false
    private var storedEvaluation = Double.nan
    var evaluationLabel = StringID.empty
    var loops: UInt16 = 0
    var truncatedCalls: UInt32 = 0
    var modelMismatches: UInt32 = 0
    // Workforce root tasks (`workforce.execution:*`).
    /// The workforce span's end; unknown as 0, 8 bytes instead of 16 (`workforceEnd`).
    private var storedWorkforceEnd = Timestamp(rawValue: 0)
    var workforceError = StringID.empty
    var workforceFailed = false

    var workforceEnd: Timestamp? {
        get { storedWorkforceEnd.ifSet }
        set { storedWorkforceEnd = newValue ?? Timestamp(rawValue: 0) }
    }

    /// The sum of the task's priced calls: explicit costs where spans carry one, else tokens × price.
    var callCost: Double? {
        get { storedCallCost.isNaN ? nil : storedCallCost }
        set { storedCallCost = newValue ?? .nan }
    }
    /// The latest evaluation score of the run, 0–100.
    var evaluation: Double? {
        get { storedEvaluation.isNaN ? nil : storedEvaluation }
        set { storedEvaluation = newValue ?? .nan }
    }
    var rootDuration: Double? {
        get { storedRootDuration.isNaN ? nil : storedRootDuration }
        set { storedRootDuration = newValue ?? .nan }
    }
}

/// What an agent run's own span said, when the task stands for one.
enum RunState: UInt8, Sendable {
    /// Not an agent run: the task follows the generic trace rules.
    case none
    /// Its spans arrive but its run span has not: it has not ended yet.
    case running
    case completed
    case failed
}

extension TraceStore {
    /// The rare facts of a task (all unset when it has no slot).
    func rareFacts(of task: TaskRecord) -> RareTaskFacts { taskTable.rareFacts(of: task) }

    /// Position of task `t`'s rare facts in `taskTable.rare`, given one first if it has none.
    func rareSlot(_ t: TaskIndex) -> Int { taskTable.rareSlot(t) }
}
