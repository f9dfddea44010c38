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

    @Test func aRecordedBatchReachesTheFileWithoutClosing() throws {
        let path = try Self.temporaryPath("sync.jsonl")
        let recorder = try Recorder(path: path)
        recorder.record(TestData.generatedBatch(spans: 5))
        recorder.sync()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        #expect(data.last == 0x0A && data.filter { $0 == 0x0A }.count == 1, "written by the recorder's thread")
        recorder.close()
    }

    @Test func aWriterFarBehindHoldsTheOwnerBackAndLosesNothing() throws {
        // A queue of one batch: each record waits for the writer to take the previous one.
        let path = try Self.temporaryPath("order.jsonl")
        let recorder = try Recorder(path: path, capacity: 1)
        var batches: [SpanBatch] = []
        for i in 1...200 { batches.append(TestData.generatedBatch(spans: 1 + i % 7, seed: UInt64(i))) }
        for b in batches { recorder.record(b) }
        recorder.close()
        recorder.record(TestData.generatedBatch(spans: 1))
        #expect(recorder.lines == 200, "a record after close is ignored")

        let expected = TraceStore()
        for b in batches { expected.ingest(b) }
        let replayed = TraceStore()
        try RecordingLoader(store: replayed) { Issue.record("unexpected diagnostic: \($0)") }.load(path: path)
        #expect(Report(replayed).json() == Report(expected).json())
        let lines = (FileManager.default.contents(atPath: path) ?? Data()).filter { $0 == 0x0A }.count
        #expect(lines == 200)
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
