import Foundation
import SpantopTestSupport
import Testing

/// `spantop transcript` on the captured pydantic-ai and OpenAI Agents (OpenInference) runs:
/// every message once, in order, tool calls followed by their results or errors, delegated
/// runs after the call that started them.
struct TranscriptCommandTests {
    static let pydantic = Fixtures.path("agents-pydantic.otlp.jsonl")
    static let openInference = Fixtures.path("agents-openinference.otlp.jsonl")

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try ReportCommandTests.run(["transcript"] + arguments + ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    }

    /// Each message as `role agent: part part…`, parts as `text`, `→name#id`, `←name#id`, `✗name#id`.
    static func lines(_ transcript: [String: Any]) -> [String] {
        (transcript["messages"] as! [[String: Any]]).map { m in
            let parts = (m["parts"] as! [[String: Any]]).map { p -> String in
                let id = p["id"] as? String ?? "-"
                switch p["type"] as! String {
                case "tool_call": return "→\(p["name"] as! String)#\(id)"
                case "tool_call_response":
                    return (p["error"] is NSNull ? "←" : "✗") + "\(p["name"] as? String ?? "?")#\(id)"
                default: return String((p["content"] as? String ?? "").prefix(12))
                }
            }
            return "\(m["role"] as! String) \(m["agent"] as? String ?? "-"): " + parts.joined(separator: " ")
        }
    }

    @Test func aDelegatingRunReadsInOrderEachMessageOnce() throws {
        let t = try Self.json([Self.pydantic, "--task", "83fa3269d734a52b6f0aa4af9b26d5df"])
        #expect(t["version"] as? Int == 1)
        #expect((t["calls"] as! [[String: Any]]).count == 6)
        #expect(
            Self.lines(t) == [
                "system coordinator: You answer t",
                "user coordinator: When should ",
                "assistant coordinator: →lookup#call_lookup_1",
                "tool coordinator: ←lookup#call_lookup_1",
                "assistant coordinator: →research#call_research_1",
                "system researcher: Research the",
                "user researcher: Research: Ky",
                "assistant researcher: →fetch_page#toolu_01",
                "tool researcher: ←fetch_page#toolu_01",
                "assistant researcher: →fetch_page#toolu_02",
                "tool researcher: ←fetch_page#toolu_02",
                "assistant researcher: Autumn colou",
                "tool coordinator: ←research#call_research_1",
                "assistant coordinator: Go to Kyoto ",
            ])
        // Arguments are JSON values, not text.
        let first = (t["messages"] as! [[String: Any]])[2]["parts"] as! [[String: Any]]
        #expect((first[0]["arguments"] as? [String: Any])?["city"] as? String == "Kyoto")
    }

    @Test func aFailedToolAnswersItsCallWithTheError() throws {
        let t = try Self.json([Self.pydantic, "--task", "871791775c5af7a308d56c7c438130e5"])
        let lines = Self.lines(t)
        #expect(lines.contains("tool researcher: ✗fetch_page#toolu_01"))
        #expect(lines.last == "tool coordinator: ✗research#call_research_1")
        let parts = (t["messages"] as! [[String: Any]]).flatMap { $0["parts"] as! [[String: Any]] }
        let failed = try #require(
            parts.first { $0["id"] as? String == "toolu_01" && $0["type"] as? String == "tool_call_response" })
        #expect((failed["error"] as? String)?.contains("503 from https://example.com/x") == true)
    }

    @Test func aNestedRunAloneAndATruncatedCall() throws {
        let sub = try Self.json([Self.pydantic, "--task", "ebddc3273c8f55c8"])
        #expect(Self.lines(sub).allSatisfy { $0.contains("researcher") })
        #expect(Self.lines(sub).count == 7)
        let cut = try Self.json([Self.pydantic, "--task", "cb57a01760a607339aa12e282243e264"])
        let last = try #require((cut["calls"] as! [[String: Any]]).last)
        #expect(last["truncated"] as? Bool == true)
        #expect(last["requested_model"] as? String == "gpt-4o")
        #expect(last["model"] as? String == "gpt-4o-mini")
        let text = try ReportCommandTests.run([
            "transcript", Self.pydantic, "--task", "cb57a01760a607339aa12e282243e264",
        ])
        #expect(text.stdout.contains("gpt-4o → gpt-4o-mini · ✂ cut off (length)"))
    }

    @Test func openInferenceParallelCallsAndAnAgentAsATool() throws {
        let t = try Self.json([Self.openInference, "--trace", "095a575b613e03775c1e5b2b68c06e2a"])
        let lines = Self.lines(t)
        // Both calls of one answer, then both results; the researcher after the call that
        // started it; every search once; the final answer once.
        let w = try #require(lines.firstIndex(of: "assistant planner: →get_weather#call_w1 →get_weather#call_w2"))
        #expect(lines[w + 1] == "tool planner: ←get_weather#call_w1")
        #expect(lines[w + 2] == "tool planner: ←get_weather#call_w2")
        #expect(lines.contains("tool planner: ✗get_alerts#call_a1"))
        let research = try #require(lines.firstIndex(of: "assistant planner: →research#call_r1"))
        #expect(lines[research + 1].hasPrefix("system researcher"))
        #expect(lines.filter { $0.hasPrefix("assistant researcher: →search") }.count == 3)
        #expect(Set(lines).count == lines.count)
    }

    /// Semconv 1.28–1.36 events, OpenLLMetry's indexed prompts and Langfuse input/output.
    @Test func olderFamiliesReadTheSameWay() throws {
        let legacy = Fixtures.path("agents-legacy.otlp.jsonl")
        let events = Self.lines(try Self.json([legacy, "--trace", "0e1be2eee4f633dd2472be71aba97e87"]))
        #expect(events.first == "system weather_agent: You are a we")
        #expect(
            events.contains("assistant weather_agent: →get_weather#call_w1 →get_weather#call_w2 →get_forecast#call_f1"))
        #expect(events.contains("tool weather_agent: ✗get_forecast#call_f1"))
        #expect(events.last == "assistant weather_agent: Paris is 18C")
        let traceloop = Self.lines(try Self.json([legacy, "--trace", "f92cb36002a2ca7dcf749bac26a9ed1b"]))
        #expect(traceloop.filter { $0.contains("→web_search") }.count == 3)
        #expect(traceloop.filter { $0.contains("←web_search") }.count == 3)
        let langfuse = Self.lines(try Self.json([legacy, "--trace", "0ba1a75b62d1ebf6b8cb850519587bc5"]))
        #expect(
            langfuse == [
                "system support-agent: You are a su", "user support-agent: Where is my ",
                "assistant support-agent: →lookup_order#toolu_01", "tool support-agent: ←lookup_order#toolu_01",
                "assistant support-agent: Order A-1001",
            ])
    }

    @Test func unknownIdsAndMissingChoicesAreClearErrors() throws {
        let missing = try ReportCommandTests.run(["transcript", Self.pydantic, "--task", "nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no task 'nope'"))
        let both = try ReportCommandTests.run(["transcript", Self.pydantic])
        #expect(both.status != 0)
        #expect(both.stderr.contains("exactly one of --task ID, --trace ID or --call SPAN-ID"))
        let bad = try ReportCommandTests.run(["transcript", Self.pydantic, "--trace", "xyz"])
        #expect(bad.stderr.contains("32 hex digits"))
    }

    @Test func malformedContentIsShownRawAndToolSpansWithoutContentStillShow() throws {
        let legacy = Fixtures.path("agents-legacy.otlp.jsonl")
        let report = try ReportCommandTests.run(["report", "--json", legacy])
        let projects = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        let malformed = try #require(
            (projects["projects"] as! [[String: Any]]).first { $0["id"] as? String == "legacy-malformed" })
        let root = try #require((malformed["task_list"] as! [[String: Any]]).first { $0["parent_id"] is NSNull })
        let run = try ReportCommandTests.run(["transcript", legacy, "--task", root["id"] as! String])
        #expect(run.status == 0)
        #expect(run.stdout.contains("[{\"role\": \"user\", \"parts\": ["))  // the broken JSON, as it came
        #expect(run.stdout.contains("lookup"))
    }
}
