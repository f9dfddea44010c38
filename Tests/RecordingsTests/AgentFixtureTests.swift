import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// Agent runs captured from real frameworks (scripts/capture-agent-fixtures.sh: pydantic-ai;
/// scripts/capture-framework-fixtures.sh: AutoGen, OpenAI Agents with OpenInference, and the
/// legacy shapes), each with the truth of what the run did.
struct AgentFixtureTests {
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(name)))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func load(_ name: String) throws -> TraceStore {
        let store = TraceStore()
        var diagnostics: [String] = []
        try RecordingLoader(store: store) { diagnostics.append($0) }.load(path: Fixtures.path(name))
        #expect(diagnostics.isEmpty, "\(name) loads cleanly: \(diagnostics)")
        return store
    }

    static func report(_ store: TraceStore) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(Report(store).json().utf8)) as! [String: Any]
    }

    static func byID(_ list: Any?, _ key: String = "id") -> [String: [String: Any]] {
        Dictionary(((list as? [[String: Any]]) ?? []).map { (($0[key] as? String) ?? "", $0) }) { a, _ in a }
    }

    @Test func pydanticAIRunsAsTheirRunsWere() throws {
        let truth = try Self.json("agents-pydantic.truth.json")["scenarios"] as! [String: [String: Any]]
        let report = try Self.report(try Self.load("agents-pydantic.otlp.jsonl"))
        let projects = Self.byID(report["projects"])
        #expect(truth.count == 4)
        for (scenario, want) in truth {
            let project = try #require(projects[want["project"] as! String], "\(scenario): project")
            let tasks = Self.byID(project["task_list"])
            let root = want["root"] as! [String: Any]
            let rootTask = try #require(tasks[root["id"] as! String], "\(scenario): root task")
            #expect(rootTask["agent"] as? String == root["agent"] as? String, "\(scenario)")
            #expect(rootTask["status"] as? String == root["status"] as? String, "\(scenario)")
            #expect(rootTask["parent_id"] is NSNull, "\(scenario)")
            let subtasks = want["subtasks"] as! [[String: Any]]
            #expect(tasks.count == 1 + subtasks.count, "\(scenario): one task per run")
            for sub in subtasks {
                let task = try #require(tasks[sub["id"] as! String], "\(scenario): subtask")
                for key in ["parent_id", "agent", "status"] {
                    #expect(task[key] as? String == sub[key] as? String, "\(scenario) subtask \(key)")
                }
            }
            let agents = Self.byID(project["agents"], "name")
            for (name, counts) in want["agents"] as! [String: [String: Any]] {
                let got = try #require(agents[name], "\(scenario): agent \(name)")
                for key in ["runs", "failed", "tokens"] where counts[key] != nil {
                    #expect(got[key] as? Int == counts[key] as? Int, "\(scenario) agent \(name) \(key)")
                }
            }
            let called = Self.byID(project["tools"], "name").filter { ($0.value["calls"] as? Int ?? 0) > 0 }
            let wantTools = want["tools"] as! [String: [String: Int]]
            #expect(Set(called.keys) == Set(wantTools.keys), "\(scenario): tools")
            for (name, counts) in wantTools {
                #expect(called[name]?["calls"] as? Int == counts["calls"], "\(scenario) tool \(name)")
                #expect(called[name]?["errors"] as? Int == counts["errors"], "\(scenario) tool \(name)")
            }
            let loops = project["loops"] as! [[String: Any]]
            let wantLoops = want["loops"] as! [[String: Any]]
            #expect(loops.count == wantLoops.count, "\(scenario): loops")
            for (got, loop) in zip(loops, wantLoops) {
                for key in ["task_id", "agent", "tool", "arguments"] {
                    #expect(got[key] as? String == loop[key] as? String, "\(scenario) loop \(key)")
                }
                #expect(got["calls"] as? Int == loop["calls"] as? Int)
                #expect(got["wasted_tokens"] as? Int ?? 0 > 0, "\(scenario): the asking calls had tokens")
            }
            if let text = want["error_contains"] as? String {
                #expect((rootTask["error"] as? String)?.contains(text) == true, "\(scenario): root error")
                for sub in subtasks where sub["status"] as? String == "failed" {
                    #expect((tasks[sub["id"] as! String]?["error"] as? String)?.contains(text) == true)
                }
            }
            #expect(project["truncated_calls"] as? Int == want["truncated_calls"] as? Int, "\(scenario)")
            #expect(project["model_mismatches"] as? Int == want["model_mismatches"] as? Int, "\(scenario)")
        }
    }

    /// AutoGen 0.7, OpenAI Agents via OpenInference, and the older shapes: agents, tools, loops
    /// and nesting, summed over the file (their truths are per trace).
    @Test(arguments: ["autogen", "openinference", "legacy"])
    func frameworkRunsAsTheirRunsWere(_ name: String) throws {
        let truth = try Self.json("agents-\(name).truth.json")["traces"] as! [[String: Any]]
        let store = try Self.load("agents-\(name).otlp.jsonl")
        let report = try Self.report(store)
        let projects = report["projects"] as! [[String: Any]]
        var wantRuns: [String: Int] = [:]
        var wantTools: [String: [Int]] = [:]
        var wantLoops: [String] = []
        var wantParents: [String: String] = [:]
        for trace in truth {
            for (agent, counts) in trace["agents"] as! [String: [String: Int]] {
                wantRuns[agent, default: 0] += counts["runs"] ?? 0
            }
            for (tool, counts) in trace["tools"] as! [String: [String: Int]] {
                let old = wantTools[tool] ?? [0, 0]
                wantTools[tool] = [old[0] + (counts["calls"] ?? 0), old[1] + (counts["errors"] ?? 0)]
            }
            for loop in trace["loops"] as! [[String: Any]] {
                wantLoops.append(
                    "\(loop["agent"] as? String ?? "") \(loop["tool"] as! String) \(loop["calls"] as! Int)")
            }
            for nested in trace["nested_runs"] as? [[String: Any]] ?? [] {
                wantParents[nested["span_id"] as! String] = nested["parent_run_span_id"] as? String
            }
        }
        var gotRuns: [String: Int] = [:]
        var gotTools: [String: [Int]] = [:]
        var gotLoops: [String] = []
        var tasks: [String: [String: Any]] = [:]
        for p in projects {
            for a in p["agents"] as! [[String: Any]] {
                gotRuns[a["name"] as? String ?? "", default: 0] += a["runs"] as! Int
            }
            for t in p["tools"] as! [[String: Any]] where t["calls"] as! Int > 0 {
                let old = gotTools[t["name"] as! String] ?? [0, 0]
                gotTools[t["name"] as! String] = [old[0] + (t["calls"] as! Int), old[1] + (t["errors"] as! Int)]
            }
            for l in p["loops"] as! [[String: Any]] {
                gotLoops.append("\(l["agent"] as? String ?? "") \(l["tool"] as? String ?? "") \(l["calls"] as! Int)")
            }
            for t in p["task_list"] as! [[String: Any]] { tasks[t["id"] as! String] = t }
        }
        #expect(gotRuns == wantRuns)
        #expect(gotTools == wantTools)
        #expect(gotLoops.sorted() == wantLoops.sorted())
        for (span, parent) in wantParents {
            let task = try #require(tasks[span], "nested run \(span) is a subtask")
            // Its parent is the run it was called from: a nested run's task, or the trace's own.
            let parentTask = (task["parent_id"] as? String).flatMap { tasks[$0] }
            #expect(task["parent_id"] as? String == parent || parentTask != nil, "\(span) → \(parent)")
        }
        #expect(report["spans"] as? Int == Self.spanCount(name))
        // Every span is reachable from exactly one task.
        #expect(tasks.values.reduce(0) { $0 + ($1["span_count"] as! Int) } == report["spans"] as! Int)
    }

    static func spanCount(_ name: String) -> Int? {
        (try? json("agents-\(name).truth.json"))?["total_spans"] as? Int
    }

    /// Spans in any order, one per batch, give the report the file gives.
    @Test(arguments: ["pydantic", "autogen", "openinference", "legacy"])
    func arrivalOrderDoesNotMatter(_ name: String) throws {
        let store = try Self.load("agents-\(name).otlp.jsonl")
        let expected = Report(store).json()
        var records: [SpanRecord] = []
        for p in store.projects {
            for t in p.tasks where store.tasks[t].source == .trace {
                if let trace = store.trace(store.tasks[t].traceID) { records += store.records(of: trace) }
            }
        }
        #expect(records.count == Report(store).spans)
        var rng = SplitMix64(seed: 19)
        for round in 0..<3 {
            if round == 0 { records.reverse() } else { records.shuffle(using: &rng) }
            let shuffled = TraceStore()
            for r in records {
                var batch = SpanBatch()
                batch.append(records: [r])
                shuffled.ingest(batch)
            }
            #expect(Report(shuffled).json() == expected, "\(name), round \(round)")
        }
    }
}
