import SpanCore

/// The top-level screens, reachable with `tab` and the number keys.
public enum Tab: Int, CaseIterable, Sendable {
    case overview, tasks, workers, failures, forwarding, models

    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .tasks: return "Tasks"
        case .workers: return "Workers"
        case .failures: return "Failures"
        case .forwarding: return "Forward"
        case .models: return "Models"
        }
    }
}

/// A selected row and the first visible row of a list.
public struct ListPosition: Equatable, Sendable {
    public var selected = 0
    public var top = 0
    public init() {}
}

/// Columns the task tree can sort by (`s` cycles through them).
public enum TaskSort: Int, CaseIterable, Sendable {
    case time, status, id, worker, model, attempts, queue, processing, tokens, cost, quality

    public var title: String {
        switch self {
        case .time: return "time"
        case .status: return "status"
        case .id: return "task"
        case .worker: return "worker"
        case .model: return "model"
        case .attempts: return "attempts"
        case .queue: return "queue"
        case .processing: return "processing"
        case .tokens: return "tokens"
        case .cost: return "cost"
        case .quality: return "quality"
        }
    }
}

/// The task tree's own state: which project, what is folded, sort, filter and search.
public struct TaskTreeState: Equatable, Sendable {
    /// Interned project id; nil picks the first project.
    public var project: StringID?
    public var collapsed: Set<TaskIndex> = []
    public var sort: TaskSort = .time
    public var descending = false
    /// Only tasks with this status (and their ancestors) are shown.
    public var filter: TaskStatus?
    public var search = ""
    /// Only tasks whose conversations contain this text (and their ancestors) are shown.
    public var contentSearch = ""
    public var position = ListPosition()
    public init() {}
}

/// What a waterfall shows: the spans of one task, or a whole trace.
public enum WaterfallTarget: Equatable, Sendable {
    case task(TaskIndex)
    case trace(TraceID)
}

/// A page opened on top of the tabs with `enter`, closed with `esc`.
public enum Drill: Equatable, Sendable {
    case waterfall(WaterfallTarget, ListPosition)
    /// A project's tasks (or its workers) on one time axis.
    case timeline(project: StringID, workerLanes: Bool, ListPosition)
    case detail(trace: TraceID, span: UInt64, scroll: Int)
    /// A conversation: a task's, or one model call's.
    case transcript(TranscriptPage)
}

/// Whose conversation a transcript page shows.
public enum TranscriptSubject: Hashable, Sendable {
    case task(TaskIndex)
    /// One model call alone (from the span detail).
    case call(trace: TraceID, span: UInt64)
}

/// A conversation page: long texts folded unless `unfolded`; `search` is the text `/` looks for.
public struct TranscriptPage: Equatable, Sendable {
    public var subject: TranscriptSubject
    public var scroll = 0
    public var unfolded = false
    public var search = ""

    public init(_ subject: TranscriptSubject, scroll: Int = 0) {
        self.subject = subject
        self.scroll = scroll
    }
}

/// What the open prompt types into.
public enum PromptTarget: Equatable, Sendable {
    /// The task tree's id and description search.
    case taskSearch
    /// The task tree's search of what the agents said.
    case contentSearch
    /// The open conversation page.
    case transcriptSearch
}

/// Everything the screen shows that is not in the store.
public struct AppState: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var tab: Tab = .overview
    public var drills: [Drill] = []
    public var showHelp = false
    /// The search text being typed, while the prompt is open.
    public var prompt: String?
    public var promptTarget = PromptTarget.taskSearch
    public var notice: String?
    /// When the notice goes away.
    public var noticeUntil: Timestamp?
    /// The wall clock at the last tick, for live elapsed times; nil before the first.
    public var now: Timestamp?
    public var overview = ListPosition()
    public var tasks = TaskTreeState()
    public var workers = ListPosition()
    /// The Workers tab lists tools (calls, errors, p95, offered) instead of workers.
    public var showTools = false
    public var failures = ListPosition()
    public var forwarding = ListPosition()
    public var models = ListPosition()
    public var feed: FeedStatus
    /// Spans per second, one sample per second, newest last.
    public var throughput: [Double] = []
    /// Per-project limits; a project over one is drawn in the alarm style.
    public var budget = Budget()
    /// Each project's known cost, sampled once a second for its burn rate, oldest first.
    public var costSamples: [StringID: [CostSample]] = [:]
    public var quitting = false

    public init(width: Int, height: Int, feed: FeedStatus) {
        self.width = width
        self.height = height
        self.feed = feed
    }

    /// The view keys go to: the top drill, else the tab.
    public var view: ViewID {
        switch drills.last {
        case .waterfall?: return .waterfall
        case .timeline?: return .timeline
        case .detail?: return .detail
        case .transcript?: return .transcript
        case nil:
            switch tab {
            case .overview: return .overview
            case .tasks: return .tasks
            case .workers: return .workers
            case .failures: return .failures
            case .forwarding: return .forwarding
            case .models: return .models
            }
        }
    }

    /// Smallest size the layout supports; below it the screen says so.
    public static let minimumWidth = 60
    public static let minimumHeight = 15
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

/// Each view has its own key table.
public enum ViewID: String, CaseIterable, Sendable {
    case overview, tasks, workers, failures, forwarding, models, waterfall, timeline, detail, transcript

    /// A page that scrolls, with no selection.
    var isPage: Bool { self == .detail || self == .transcript }
}

/// A project's cost at a moment (feed clock).
public struct CostSample: Equatable, Sendable {
    public var time: Timestamp
    public var cost: Double
}

extension AppState {
    /// Window of the burn rate.
    static let burnWindow = Nanoseconds.seconds(300)
    /// Samples spanning less than this give no burn rate.
    static let burnMinimum = Nanoseconds.seconds(10)
    /// How long a notice stays in the status line.
    static let noticeShown = Nanoseconds.seconds(5)

    /// USD per minute over the last five minutes of samples; nil with under 10 s of them.
    public func burnRate(_ project: StringID) -> Double? {
        guard let samples = costSamples[project], let last = samples.last, let first = samples.first,
            last.time.since(first.time) >= Self.burnMinimum
        else { return nil }
        return max(0, last.cost - first.cost) / last.time.since(first.time).minutes
    }
}
