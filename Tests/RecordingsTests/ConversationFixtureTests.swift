import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// Conversations of runs captured from real emitters, each against a truth written from what
/// the emitter scripted (`*.transcripts.json`): every message once, in order, tool calls with
/// their results or errors, delegated runs after the call that started them.
struct ConversationFixtureTests {
    static let fixtures = [
        "agents-langgraph.transcripts.json", "agents-langfuse.transcripts.json", "agents-openllmetry.transcripts.json",
    ].filter { FileManager.default.fileExists(atPath: Fixtures.path($0)) }

    /// A JSON value with object keys sorted, for whole comparison.
    static func canonical(_ value: Any) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
            as: UTF8.self)
    }

    static func transcript(_ store: TraceStore, _ args: [String]) throws -> Transcript {
        let id = args[1]
        switch args[0] {
        case "--trace":
            let trace = try #require(TraceID(hex: id))
            return try #require(store.transcript(ofTrace: trace))
        case "--task":
            let t = store.projects.lazy.compactMap { p in store.strings.lookup(id).flatMap { p.taskIndex[$0] } }.first
            return try #require(t.flatMap(store.transcript(ofTask:)))
        default: throw CocoaError(.coderInvalidValue)
        }
    }

    @Test(arguments: fixtures)
    func eachConversationAsScripted(_ truthFile: String) throws {
        let truth = try AgentFixtureTests.json(truthFile)
        let store = try AgentFixtureTests.load(truth["fixture"] as! String)
        let entries = truth["transcripts"] as! [[String: Any]]
        #expect(!entries.isEmpty)
        for entry in entries {
            let name = entry["name"] as! String
            let t = try Self.transcript(store, entry["args"] as! [String])
            let json = try JSONSerialization.jsonObject(with: Data(t.jsonBytes())) as! [String: Any]
            let messages = (json["messages"] as! [[String: Any]]).map { m in m.filter { $0.key != "call" } }
            let want = entry["messages"] as! [[String: Any]]
            #expect(messages.count == want.count, "\(truthFile) \(name): message count")
            for (i, (got, expected)) in zip(messages, want).enumerated() {
                #expect(try Self.canonical(got) == Self.canonical(expected), "\(truthFile) \(name): message \(i)")
            }
            let models = (json["calls"] as! [[String: Any]]).map { $0["model"] as? String ?? "" }
            #expect(models == entry["calls"] as! [String], "\(truthFile) \(name): calls")
        }
    }
}
