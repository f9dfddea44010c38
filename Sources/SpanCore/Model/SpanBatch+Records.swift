extension SpanBatch {
    /// Every span with its resource and scope materialised as plain values.
    public func records() -> [SpanRecord] {
        spans.map { record(of: $0) }
    }

    public func record(of span: BatchSpan) -> SpanRecord {
        let scope = scopes[Int(span.scopeIndex)]
        let resource = resources[Int(scope.resourceIndex)]
        var r = SpanRecord()
        r.resource.attributes = keyValues(resource.attributes, in: attributes)
        r.resource.droppedAttributes = resource.droppedAttributes
        r.resource.schemaURL = string(resource.schemaURL)
        r.scope.name = string(scope.name)
        r.scope.version = string(scope.version)
        r.scope.attributes = keyValues(scope.attributes, in: attributes)
        r.scope.droppedAttributes = scope.droppedAttributes
        r.scope.schemaURL = string(scope.schemaURL)
        r.traceID = span.traceID
        r.spanID = span.spanID
        r.parentSpanID = span.parentSpanID
        r.traceState = string(span.traceState)
        r.name = string(span.name)
        r.kind = span.kind
        r.statusCode = span.statusCode
        r.statusMessage = string(span.statusMessage)
        r.flags = span.flags
        r.startTime = span.startTime
        r.endTime = span.endTime
        r.attributes = keyValues(span.attributes, in: attributes)
        r.droppedAttributes = span.droppedAttributes
        r.events = span.events.indices.map { i in
            let e = events[i]
            var er = EventRecord(
                time: e.time, name: string(e.name), attributes: keyValues(e.attributes, in: subAttributes))
            er.droppedAttributes = e.droppedAttributes
            return er
        }
        r.droppedEvents = span.droppedEvents
        r.links = span.links.indices.map { i in
            let l = links[i]
            var lr = LinkRecord()
            lr.traceID = l.traceID
            lr.spanID = l.spanID
            lr.traceState = string(l.traceState)
            lr.attributes = keyValues(l.attributes, in: subAttributes)
            lr.droppedAttributes = l.droppedAttributes
            lr.flags = l.flags
            return lr
        }
        r.droppedLinks = span.droppedLinks
        return r
    }

    func keyValues(_ range: RecordRange, in array: [BatchAttribute]) -> [KeyValue] {
        range.indices.map { KeyValue(string(array[$0].key), value(array[$0].value)) }
    }

    public func value(_ v: BatchValue) -> AttributeValue {
        switch v.kind {
        case .empty: return .empty
        case .string: return .string(string(v.byteRef))
        case .bytes: return .bytes(byteArray(v.byteRef))
        case .bool: return .bool(v.boolValue)
        case .int: return .int(v.intValue)
        case .double: return .double(v.doubleValue)
        case .array: return .array(v.range.indices.map { value(nested[$0].value) })
        case .kvlist: return .kvlist(keyValues(v.range, in: nested))
        }
    }

    /// Appends `records`, grouping consecutive spans that share a resource and scope.
    public mutating func append(records: [SpanRecord]) {
        var lastResource: ResourceRecord?
        var lastScope: ScopeRecord?
        for r in records {
            if r.resource != lastResource || r.scope != lastScope {
                if r.resource != lastResource {
                    var res = BatchResource()
                    res.attributes = appendKeyValues(r.resource.attributes, sub: false)
                    res.droppedAttributes = r.resource.droppedAttributes
                    res.schemaURL = appendString(r.resource.schemaURL)
                    resources.append(res)
                    lastResource = r.resource
                }
                var scope = BatchScope(resourceIndex: UInt32(resources.count - 1))
                scope.name = appendString(r.scope.name)
                scope.version = appendString(r.scope.version)
                scope.attributes = appendKeyValues(r.scope.attributes, sub: false)
                scope.droppedAttributes = r.scope.droppedAttributes
                scope.schemaURL = appendString(r.scope.schemaURL)
                scopes.append(scope)
                lastScope = r.scope
            }
            var s = BatchSpan()
            s.scopeIndex = UInt32(scopes.count - 1)
            s.traceID = r.traceID
            s.spanID = r.spanID
            s.parentSpanID = r.parentSpanID
            s.traceState = appendString(r.traceState)
            s.name = appendString(r.name)
            s.kind = r.kind
            s.statusCode = r.statusCode
            s.statusMessage = appendString(r.statusMessage)
            s.flags = r.flags
            s.startTime = r.startTime
            s.endTime = r.endTime
            s.attributes = appendKeyValues(r.attributes, sub: false)
            s.droppedAttributes = r.droppedAttributes
            let eventStart = UInt32(events.count)
            for e in r.events {
                var be = BatchEvent()
                be.time = e.time
                be.name = appendString(e.name)
                be.attributes = appendKeyValues(e.attributes, sub: true)
                be.droppedAttributes = e.droppedAttributes
                events.append(be)
            }
            s.events = RecordRange(start: eventStart, count: UInt32(r.events.count))
            s.droppedEvents = r.droppedEvents
            let linkStart = UInt32(links.count)
            for l in r.links {
                var bl = BatchLink()
                bl.traceID = l.traceID
                bl.spanID = l.spanID
                bl.traceState = appendString(l.traceState)
                bl.attributes = appendKeyValues(l.attributes, sub: true)
                bl.droppedAttributes = l.droppedAttributes
                bl.flags = l.flags
                links.append(bl)
            }
            s.links = RecordRange(start: linkStart, count: UInt32(r.links.count))
            s.droppedLinks = r.droppedLinks
            spans.append(s)
        }
    }

    private mutating func appendKeyValues(_ kvs: [KeyValue], sub: Bool) -> RecordRange {
        // Values first: nested elements must be placed before the list that points at them.
        let converted = kvs.map { (appendString($0.key), appendValue($0.value)) }
        let start = UInt32(sub ? subAttributes.count : attributes.count)
        for (k, v) in converted {
            if sub {
                subAttributes.append(BatchAttribute(key: k, value: v))
            } else {
                attributes.append(BatchAttribute(key: k, value: v))
            }
        }
        return RecordRange(start: start, count: UInt32(kvs.count))
    }

    public mutating func appendValue(_ v: AttributeValue) -> BatchValue {
        switch v {
        case .empty: return .empty
        case .string(let s): return .string(appendString(s))
        case .bytes(let b): return .bytes(b.withUnsafeBytes { appendBytes($0) })
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .array(let items):
            let children = items.map { BatchAttribute(key: .empty, value: appendValue($0)) }
            let start = UInt32(nested.count)
            nested.append(contentsOf: children)
            return .array(RecordRange(start: start, count: UInt32(children.count)))
        case .kvlist(let kvs):
            let children = kvs.map { BatchAttribute(key: appendString($0.key), value: appendValue($0.value)) }
            let start = UInt32(nested.count)
            nested.append(contentsOf: children)
            return .kvlist(RecordRange(start: start, count: UInt32(children.count)))
        }
    }
}
