import Testing

@testable import SpanCore

/// The byte-level searches behind quality scores in errors and task ids in log lines.
struct MessagePatternTests {
    @Test func qualityScoreComesFromEigentsErrorText() {
        #expect(QualityScore.parse("Task 3 failed quality check (score: 45). Issues: thin") == 45)
        #expect(QualityScore.parse("failed quality check (score: 4.5)") == 4.5)
        #expect(QualityScore.parse("quality check (score: ") == nil)
        #expect(QualityScore.parse("timeout after 30 s") == nil)
        #expect(QualityScore.parse("") == nil)
    }

    @Test func logLinesNameTheirTask() {
        #expect(LogMention.taskID(in: "Task t1 failed (attempt 1/3): timeout") == "t1")
        #expect(LogMention.taskID(in: "Retrying. Task 1767.4: gave up") == "1767.4")
        #expect(LogMention.taskID(in: "Task a,b") == "a")
        #expect(LogMention.taskID(in: "Task über-1\tfailed") == "über-1")
        #expect(LogMention.taskID(in: "Task \u{00A0}x") == nil, "a Unicode space ends the id")
        #expect(LogMention.taskID(in: "Task ") == nil)
        #expect(LogMention.taskID(in: "no task here") == nil)
    }
}
