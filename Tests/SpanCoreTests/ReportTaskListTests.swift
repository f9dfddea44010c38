import Foundation
import Testing

@testable import SpanCore

/// A long task list is written in two halves on two threads; the report must read exactly as
/// if it had been written in one pass.
struct ReportTaskListTests {
    @Test func aListWrittenInHalvesIsTheListWrittenInOnePass() throws {
        var b = SpanBuilder()
        b.resource = ResourceRecord(attributes: [KeyValue("service.name", .string("many"))])
        b.scope = ScopeRecord(name: "app")
        let count = Report.parallelTaskListFrom + 1_001
        for i in 0..<count {
            b.trace = TraceID(high: 1, low: UInt64(i + 1))
            b.span(
                "run \(i) \"quoted\" ü", start: Double(i), end: Double(i) + 0.5, status: i % 7 == 0 ? 2 : 0,
                message: i % 7 == 0 ? "failed: \(i)" : "", parent: .zero, ["gen_ai.usage.input_tokens": .int(Int64(i))])
        }
        let store = TraceStore()
        store.ingest(b.batch())
        let report = Report(store)
        let tasks = try #require(report.projects.first?.tasks)
        #expect(tasks.count == count)

        var onePass = JSONWriter()
        for t in tasks { onePass.task(t) }
        #expect(Report.taskListElements(tasks) == onePass.bytes)
        var short = JSONWriter()
        for t in tasks.prefix(10) { short.task(t) }
        #expect(Report.taskListElements(Array(tasks.prefix(10))) == short.bytes)

        let parsed = try JSONSerialization.jsonObject(with: Data(report.jsonBytes())) as! [String: Any]
        let listed = (parsed["projects"] as! [[String: Any]])[0]["task_list"] as! [[String: Any]]
        #expect(listed.count == count)
        #expect(listed.map { $0["id"] as! String } == tasks.map(\.id))
    }
}
