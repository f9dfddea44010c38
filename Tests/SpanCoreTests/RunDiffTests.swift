import Foundation
import Testing

@testable import SpanCore

/// `spantop diff`: pairing projects and tasks of two runs, and the change tags.
struct RunDiffTests {
    /// One task of a generated Eigent run.
    struct RunTask {
        var id: String
        var description: String
        var parent: String? = nil
        var status: TaskStatus = .completed
        /// The latest attempt's processing time.
        var processing: Double? = 2
        /// The latest attempt's prompt tokens; each costs $0.0001 at the test price.
        var tokens: Int64? = nil
        var attempts = 1
        var quality: Double? = nil
    }

    /// Spans of one Eigent run of `project`: one task created every 10 s from `start`, in list
    /// order. Pending tasks are only created; running ones are assigned after `attempts` failed
    /// attempts; finished ones end with their status after `attempts - 1` failed attempts. Every
    /// attempt takes `processing`; the last one carries the tokens and the quality.
    static func run(_ project: String, start: Double = 0, trace: UInt64, _ tasks: [RunTask]) -> [SpanRecord] {
        var b = SpanBuilder()
        b.trace = TraceID(high: trace, low: trace)
        var next = trace << 32
        func span(_ name: String, _ start: Double, end: Double? = nil, status: UInt8 = 0, _ a: [String: AttributeValue])
        {
            next += 1
            b.span(name, start: start, end: end, status: status, id: SpanID(next), a)
        }
        let worker = AttributeValue.string("w-\(project)")
        let p = AttributeValue.string(project)
        span("worker.created", start, ["eigent.worker.id": worker, "eigent.worker.model.type": "diff-model"])
        for (i, t) in tasks.enumerated() {
            let t0 = start + Double(i) * 10
            var created: [String: AttributeValue] = [
                "eigent.task.id": .string(t.id), "eigent.project.id": p,
                "eigent.task.description": .string(t.description),
            ]
            if let parent = t.parent { created["eigent.task.parent_id"] = .string(parent) }
            span("task.created", t0, created)
            let attempt = [
                "eigent.task.id": AttributeValue.string(t.id), "eigent.project.id": p, "eigent.worker.id": worker,
            ]
            let finished = t.status == .completed || t.status == .failed
            let executions = t.status == .pending ? 0 : t.attempts
            for k in 0..<executions {
                let at = t0 + 1 + Double(k) * 2
                span("task.assigned", at, attempt)
                let last = finished && k == executions - 1
                let failed = !last || t.status == .failed
                var a = attempt
                a["eigent.task.status"] = failed ? "failed" : "completed"
                if let s = t.processing { a["eigent.task.processing_time_seconds"] = .double(s) }
                if last {
                    if let n = t.tokens {
                        a["eigent.task.token_usage.prompt_tokens"] = .int(n)
                        a["eigent.task.token_usage.completion_tokens"] = 0
                    }
                    if let q = t.quality { a["eigent.task.quality_score"] = .double(q) }
                }
                span(
                    "task.execution:\(t.id)", at + 0.2, end: at + 1, status: failed ? StatusCode.error : StatusCode.ok,
                    a)
            }
            if t.status == .running { span("task.assigned", t0 + 1 + Double(executions) * 2, attempt) }
        }
        return b.records
    }

    /// A store holding `runs`, with "diff-model" at $100 per 1M tokens ($0.0001 a token).
    static func store(_ runs: [SpanRecord]...) -> TraceStore {
        let prices = try! PricingFile.parse("[models.\"diff-model\"]\ninput = 100\noutput = 100\n")
        let store = TraceStore(prices: PriceTable(overrides: prices))
        var batch = SpanBatch()
        batch.append(records: runs.flatMap { $0 })
        store.ingest(batch)
        return store
    }

    /// `text` with runs of spaces as one, to read table rows without their padding.
    static func squeezed(_ text: String) -> String {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.joined(separator: "\n")
    }

    /// Before id → after id ("-" for removed, "+id" for added) of the first pair.
    static func partners(_ diff: RunDiff) -> [String: String] {
        var out: [String: String] = [:]
        for t in diff.pairs[0].tasks {
            if let b = t.before { out[b.id] = t.after?.id ?? "-" } else { out["+" + t.after!.id] = "+" }
        }
        return out
    }

    @Test func tasksPairByDescriptionAndRepeatsInOrderOfCreation() throws {
        let before = Self.store(
            Self.run(
                "p", trace: 1,
                [
                    RunTask(id: "r", description: "Ship release"),
                    RunTask(id: "a1", description: "Run tests", parent: "r", processing: 2),
                    RunTask(id: "a2", description: "Run tests", parent: "r", processing: 4),
                    RunTask(id: "c", description: "Write notes", parent: "r"),
                    RunTask(id: "a3", description: "Run tests", parent: "r"),
                ]))
        let after = Self.store(
            Self.run(
                "p", trace: 2,
                [
                    RunTask(id: "R", description: "Ship release"),
                    RunTask(id: "x0", description: "Write notes", parent: "R"),
                    RunTask(id: "x1", description: "Run tests", parent: "R", processing: 2),
                    RunTask(id: "x2", description: "Run tests", parent: "R", processing: 4),
                ]))
        let diff = try RunDiff(before: before, after: after)
        #expect(Self.partners(diff) == ["r": "R", "a1": "x1", "a2": "x2", "c": "x0", "a3": "-"])
        let removed = diff.pairs[0].tasks.first { $0.before?.id == "a3" }
        #expect(removed?.changes.list == [.removed])
        #expect(removed?.description == "Run tests")
        #expect(diff.pairs[0].tasks.filter { $0.changes.isEmpty }.count == 4, "same figures: no tags")
    }

    @Test func unmatchedTasksPairByPositionUnderPairedParents() throws {
        let before = Self.store(
            Self.run(
                "p", trace: 1,
                [
                    RunTask(id: "r", description: "Plan a trip to Rome"),
                    RunTask(id: "f", description: "Find flights", parent: "r"),
                    RunTask(id: "h", description: "Book hotel", parent: "r"),
                    RunTask(id: "g", description: "Compare fares", parent: "f"),
                ]))
        let after = Self.store(
            Self.run(
                "p", trace: 2,
                [
                    RunTask(id: "R", description: "Plan a trip to Lisbon"),
                    RunTask(id: "F", description: "Search flights", parent: "R", processing: 5),
                    RunTask(id: "H", description: "Book hotel", parent: "R"),
                    RunTask(id: "G", description: "Compare airline fares", parent: "F"),
                    RunTask(id: "N", description: "Rent a car", parent: "R"),
                ]))
        let diff = try RunDiff(before: before, after: after)
        // Top-level tasks pair by position too (the projects are paired), and pairs made by
        // position pair their own subtasks.
        #expect(Self.partners(diff) == ["r": "R", "f": "F", "h": "H", "g": "G", "+N": "+"])
        let flights = try #require(diff.pairs[0].tasks.first { $0.before?.id == "f" })
        #expect(flights.description == "Search flights", "the after run's description")
        #expect(diff.pairs[0].tasks.last?.changes.list == [.added])
        #expect(flights.changes.list == [.slower])
        #expect(diff.table().contains("Search flights (was: Find flights)"))
    }

    /// Each task pairs by its description; its figures before and after, and the tags expected.
    static let tagCases: [(name: String, before: RunTask, after: RunTask, tags: [RunDiff.Change])] = {
        func t(
            _ status: TaskStatus = .completed, _ processing: Double? = 2, tokens: Int64? = nil, attempts: Int = 1
        ) -> RunTask {
            RunTask(id: "", description: "", status: status, processing: processing, tokens: tokens, attempts: attempts)
        }
        return [
            ("completed then failed", t(), t(.failed), [.newlyFailed]),
            // Attempts 0 → 1 are more attempts too (the tag compares counts).
            ("pending then failed", t(.pending), t(.failed), [.newlyFailed, .moreAttempts]),
            ("failed then completed", t(.failed), t(), [.fixed]),
            ("failed both times", t(.failed), t(.failed), []),
            ("failed then running again", t(.failed), t(.running), []),
            ("1.5x and 1 s slower", t(.completed, 2), t(.completed, 3), [.slower]),
            ("1.5x but under 1 s slower", t(.completed, 1), t(.completed, 1.5), []),
            ("4 s but under 1.5x slower", t(.completed, 10), t(.completed, 14), []),
            ("1.5x and 1 s faster", t(.completed, 3), t(.completed, 2), [.faster]),
            ("1.5x but under 1 s faster", t(.completed, 1.5), t(.completed, 1), []),
            ("unknown time before", t(.pending, nil), t(.completed, 10), [.moreAttempts]),
            ("1.25x and $0.001 costlier", t(tokens: 40), t(tokens: 50), [.costlier]),
            // $0.0032 → $0.0042 is $0.001 more, though 0.0042 - 0.0032 is 0.00099999… in doubles.
            ("$0.001 in decimals costlier", t(tokens: 32), t(tokens: 42), [.costlier]),
            ("$0.001 in decimals cheaper", t(tokens: 42), t(tokens: 32), [.cheaper]),
            ("2x but under $0.001 costlier", t(tokens: 4), t(tokens: 8), []),
            ("$0.0024 but under 1.25x costlier", t(tokens: 100), t(tokens: 124), []),
            ("1.25x and $0.001 cheaper", t(tokens: 50), t(tokens: 40), [.cheaper]),
            ("unknown cost before", t(), t(tokens: 1000), []),
            ("more attempts", t(attempts: 1), t(attempts: 3), [.moreAttempts]),
            ("fewer attempts", t(attempts: 3), t(attempts: 1), []),
            (
                "everything worse", t(.completed, 2, tokens: 40), t(.failed, 3, tokens: 50, attempts: 2),
                [.newlyFailed, .costlier, .moreAttempts]
            ),
            (
                "everything better", t(.failed, 3, tokens: 50), t(.completed, 2, tokens: 40),
                [.fixed, .cheaper]
            ),
            ("slower but failed before", t(.failed, 2), t(.completed, 30), [.fixed]),
            ("faster but failed after", t(.completed, 30), t(.failed, 2), [.newlyFailed]),
            ("slower while still running", t(.completed, 2), t(.running, 30), []),
        ]
    }()

    @Test func changeTagsAndTheirThresholds() throws {
        var before: [RunTask] = []
        var after: [RunTask] = []
        for (i, c) in Self.tagCases.enumerated() {
            var b = c.before
            (b.id, b.description) = ("b\(i)", c.name)
            var a = c.after
            (a.id, a.description) = ("a\(i)", c.name)
            before.append(b)
            after.append(a)
        }
        let diff = try RunDiff(
            before: Self.store(Self.run("p", trace: 1, before)), after: Self.store(Self.run("p", trace: 2, after)))
        let tags = Dictionary(uniqueKeysWithValues: diff.pairs[0].tasks.map { ($0.description, $0.changes.list) })
        for c in Self.tagCases {
            #expect(tags[c.name] == c.tags, "\(c.name)")
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(diff.json().utf8)) as? [String: Any])
        let tasks = try #require(((json["pairs"] as? [[String: Any]])?.first?["tasks"]) as? [[String: Any]])
        let worst = tasks.first { $0["description"] as? String == "everything worse" }
        #expect(worst?["change"] as? [String] == ["newly_failed", "costlier", "more_attempts"])
    }

    @Test func unknownValuesAreNullAndTotalsSideBySide() throws {
        let before = Self.store(
            Self.run(
                "p", start: 100, trace: 1,
                [
                    RunTask(id: "r", description: "Root", processing: 5, quality: 80),
                    RunTask(id: "w", description: "Waits", parent: "r"),
                ]))
        let after = Self.store(
            Self.run(
                "p", start: 100, trace: 2,
                [
                    RunTask(id: "r", description: "Root", status: .failed, processing: 5, tokens: 20, quality: 40),
                    RunTask(id: "w", description: "Waits", parent: "r", status: .pending),
                    RunTask(id: "n", description: "New", parent: "r", status: .pending),
                ]))
        let diff = try RunDiff(before: before, after: after)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.json().utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let pair = try #require((json["pairs"] as? [[String: Any]])?.first)
        let totals = try #require(pair["totals"] as? [String: [String: Any]])
        #expect(totals["before"]?["tasks"] as? Int == 2 && totals["after"]?["tasks"] as? Int == 3)
        #expect(totals["before"]?["failed"] as? Int == 0 && totals["after"]?["failed"] as? Int == 1)
        #expect(totals["before"]?["tokens"] is NSNull, "no task had tokens: unknown, not 0")
        #expect(totals["before"]?["cost_usd"] is NSNull)
        #expect(totals["after"]?["tokens"] as? Int == 20)
        #expect(totals["after"]?["cost_usd"] as? Double == 0.002)
        #expect(totals["before"]?["quality_avg"] as? Double == 80)
        // Task "w" is created at 110 and its attempt ends at 112; the run starts at 100.
        #expect(totals["before"]?["makespan_s"] as? Double == 12)
        #expect(totals["after"]?["makespan_s"] as? Double == 20, "the pending last task was created at 120")
        #expect(Set(totals["before"]!.keys) == ["tasks", "failed", "makespan_s", "tokens", "cost_usd", "quality_avg"])

        let tasks = try #require(pair["tasks"] as? [[String: Any]])
        let waits = try #require(tasks.first { $0["description"] as? String == "Waits" })
        let pending = try #require(waits["after"] as? [String: Any])
        #expect(Set(pending.keys) == ["id", "status", "attempts", "processing_s", "tokens", "cost_usd", "quality"])
        #expect(pending["status"] as? String == "pending")
        for key in ["processing_s", "tokens", "cost_usd", "quality"] { #expect(pending[key] is NSNull, "\(key)") }
        #expect(waits["change"] as? [String] == [], "completed → pending is not a tagged change")
        let added = try #require(tasks.first { $0["description"] as? String == "New" })
        #expect(added["before"] is NSNull)
        #expect(added["change"] as? [String] == ["added"])
        #expect(json["unpaired"] as? [String: [String]] == ["before": [], "after": []])

        let table = Self.squeezed(diff.table())
        #expect(table.contains("failed 0 1 +1"))
        #expect(table.contains("tokens — 20 —"))
        #expect(table.contains("makespan 12.0s 20.0s +8.0s"))
        #expect(table.contains("quality 80.0 40.0 -40.0"))
    }

    /// Before: alpha (first span at 0), beta (100). After: zeta (5), eta (50), theta (500).
    static func projects() -> (TraceStore, TraceStore) {
        let one = [RunTask(id: "t", description: "Only task")]
        let before = Self.store(
            Self.run("beta", start: 100, trace: 1, one), Self.run("alpha", start: 0, trace: 2, one))
        let after = Self.store(
            Self.run("theta", start: 500, trace: 3, one), Self.run("zeta", start: 5, trace: 4, one),
            Self.run("eta", start: 50, trace: 5, one))
        return (before, after)
    }

    @Test func projectsPairInOrderOfTheirFirstSpan() throws {
        let (before, after) = Self.projects()
        let diff = try RunDiff(before: before, after: after)
        #expect(diff.pairs.map { "\($0.before)=\($0.after)" } == ["alpha=zeta", "beta=eta"])
        #expect(diff.unpairedBefore.isEmpty && diff.unpairedAfter == ["theta"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.json().utf8)) as? [String: Any])
        #expect(json["unpaired"] as? [String: [String]] == ["before": [], "after": ["theta"]])
        #expect(diff.table().contains("not paired: before —; after theta"))
    }

    @Test func explicitPairsFirstThenTheRestByOrder() throws {
        let (before, after) = Self.projects()
        let diff = try RunDiff(before: before, after: after, pairs: [.init(before: "beta", after: "theta")])
        #expect(diff.pairs.map { "\($0.before)=\($0.after)" } == ["beta=theta", "alpha=zeta"])
        #expect(diff.unpairedAfter == ["eta"])

        let unknown = #expect(throws: RunDiff.PairingError.self) {
            try RunDiff(before: before, after: after, pairs: [.init(before: "gamma", after: "eta")])
        }
        #expect(unknown?.description == "no project \"gamma\" in BEFORE (it has: alpha, beta)")
        let unknownAfter = #expect(throws: RunDiff.PairingError.self) {
            try RunDiff(before: before, after: after, pairs: [.init(before: "alpha", after: "omega")])
        }
        #expect(unknownAfter?.description.contains("no project \"omega\" in AFTER") == true)
        let twice = #expect(throws: RunDiff.PairingError.self) {
            try RunDiff(
                before: before, after: after,
                pairs: [.init(before: "alpha", after: "eta"), .init(before: "alpha", after: "zeta")])
        }
        #expect(twice?.description == "project \"alpha\" of BEFORE is paired twice")
    }

    @Test func tableLeadsWithWhatGotWorseAndCleansSpanText() throws {
        let before = Self.store(
            Self.run(
                "p", trace: 1,
                [
                    RunTask(id: "a", description: "Cheaper now", tokens: 100),
                    RunTask(id: "b", description: "Breaks \u{1B}[31mnow"),
                    RunTask(id: "c", description: "Same"),
                    RunTask(id: "d", description: "Gone"),
                    RunTask(id: "e", description: "A bit slower", processing: 2),
                    RunTask(id: "f", description: "Much slower", processing: 2),
                ]))
        let after = Self.store(
            Self.run(
                "p", trace: 2,
                [
                    RunTask(id: "a", description: "Cheaper now", tokens: 10),
                    RunTask(id: "b", description: "Breaks \u{1B}[31mnow", status: .failed),
                    RunTask(id: "c", description: "Same"),
                    RunTask(id: "e", description: "A bit slower", processing: 4),
                    RunTask(id: "f", description: "Much slower", processing: 40),
                    RunTask(id: "n", description: "Brand new"),
                ]))
        let table = try RunDiff(before: before, after: after).table()
        #expect(!table.contains("\u{1B}"), "escape sequences from span text never reach the terminal")
        #expect(table.contains("unchanged: 1 task\n"))
        let order = [
            "worse (4)", "newly_failed", "Much slower", "A bit slower", "removed", "better (1)", "cheaper",
            "added (1)", "Brand new",
        ]
        let positions = order.map { table.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(table)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(table)")
        #expect(table.contains("2.0s → 40.0s"))
        #expect(table.contains("completed → failed"))

        let limited = try RunDiff(before: before, after: after).table(limit: 1)
        #expect(limited.contains("… and 3 more (--json lists every task)"))
        #expect(!limited.contains("A bit slower"))
    }
}
