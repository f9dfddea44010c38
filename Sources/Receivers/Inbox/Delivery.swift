import SpanCore

/// One accepted export request, as a receiver hands it to the store owner.
///
/// A request whose spans were all invalid still arrives (with an empty batch) so the store can
/// count its rejected spans: the report's `rejected_spans` then matches what clients were told.
public struct Delivery: Sendable {
    /// The request's decoded, valid spans.
    public var batch: SpanBatch
    /// Spans of the request that were well-formed on the wire but invalid, and left out.
    public var rejectedSpans: Int

    public init(batch: SpanBatch, rejectedSpans: Int = 0) {
        self.batch = batch
        self.rejectedSpans = rejectedSpans
    }

    /// What the inbox weighs against its bound: at least 1, so empty requests are bounded too.
    var weight: Int { max(1, batch.spans.count) }
}
