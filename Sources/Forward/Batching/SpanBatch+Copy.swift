import SpanCore

extension SpanBatch {
    /// Appends spans `range` of `source` with the resources, scopes, events, links and values
    /// they refer to, copying only the bytes they use.
    ///
    /// This is how the exporter cuts and merges submitted batches into requests without going
    /// through `SpanRecord` (which allocates a String per value), and how redaction builds a
    /// new batch while the caller's stays untouched. Attributes whose key `redactor` matches are
    /// left out, at every level (resource, scope, span, event, link).
    /// - Parameters:
    ///   - source: the batch to copy from; it is not modified.
    ///   - range: indices into `source.spans`.
    ///   - redactor: attributes to leave out, or nil to copy them all.
    public mutating func appendSpans(of source: SpanBatch, _ range: Range<Int>, redactor: Redactor? = nil) {
        guard !range.isEmpty else { return }
        source.bytes.withUnsafeBytes { arena in
            var copier = BatchCopier(source: source, arena: arena, redactor: redactor)
            copier.copy(range, into: &self)
        }
    }
}

/// The state of one `appendSpans` call: where the last resource and scope went, so spans that
/// share them (nearly all) share them in the copy too.
private struct BatchCopier {
    let source: SpanBatch
    let arena: UnsafeRawBufferPointer
    let redactor: Redactor?
    var lastResource = -1
    var lastScope = -1
    var targetResource: UInt32 = 0
    var targetScope: UInt32 = 0

    init(source: SpanBatch, arena: UnsafeRawBufferPointer, redactor: Redactor?) {
        self.source = source
        self.arena = arena
        self.redactor = redactor
    }

    mutating func copy(_ range: Range<Int>, into out: inout SpanBatch) {
        out.spans.reserveCapacity(out.spans.count + range.count)
        for index in range {
            let s = source.spans[index]
            var t = s
            t.scopeIndex = scope(Int(s.scopeIndex), into: &out)
            t.traceState = bytes(s.traceState, into: &out)
            t.name = bytes(s.name, into: &out)
            t.statusMessage = bytes(s.statusMessage, into: &out)
            t.attributes = attributes(s.attributes, of: source.attributes, sub: false, into: &out)
            let eventStart = UInt32(out.events.count)
            for e in s.events.indices {
                var event = source.events[e]
                event.name = bytes(event.name, into: &out)
                event.attributes = attributes(event.attributes, of: source.subAttributes, sub: true, into: &out)
                out.events.append(event)
            }
            t.events = RecordRange(start: eventStart, count: s.events.count)
            let linkStart = UInt32(out.links.count)
            for l in s.links.indices {
                var link = source.links[l]
                link.traceState = bytes(link.traceState, into: &out)
                link.attributes = attributes(link.attributes, of: source.subAttributes, sub: true, into: &out)
                out.links.append(link)
            }
            t.links = RecordRange(start: linkStart, count: s.links.count)
            out.spans.append(t)
        }
    }

    private mutating func scope(_ index: Int, into out: inout SpanBatch) -> UInt32 {
        if index == lastScope { return targetScope }
        let s = source.scopes[index]
        let resourceIndex = resource(Int(s.resourceIndex), into: &out)
        var t = s
        t.resourceIndex = resourceIndex
        t.name = bytes(s.name, into: &out)
        t.version = bytes(s.version, into: &out)
        t.schemaURL = bytes(s.schemaURL, into: &out)
        t.attributes = attributes(s.attributes, of: source.attributes, sub: false, into: &out)
        out.scopes.append(t)
        lastScope = index
        targetScope = UInt32(out.scopes.count - 1)
        return targetScope
    }

    private mutating func resource(_ index: Int, into out: inout SpanBatch) -> UInt32 {
        if index == lastResource { return targetResource }
        var t = source.resources[index]
        t.schemaURL = bytes(t.schemaURL, into: &out)
        t.attributes = attributes(t.attributes, of: source.attributes, sub: false, into: &out)
        out.resources.append(t)
        lastResource = index
        targetResource = UInt32(out.resources.count - 1)
        return targetResource
    }

    private func attributes(
        _ range: RecordRange, of array: [BatchAttribute], sub: Bool, into out: inout SpanBatch
    ) -> RecordRange {
        // Values go to `nested`, keys to the arena: the copied attributes stay contiguous.
        let start = UInt32(sub ? out.subAttributes.count : out.attributes.count)
        var kept: UInt32 = 0
        for i in range.indices {
            let a = array[i]
            if let redactor, redactor.isRedacted(slice(a.key)) { continue }
            let copied = BatchAttribute(key: bytes(a.key, into: &out), value: value(a.value, into: &out))
            if sub { out.subAttributes.append(copied) } else { out.attributes.append(copied) }
            kept += 1
        }
        return RecordRange(start: start, count: kept)
    }

    private func value(_ v: BatchValue, into out: inout SpanBatch) -> BatchValue {
        switch v.kind {
        case .empty, .bool, .int, .double: return v
        case .string: return .string(bytes(v.byteRef, into: &out))
        case .bytes: return .bytes(bytes(v.byteRef, into: &out))
        case .array, .kvlist:
            // Children first (they may add their own children), then one contiguous run.
            var children: [BatchAttribute] = []
            children.reserveCapacity(Int(v.range.count))
            for i in v.range.indices {
                let c = source.nested[i]
                children.append(BatchAttribute(key: bytes(c.key, into: &out), value: value(c.value, into: &out)))
            }
            let range = RecordRange(start: UInt32(out.nested.count), count: v.range.count)
            out.nested.append(contentsOf: children)
            return v.kind == .array ? .array(range) : .kvlist(range)
        }
    }

    private func slice(_ ref: ByteRef) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(ref.offset)..<Int(ref.offset + ref.length)])
    }

    private func bytes(_ ref: ByteRef, into out: inout SpanBatch) -> ByteRef {
        ref.length == 0 ? .empty : out.appendBytes(slice(ref))
    }
}
