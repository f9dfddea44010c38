extension SpanBatch {
    /// The sizes of every array at one moment, so a failed decode can undo what it appended.
    public struct Mark: Sendable {
        let bytes, resources, scopes, spans, attributes, subAttributes, nested, events, links: Int
    }

    public var mark: Mark {
        Mark(
            bytes: bytes.count, resources: resources.count, scopes: scopes.count, spans: spans.count,
            attributes: attributes.count, subAttributes: subAttributes.count, nested: nested.count,
            events: events.count, links: links.count)
    }

    /// Drops everything appended since `mark` was taken.
    public mutating func rollback(to mark: Mark) {
        bytes.removeSubrange(mark.bytes...)
        resources.removeSubrange(mark.resources...)
        scopes.removeSubrange(mark.scopes...)
        spans.removeSubrange(mark.spans...)
        attributes.removeSubrange(mark.attributes...)
        subAttributes.removeSubrange(mark.subAttributes...)
        nested.removeSubrange(mark.nested...)
        events.removeSubrange(mark.events...)
        links.removeSubrange(mark.links...)
    }
}
