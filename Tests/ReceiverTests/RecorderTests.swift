import Foundation
import SpanCore
import Testing

@testable import Receivers
@testable import Recordings

struct RecorderTests {
    static func temporaryPath(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spantop-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func recordingLoadsBackToTheSameReport() throws {
        let path = try Self.temporaryPath("session.jsonl")
        let recorder = try Recorder(path: path)
        let live = TraceStore()
        let decoder = ProtobufDecoderBox()
        for body in TestData.fixtureBodies {
            let batch = try decoder.decode(body)
            live.ingest(batch)
            recorder.record(batch)
        }
        recorder.close()
        #expect(recorder.lines == TestData.fixtureBodies.count)

        let replayed = TraceStore()
        let loader = RecordingLoader(store: replayed) { Issue.record("unexpected diagnostic: \($0)") }
        try loader.load(path: path)
        #expect(Report(replayed).json() == Report(live).json())
    }

    @Test func flushIfDueWritesAfterTheInterval() throws {
        let path = try Self.temporaryPath("flush.jsonl")
        let recorder = try Recorder(path: path, flushInterval: .milliseconds(50))
        recorder.record(TestData.generatedBatch(spans: 5))
        recorder.flushIfDue()
        #expect((FileManager.default.contents(atPath: path) ?? Data()).isEmpty, "buffered, not yet due")
        Thread.sleep(forTimeInterval: 0.1)
        recorder.flushIfDue()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        #expect(data.last == 0x0A && data.filter { $0 == 0x0A }.count == 1)
        recorder.close()
    }

    @Test func unwritablePathIsAClearError() {
        #expect(throws: RecorderError.self) { try Recorder(path: "/nonexistent-dir/x.jsonl") }
    }
}

/// Decodes protobuf request bodies for tests.
struct ProtobufDecoderBox {
    func decode(_ body: [UInt8]) throws -> SpanBatch {
        let result = body.withUnsafeBytes { ExportIntake.decode($0, encoding: .protobuf) }
        return try result.get().batch
    }
}
