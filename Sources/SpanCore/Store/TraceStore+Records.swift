extension TraceStore {
    /// A stored attribute as a plain value. Wide values and array and key-value list elements
    /// are read from the owner's tables: the trace's `wideValues` and `extraAttributes`, or
    /// `originWideValues` and `originAttributes` for resources and scopes.
    public func value(of a: StoredAttribute, extras: [StoredAttribute], wide: [UInt64]) -> AttributeValue {
        switch a.kind {
        case .empty: return .empty
        case .string: return .string(strings.string(a.stringID))
        case .bytes: return .bytes(strings.withBytes(a.stringID) { Array($0) })
        case .bool: return .bool(a.bits(wide) != 0)
        case .int: return .int(Int64(bitPattern: a.bits(wide)))
        case .double: return .double(Double(bitPattern: a.bits(wide)))
        case .array: return .array(a.range(wide).indices.map { value(of: extras[$0], extras: extras, wide: wide) })
        case .kvlist: return .kvlist(a.range(wide).indices.map { keyValue(extras[$0], extras: extras, wide: wide) })
        }
    }

    public func keyValue(_ a: StoredAttribute, extras: [StoredAttribute], wide: [UInt64]) -> KeyValue {
        KeyValue(strings.string(a.key), value(of: a, extras: extras, wide: wide))
    }

    /// An attribute of `trace` (its spans', events' or links', or a list element) as a plain value.
    func keyValue(_ a: StoredAttribute, of trace: TraceRecord) -> KeyValue {
        keyValue(a, extras: trace.extraAttributes, wide: trace.wideValues)
    }

    /// A resource or scope attribute as a plain value.
    func originKeyValue(_ a: StoredAttribute) -> KeyValue {
        keyValue(a, extras: originAttributes, wide: originWideValues)
    }

    /// The span at `local` of `trace` with its resource, scope, events and links, as plain values.
    public func record(of trace: TraceRecord, span local: Int) -> SpanRecord {
        let s = trace.spans[local]
        let origin = origins[s.origin.position]
        var r = SpanRecord()
        r.resource.attributes = origin.resourceAttributes.map {
            originKeyValue(originAttributes[$0])
        }
        r.resource.droppedAttributes = origin.resourceDropped
        r.resource.schemaURL = origin.resourceSchemaURL.isEmpty ? "" : strings.string(origin.resourceSchemaURL)
        r.scope.name = origin.scopeName.isEmpty ? "" : strings.string(origin.scopeName)
        r.scope.version = origin.scopeVersion.isEmpty ? "" : strings.string(origin.scopeVersion)
        r.scope.attributes = origin.scopeAttributes.map { originKeyValue(originAttributes[$0]) }
        r.scope.droppedAttributes = origin.scopeDropped
        r.scope.schemaURL = origin.scopeSchemaURL.isEmpty ? "" : strings.string(origin.scopeSchemaURL)
        r.traceID = trace.id
        r.spanID = SpanID(s.spanID)
        r.parentSpanID = SpanID(s.parentSpanID)
        r.name = strings.string(s.name)
        r.kind = s.kind
        r.statusCode = s.statusCode
        r.statusMessage = s.statusMessage.isEmpty ? "" : strings.string(s.statusMessage)
        r.flags = s.flags
        r.startTime = s.startTime
        r.endTime = s.endTime
        r.attributes = s.attributeRange.map { keyValue(trace.attributes[$0], of: trace) }
        r.events = trace.eventRange(of: local).map { i in
            let e = trace.events[i]
            var event = EventRecord(
                time: e.time, name: strings.string(e.name),
                attributes: e.attributeRange.map { keyValue(trace.extraAttributes[$0], of: trace) })
            event.droppedAttributes = e.droppedAttributes
            return event
        }
        r.links = trace.linkRange(of: local).map { i in
            let l = trace.links[i]
            var link = LinkRecord()
            link.traceID = l.traceID
            link.spanID = SpanID(l.spanID)
            link.traceState = l.traceState.isEmpty ? "" : strings.string(l.traceState)
            link.attributes = l.attributeRange.map {
                keyValue(trace.extraAttributes[$0], of: trace)
            }
            link.droppedAttributes = l.droppedAttributes
            link.flags = l.flags
            return link
        }
        if let rare = trace.rareFields[UInt32(local)] {
            r.traceState = rare.traceState.isEmpty ? "" : strings.string(rare.traceState)
            r.droppedAttributes = rare.droppedAttributes
            r.droppedEvents = rare.droppedEvents
            r.droppedLinks = rare.droppedLinks
        }
        return r
    }

    /// Every span of a trace as plain values, in arrival order (for export).
    public func records(of trace: TraceRecord) -> [SpanRecord] {
        trace.spans.indices.map { record(of: trace, span: $0) }
    }

    /// The span at `local` as an Eigent execution attempt (`task.execution:{id}`): its interned
    /// task and worker ids, and whether it failed as the task model counts it (status ERROR or
    /// `eigent.task.status` "failed"). nil for any other span. One pass over its attributes.
    public func executionAttempt(_ trace: TraceRecord, span local: Int) -> (
        task: StringID, worker: StringID, failed: Bool
    )? {
        let span = trace.spans[local]
        guard role(of: span.name) == .taskExecution else { return nil }
        var task = StringID.empty
        var worker = StringID.empty
        var failed = span.statusCode == StatusCode.error
        for i in span.attributeRange where trace.attributes[i].kind == .string {
            let a = trace.attributes[i]
            switch a.key {
            case WellKnownKey.eigentTaskID.id: task = a.stringID
            case WellKnownKey.eigentWorkerID.id: worker = a.stringID
            case WellKnownKey.eigentTaskStatus.id: failed = failed || a.stringID == failedWord
            default: continue
            }
        }
        return task.isEmpty ? nil : (task, worker, failed)
    }

    /// The string value of attribute `key` on the span at `local`, if it is a string.
    public func stringAttribute(_ key: WellKnownKey, of trace: TraceRecord, span local: Int) -> StringID? {
        for i in trace.spans[local].attributeRange where trace.attributes[i].key == key.id {
            return trace.attributes[i].kind == .string ? trace.attributes[i].stringID : nil
        }
        return nil
    }
}
