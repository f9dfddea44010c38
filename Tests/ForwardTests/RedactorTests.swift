import SpanCore
import SpantopTestSupport
import Testing

@testable import Forward

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("log.message", "log.message", true), ("log.message", "log.messages", false),
        ("gen_ai.prompt*", "gen_ai.prompt", true), ("gen_ai.prompt*", "gen_ai.prompt.0.content", true),
        ("gen_ai.prompt*", "gen_ai.promp", false), ("*.secret", "db.secret", true), ("*.secret", "secret", false),
        ("user.*.email", "user.1.email", true), ("user.*.email", "user.email", false),
        ("a?c", "abc", true), ("a?c", "ac", false), ("a?c", "aüc", true), ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false), ("*", "", true), ("*", "anything", true), ("", "", true), ("", "x", false),
        ("**x", "abx", true), ("a*", "b", false),
    ])
    func matches(pattern: String, key: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(key) == expected, "\(pattern) vs \(key)")
    }
}

@Suite struct RedactorTests {
    @Test func defaultContentKeysAreRedacted() {
        let r = Redactor()
        for key in [
            "eigent.task.description", "eigent.worker.role", "eigent.task.update.old_value",
            "eigent.task.update.new_value", "log.message", "gen_ai.prompt", "gen_ai.prompt.0.content",
            "gen_ai.completion.0.content", "gen_ai.input.messages", "gen_ai.output.messages", "input.value",
            "output.value", "langfuse.observation.input", "langfuse.observation.output", "langfuse.trace.input",
            "langfuse.trace.output",
        ] {
            #expect(r.isRedacted(key), "\(key)")
        }
        for key in [
            "eigent.task.id", "gen_ai.usage.input_tokens", "gen_ai.request.model", "log.level", "input.mime_type",
            "eigent.task.status", "langfuse.observation.model.name",
        ] {
            #expect(!r.isRedacted(key), "\(key)")
        }
    }

    @Test func extraPatternsAloneOrOnTopOfTheDefaults() {
        let only = Redactor(extraPatterns: ["customer.*"], includeContentKeys: false)
        #expect(only.isRedacted("customer.email"))
        #expect(!only.isRedacted("log.message"))
        let both = Redactor(extraPatterns: ["customer.*"])
        #expect(both.isRedacted("customer.email") && both.isRedacted("log.message"))
    }

    @Test func redactionBuildsANewBatchAndLeavesTheCallersAlone() {
        let records = TestSpans.random(80, seed: 9)
        let source = SpanBatch(records: records)
        let redactor = Redactor()
        let redacted = redactor.redact(source)
        #expect(source.records() == records, "the local view keeps everything")
        func strip(_ kvs: [KeyValue]) -> [KeyValue] { kvs.filter { !redactor.isRedacted($0.key) } }
        let expected = records.map { r -> SpanRecord in
            var r = r
            r.attributes = strip(r.attributes)
            r.resource.attributes = strip(r.resource.attributes)
            r.events = r.events.map {
                var e = $0; e.attributes = strip(e.attributes); return e
            }
            r.links = r.links.map {
                var l = $0; l.attributes = strip(l.attributes); return l
            }
            return r
        }
        #expect(redacted.records() == expected)
        #expect(
            records.contains { $0.attributes.contains { redactor.isRedacted($0.key) } },
            "the test must redact something")
    }

    @Test func eigentContentIsGoneAfterRedaction() {
        let source = SpanBatch(records: Workforces.records(atLeast: 200))
        let keys = Set(Redactor().redact(source).records().flatMap { $0.attributes.map(\.key) })
        #expect(!keys.contains("eigent.task.description") && !keys.contains("log.message"))
        #expect(keys.contains("eigent.task.id"))
        #expect(Set(source.records().flatMap { $0.attributes.map(\.key) }).contains("eigent.task.description"))
    }
}
