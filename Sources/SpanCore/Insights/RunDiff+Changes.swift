extension RunDiff {
    /// One thing that changed about a task, in the order the tags are listed.
    public enum Change: UInt8, CaseIterable, Sendable {
        case newlyFailed, fixed, slower, faster, costlier, cheaper, moreAttempts, added, removed

        /// The tag as JSON and the table write it.
        public var name: String {
            switch self {
            case .newlyFailed: return "newly_failed"
            case .fixed: return "fixed"
            case .slower: return "slower"
            case .faster: return "faster"
            case .costlier: return "costlier"
            case .cheaper: return "cheaper"
            case .moreAttempts: return "more_attempts"
            case .added: return "added"
            case .removed: return "removed"
            }
        }

        /// Tags of what got worse, most serious first (the table's order).
        public static let worse: [Change] = [.newlyFailed, .slower, .costlier, .moreAttempts, .removed]
        /// Tags of what got better, in the table's order.
        public static let better: [Change] = [.fixed, .faster, .cheaper]
    }

    /// Where a change starts counting. Both conditions must hold, and both are inclusive.
    public enum Threshold {
        /// Slower: at least 1.5× the processing time and at least 1 s more (faster: the reverse).
        public static let timeRatio = 1.5
        public static let timeSeconds = 1.0
        /// Costlier: at least 1.25× the cost and at least $0.001 more (cheaper: the reverse).
        public static let costRatio = 1.25
        public static let costUSD = 0.001
    }

    /// The set of changes of one task pair.
    public struct Changes: OptionSet, Sendable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public init(_ change: Change) { rawValue = 1 << change.rawValue }

        public static let added = Changes(.added)
        public static let removed = Changes(.removed)

        public func contains(_ change: Change) -> Bool { contains(Changes(change)) }

        /// The tags in their fixed order.
        public var list: [Change] { Change.allCases.filter { contains($0) } }

        /// What changed from `before` to `after` (either may be missing: added / removed).
        public init(before: TaskFigures?, after: TaskFigures?) {
            self.init(rawValue: 0)
            guard let before else {
                if after != nil { insert(.added) }
                return
            }
            guard let after else {
                insert(.removed)
                return
            }
            if before.status != .failed && after.status == .failed { insert(Changes(.newlyFailed)) }
            if before.status == .failed && after.status == .completed { insert(Changes(.fixed)) }
            // Times compare only between two finished runs: a failure's time says how soon it
            // gave up, not how fast the task is.
            if before.status == .completed, after.status == .completed,
                let b = before.processingSeconds, let a = after.processingSeconds
            {
                if Self.grew(b, a, ratio: Threshold.timeRatio, by: Threshold.timeSeconds) { insert(Changes(.slower)) }
                if Self.grew(a, b, ratio: Threshold.timeRatio, by: Threshold.timeSeconds) { insert(Changes(.faster)) }
            }
            if let b = before.cost, let a = after.cost {
                if Self.grew(b, a, ratio: Threshold.costRatio, by: Threshold.costUSD) { insert(Changes(.costlier)) }
                if Self.grew(a, b, ratio: Threshold.costRatio, by: Threshold.costUSD) { insert(Changes(.cheaper)) }
            }
            if after.attempts > before.attempts { insert(Changes(.moreAttempts)) }
        }

        /// `to` is at least `ratio` × `from` and at least `by` more. A relative tolerance of 1e-9
        /// keeps decimal values at the edge (0.004 → 0.005 dollars) on the inclusive side.
        static func grew(_ from: Double, _ to: Double, ratio: Double, by: Double) -> Bool {
            let tolerance = 1e-9
            return to >= from * ratio * (1 - tolerance) && to - from >= by * (1 - tolerance)
        }
    }
}
