import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// The query API's answers over the captured pydantic-ai runs: the report's shapes, paging
/// that covers every task once, and clear errors.
struct QueryAPITests {
    static func store() throws -> TraceStore { try AgentFixtureTests.load("agents-pydantic.otlp.jsonl") }

    static func json(_ answer: QueryAnswer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
    }

    @Test func pagesCoverEveryTaskOnceInTheReportsShape() throws {
        let store = try Self.store()
        let report = try AgentFixtureTests.report(store)
        let reported = (report["projects"] as! [[String: Any]]).flatMap { $0["task_list"] as! [[String: Any]] }
        var seen: [String] = []
        var cursor: String? = "0"
        var pages = 0
        while let c = cursor, pages < 20 {
            let answer = store.answer(target: "/api/v1/tasks?limit=2&cursor=\(c)")
            #expect(answer.status == 200)
            let page = Self.json(answer)
            #expect(page["total"] as? Int == reported.count)
            let tasks = page["tasks"] as! [[String: Any]]
            #expect(tasks.count <= 2)
            for t in tasks {
                seen.append(t["id"] as! String)
                // Each task is the report's, plus its project.
                let same = try #require(reported.first { $0["id"] as? String == t["id"] as? String })
                #expect(Set(t.keys) == Set(same.keys).union(["project"]))
                #expect(t["cost_usd"] as? Double == same["cost_usd"] as? Double)
                #expect(t["error"] as? String == same["error"] as? String)
            }
            cursor = page["next_cursor"] as? String
            pages += 1
        }
        #expect(seen.sorted() == reported.map { $0["id"] as! String }.sorted())
    }

    @Test func filtersAndOneTaskAndItsTranscript() throws {
        let store = try Self.store()
        let failed = Self.json(store.answer(target: "/api/v1/tasks?project=agents-tool-error&status=failed"))
        let tasks = failed["tasks"] as! [[String: Any]]
        #expect(tasks.count == 2)
        #expect(tasks.allSatisfy { ($0["error"] as? String)?.contains("503") == true })
        let byAgent = Self.json(store.answer(target: "/api/v1/tasks?agent=researcher"))
        #expect((byAgent["tasks"] as! [[String: Any]]).allSatisfy { $0["agent"] as? String == "researcher" })
        let id = "83fa3269d734a52b6f0aa4af9b26d5df"
        let task = Self.json(store.answer(target: "/api/v1/tasks/\(id)"))["task"] as! [String: Any]
        #expect(task["project"] as? String == "agents-delegation")
        #expect((task["subtask_ids"] as? [String])?.count == 1)
        // The transcript, a page at a time, is the CLI's transcript.
        let whole = try #require(store.transcript(ofTask: try ContentBudgetTests.task(store, id)))
        let first = Self.json(store.answer(target: "/api/v1/tasks/\(id)/transcript?limit=5"))
        #expect((first["messages"] as! [Any]).count == 5)
        #expect(first["messages_total"] as? Int == whole.messages.count)
        let rest = Self.json(
            store.answer(target: "/api/v1/tasks/\(id)/transcript?cursor=\(first["next_cursor"] as! String)&limit=500"))
        #expect((rest["messages"] as! [Any]).count == whole.messages.count - 5)
        #expect(rest["next_cursor"] is NSNull)
        let project = Self.json(store.answer(target: "/api/v1/projects/agents-delegation"))
        #expect((project["critical_path"] as? [String: Any])?["task_ids"] as? [String] == [id, "ebddc3273c8f55c8"])
        let search = Self.json(store.answer(target: "/api/v1/search?text=maple%20leaves"))
        #expect(search["total"] as? Int == 1)
    }

    @Test func unknownPathsAndBadParametersAreJSONErrors() throws {
        let store = try Self.store()
        let cases: [(String, Int, String)] = [
            ("/api/v1/nothing", 404, "no such endpoint"),
            ("/api/v2/overview", 404, "no such endpoint"),
            ("/api/v1/tasks/nope", 404, "no task 'nope'"),
            ("/api/v1/projects/nope", 404, "no project 'nope'"),
            ("/api/v1/tasks?limit=0", 400, "limit must be"),
            ("/api/v1/tasks?limit=9999", 400, "limit must be"),
            ("/api/v1/tasks?cursor=-3", 400, "cursor"),
            ("/api/v1/tasks?status=broken", 400, "status must be one of"),
            ("/api/v1/tasks?colour=red", 400, "unknown parameter 'colour'"),
            ("/api/v1/tasks/%ZZ", 400, "percent-encoding"),
            ("/api/v1/search?text=ab", 400, "at least 3"),
        ]
        for (target, status, message) in cases {
            let answer = store.answer(target: target)
            #expect(answer.status == status, "\(target)")
            let error = Self.json(answer)["error"] as? [String: Any]
            #expect(
                (error?["message"] as? String)?.contains(message) == true,
                "\(target): \(String(decoding: answer.body, as: UTF8.self))")
        }
    }

    @Test func percentEncodedIdsAndTheOverview() throws {
        let store = try Self.store()
        #expect(store.answer(target: "/api/v1/projects/agents%2Ddelegation").status == 200)
        let overview = Self.json(store.answer(target: "/api/v1/overview?limit=1"))
        #expect(overview["project_count"] as? Int == 4)
        #expect((overview["projects"] as! [Any]).count == 1)
        #expect(overview["next_cursor"] as? String == "1")
        #expect(overview["spans"] as? Int == 32)
    }
}
