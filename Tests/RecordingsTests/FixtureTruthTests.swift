import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// The committed fixtures were emitted by real OpenTelemetry SDK exporters together with the
/// truth of what they emitted; the report must say exactly that.
struct FixtureTruthTests {
    /// The committed fixtures, or freshly emitted ones when `SPANTOP_FIXTURES` names a folder
    /// (the test script regenerates them with the exporters from PyPI and checks again).
    static let fixtures: URL = {
        if let dir = ProcessInfo.processInfo.environment["SPANTOP_FIXTURES"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return Fixtures.directory
    }()

    static func truth() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("workforce.truth.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The report as the CLI prints it, parsed back.
    static func reportJSON(_ paths: [String]) throws -> (json: [String: Any], diagnostics: [String]) {
        let store = TraceStore()
        var diagnostics: [String] = []
        let loader = RecordingLoader(store: store) { diagnostics.append($0) }
        for p in paths { try loader.load(path: p) }
        let text = Report(store).json()
        return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any], diagnostics)
    }

    static var jsonLines: [String] { [fixtures.appendingPathComponent("workforce.otlp.jsonl").path] }

    static var protobufBodies: [String] {
        let dir = fixtures.appendingPathComponent("workforce-pb")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".pb") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

    func check(_ paths: [String]) throws {
        let truth = try Self.truth()
        let (report, diagnostics) = try Self.reportJSON(paths)
        #expect(diagnostics.isEmpty, "fixtures load cleanly: \(diagnostics)")
        #expect(report["spans"] as? Int == 64)
        #expect(report["rejected_spans"] as? Int == 0)
        let projects = Dictionary(
            uniqueKeysWithValues: (report["projects"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })

        for (projectID, value) in truth["projects"] as! [String: [String: Any]] {
            let project = try #require(projects[projectID], "project \(projectID) is reported")
            let taskList = project["task_list"] as! [[String: Any]]
            let tasks = Dictionary(uniqueKeysWithValues: taskList.map { ($0["id"] as! String, $0) })
            let expectedTasks = value["tasks"] as! [String: [String: Any]]
            #expect(tasks.count == expectedTasks.count)
            var counts: [String: Int] = [:]
            for (taskID, expected) in expectedTasks {
                let got = try #require(tasks[taskID], "task \(taskID) of \(projectID)")
                let where_ = "\(projectID)/\(taskID)"
                #expect(got["status"] as? String == expected["status"] as? String, "\(where_) status")
                #expect(got["attempts"] as? Int == expected["attempts"] as? Int, "\(where_) attempts")
                #expect(got["parent_id"] as? String == expected["parent_id"] as? String, "\(where_) parent")
                #expect(got["worker_id"] as? String == expected["worker_id"] as? String, "\(where_) worker")
                #expect(got["error"] as? String == expected["error"] as? String, "\(where_) error")
                for key in ["queue_s", "processing_s", "tokens", "quality"] {
                    let e = Self.number(expected[key])
                    let g = Self.number(got[key])
                    #expect(
                        (e == nil) == (g == nil),
                        "\(where_) \(key): expected \(String(describing: e)), got \(String(describing: g))")
                    if let e, let g { #expect(abs(e - g) < 1e-6, "\(where_) \(key): expected \(e), got \(g)") }
                }
                counts[expected["status"] as! String, default: 0] += 1
            }
            let reportedCounts = project["tasks"] as! [String: Int]
            for status in ["pending", "running", "completed", "failed"] {
                #expect(reportedCounts[status] == counts[status, default: 0], "\(projectID) \(status) count")
            }
        }

        for expected in truth["traces"] as! [[String: Any]] {
            let projectID = expected["project_id"] as! String
            let project = try #require(projects[projectID])
            let task = try #require((project["task_list"] as! [[String: Any]]).first)
            #expect(task["id"] as? String == expected["task_id"] as? String)
            #expect(task["name"] as? String == expected["root_name"] as? String)
            #expect(task["status"] as? String == expected["status"] as? String)
            #expect(task["model"] as? String == expected["model"] as? String)
            #expect(task["span_count"] as? Int == expected["span_count"] as? Int)
            #expect(Self.number(task["tokens"]) == Self.number(expected["tokens"]))
            #expect(abs((Self.number(task["processing_s"]) ?? -1) - Self.number(expected["processing_s"])!) < 1e-6)
            #expect(Self.number(task["cost_usd"]) != nil, "a known model gets a cost")
        }
    }

    @Test func jsonLinesFixtureMatchesWhatWasEmitted() throws {
        try check(Self.jsonLines)
    }

    @Test func protobufFixtureMatchesWhatWasEmitted() throws {
        #expect(Self.protobufBodies.count > 0)
        try check(Self.protobufBodies)
    }

    @Test func bothEncodingsGiveTheSameReport() throws {
        let a = try Self.reportJSON(Self.jsonLines).json
        let b = try Self.reportJSON(Self.protobufBodies).json
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
    }
}
