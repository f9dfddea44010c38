import Foundation
import SpantopTestSupport
import Testing

/// `spantop diff` on two recorded runs of one job (Tests/Fixtures/diff-*.jsonl, written by
/// scripts/make-diff-fixtures.py), run as a user would.
@Suite struct DiffCommandTests {
    static let before = Fixtures.path("diff-before.jsonl")
    static let after = Fixtures.path("diff-after.jsonl")

    @Test func tableLeadsWithWhatGotWorseAndExitsZero() throws {
        let r = try ReportCommandTests.run(["diff", Self.before, Self.after])
        #expect(r.status == 0, "worse is news, not an error")
        #expect(r.stderr.isEmpty)
        let out = r.stdout
        #expect(out.contains("todo-run-41 → todo-run-42"))
        #expect(out.contains("unchanged: 3 tasks"))
        let order = [
            "worse (3)", "newly_failed", "slower,costlier,more_attempts", "removed", "better (2)", "fixed", "faster",
            "added (1)", "Add a --due date option",
        ]
        let positions = order.map { out.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(out)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(out)")
        #expect(out.contains("Write README.md with usage examples (was: Write the README)"))
    }

    @Test func jsonListsEveryTaskWithItsTags() throws {
        let r = try ReportCommandTests.run(["diff", "--json", Self.before, Self.after])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let pair = try #require((json["pairs"] as? [[String: Any]])?.first)
        #expect(pair["before"] as? String == "todo-run-41" && pair["after"] as? String == "todo-run-42")
        let tasks = try #require(pair["tasks"] as? [[String: Any]])
        var tags: [String: [String]] = [:]
        for t in tasks { tags[t["description"] as? String ?? "?"] = t["change"] as? [String] }
        #expect(
            tags == [
                "Build a command-line todo app in Python": [],
                "Design the data model": [],
                "Implement add, list and done commands": ["slower", "costlier", "more_attempts"],
                "Write unit tests with pytest": ["fixed"],
                "Test the add command": [],
                "Test the done command": ["removed"],
                "Write README.md with usage examples": ["newly_failed"],
                "Package with pyproject.toml": ["faster"],
                "Add a --due date option": ["added"],
            ])
        let impl = try #require(tasks.first { $0["description"] as? String == "Implement add, list and done commands" })
        let b = try #require(impl["before"] as? [String: Any])
        let a = try #require(impl["after"] as? [String: Any])
        #expect(b["processing_s"] as? Double == 48 && a["processing_s"] as? Double == 96.5)
        #expect(b["attempts"] as? Int == 1 && a["attempts"] as? Int == 2)
        #expect(b["tokens"] as? Int == 7300 && a["tokens"] as? Int == 15800)
        let totals = try #require(pair["totals"] as? [String: [String: Any]])
        #expect(totals["before"]?["failed"] as? Int == 1 && totals["after"]?["failed"] as? Int == 1)
        #expect((totals["after"]?["cost_usd"] as? Double ?? 0) > (totals["before"]?["cost_usd"] as? Double ?? 1))
        #expect(json["unpaired"] as? [String: [String]] == ["before": [], "after": []])
    }

    @Test func explicitPairsAndTheirMistakes() throws {
        let paired = try ReportCommandTests.run([
            "diff", "--json", "--pair", "todo-run-41=todo-run-42", Self.before, Self.after,
        ])
        #expect(paired.status == 0)
        let malformed = try ReportCommandTests.run(["diff", "--pair", "todo-run-41", Self.before, Self.after])
        #expect(malformed.status == 64)
        #expect(
            malformed.stderr.contains(
                "'todo-run-41' is invalid for '--pair <before_id=after_id>': expected BEFORE_ID=AFTER_ID"))
        let unknown = try ReportCommandTests.run(["diff", "--pair", "nope=todo-run-42", Self.before, Self.after])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("spantop: error: --pair: no project \"nope\" in BEFORE (it has: todo-run-41)"))
        #expect(unknown.stdout.isEmpty)
    }

    @Test func unreadableInputExitsWithStatus2() throws {
        let r = try ReportCommandTests.run(["diff", Self.before, "/nonexistent/after.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/after.jsonl: no such file"))
        #expect(r.stdout.isEmpty)
    }

    @Test func helpSaysWorseStillExitsZero() throws {
        let r = try ReportCommandTests.run(["diff", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("also when things got worse"))
    }
}
