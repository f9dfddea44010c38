import SpanCore
import Testing

/// Inputs the fuzz targets (`docs/Fuzzing.md`) crashed on, reduced to the span that does it.
struct FuzzRegressionTests {
    /// Found by `FuzzProtobuf` and `FuzzProtobufDifferential`: a finite but huge
    /// `eigent.task.queue_time_seconds` (1e306) traps in `LogHistogram.bucket` (`Int(+inf)`) when
    /// the store adds the task to its project's queue histogram, so one hostile span stops
    /// `spantop serve`. Fixed by clamping durations in `LogHistogram`; in a child process, so a
    /// regression fails this test instead of the whole run.
    @Test func hugeQueueTimeDoesNotStopIngest() async {
        await #expect(processExitsWith: .success) {
            var span = SpanRecord()
            span.name = "task.assigned"
            span.traceID = TraceID(high: 0, low: 1)
            span.spanID = SpanID(1)
            span.startTime = Timestamp(unixNanoseconds: 1)
            span.endTime = Timestamp(unixNanoseconds: 2)
            span.attributes = [
                KeyValue("eigent.task.id", .string("t")), KeyValue("eigent.project.id", .string("p")),
                KeyValue("eigent.task.queue_time_seconds", .double(1e306)),
            ]
            var batch = SpanBatch()
            batch.append(records: [span])
            let store = TraceStore()
            store.ingest(batch)
            _ = Report(store).table()
        }
    }
}
