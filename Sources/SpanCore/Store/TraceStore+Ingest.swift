extension TraceStore {
    /// Adds a decoded batch: stores its spans, updates tasks and aggregates once for the
    /// whole batch, then evicts old traces if the span budget is exceeded.
    public func ingest(_ batch: SpanBatch) {
        statistics.batches += 1
        scratchOrigin.removeAll(keepingCapacity: true)
        scratchOrigin.append(contentsOf: repeatElement(nil, count: batch.scopes.count))
        guesses.reset()
        var current: TraceRecord?
        batch.bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            for span in batch.spans {
                let trace: TraceRecord
                if let c = current, c.id == span.traceID {
                    trace = c
                } else {
                    trace = traceRecord(span.traceID)
                    current = trace
                }
                guard trace.spanIndex.find(span.spanID.raw, in: trace.spans) == nil else {
                    statistics.duplicateSpans += 1
                    continue
                }
                let origin = originID(span.scopeIndex, batch, base)
                store(span, origin: origin, in: trace, batch: batch, base: base)
            }
        }
        finishBatch()
    }

    private func traceRecord(_ id: TraceID) -> TraceRecord {
        let (t, isNew) = traceTable.record(for: id)
        if isNew { statistics.traces += 1 }
        return t
    }

    /// Message texts at least this long are interned as pieces when they are JSON arrays.
    static var splitMessagesFrom: UInt32 { 256 }

    @inline(__always)
    func intern(_ ref: ByteRef, _ base: UnsafeRawPointer) -> StringID {
        strings.intern(base + Int(ref.offset), Int(ref.length))
    }

    private func store(
        _ span: BatchSpan, origin: OriginIndex, in trace: TraceRecord, batch: SpanBatch, base: UnsafeRawPointer
    ) {
        let attributeStart = trace.attributes.count
        var dropped: UInt32 = 0
        for i in span.attributes.indices {
            let a = batch.attributes[i]
            let position = i - span.attributes.indices.lowerBound
            let key: StringID
            if let guess = guesses.id(of: .key, at: position, a.key, base) {
                key = guess
            } else {
                key = intern(a.key, base)
                guesses.note(.key, at: position, a.key, key)
            }
            guard key.rawValue <= StoredAttribute.maxKey, trace.attributes.count - attributeStart < Int(UInt16.max)
            else {
                dropped += 1
                continue
            }
            let stored: StoredAttribute
            if a.value.kind == .string && isMessageKey(key) {
                guard keepsContent else {
                    statistics.contentDroppedAttributes += 1
                    trace.contentDropped = .notKept
                    continue
                }
                let ref = a.value.byteRef
                trace.contentBytes += Int(ref.length)
                contentBytes += Int(ref.length)
                // A message list repeats the earlier calls' messages: stored as shared pieces.
                let id =
                    ref.length >= Self.splitMessagesFrom
                    ? strings.internSplitting(base + Int(ref.offset), Int(ref.length)) : intern(ref, base)
                stored = StoredAttribute(key: key, kind: .string, bits: UInt64(id.rawValue), wide: &trace.wideValues)
            } else if a.value.kind == .string {
                let ref = a.value.byteRef
                let value: StringID
                if let guess = guesses.id(of: .value, at: position, ref, base) {
                    value = guess
                } else {
                    value = intern(ref, base)
                    guesses.note(.value, at: position, ref, value)
                }
                stored = StoredAttribute(key: key, kind: .string, bits: UInt64(value.rawValue), wide: &trace.wideValues)
            } else {
                stored = storedValue(
                    a.value, key: key, batch, base, into: &trace.extraAttributes, wide: &trace.wideValues)
            }
            if key.rawValue < knownKeyCount { knownSlots[key.slot] = Int32(trace.attributes.count) }
            trace.attributes.append(stored)
        }
        let eventStart = trace.events.count
        var droppedEvents: UInt32 = 0
        for i in span.events.indices {
            guard trace.events.count - eventStart < Int(UInt16.max) else {
                droppedEvents += 1
                continue
            }
            let e = batch.events[i]
            let range = storeList(
                e.attributes, batch.subAttributes, batch, base, into: &trace.extraAttributes, wide: &trace.wideValues)
            trace.events.append(
                StoredEvent(
                    time: e.time, name: intern(e.name, base), attributeStart: range.start, attributeCount: range.count,
                    droppedAttributes: e.droppedAttributes))
        }
        let linkStart = trace.links.count
        var droppedLinks: UInt32 = 0
        for i in span.links.indices {
            guard trace.links.count - linkStart < Int(UInt16.max) else {
                droppedLinks += 1
                continue
            }
            let l = batch.links[i]
            let range = storeList(
                l.attributes, batch.subAttributes, batch, base, into: &trace.extraAttributes, wide: &trace.wideValues)
            trace.links.append(
                StoredLink(
                    traceID: l.traceID, spanID: l.spanID.raw, traceState: intern(l.traceState, base),
                    attributeStart: range.start, attributeCount: range.count, droppedAttributes: l.droppedAttributes,
                    flags: l.flags))
        }
        let stored = StoredSpan(
            spanID: span.spanID.raw, parentSpanID: span.parentSpanID.raw, startTime: span.startTime,
            endTime: span.endTime, name: intern(span.name, base), statusMessage: intern(span.statusMessage, base),
            origin: origin, attributeStart: UInt32(attributeStart), flags: span.flags,
            attributeCount: UInt16(trace.attributes.count - attributeStart), kind: span.kind,
            statusCode: span.statusCode)
        let local = UInt32(trace.spans.count)
        trace.spans.append(stored)
        trace.spanIndex.indexLast(of: trace.spans)
        if span.parentSpanID.isZero && trace.rootIndex == nil {
            trace.rootIndex = Int(local)
            // The root ends last: the trace is (almost always) complete, so drop growth slack.
            trace.compact()
            noteFinished(trace)
        }
        let linkCount = trace.links.count - linkStart
        let eventCount = trace.events.count - eventStart
        if span.traceState.length > 0 || eventCount > 0 || linkCount > 0 || span.droppedAttributes + dropped > 0
            || span.droppedEvents + droppedEvents > 0 || span.droppedLinks + droppedLinks > 0
        {
            trace.rareFields[local] = RareSpanFields(
                traceState: intern(span.traceState, base), eventStart: UInt32(eventStart),
                eventCount: UInt32(eventCount), linkStart: UInt32(linkStart), linkCount: UInt32(linkCount),
                droppedAttributes: span.droppedAttributes + dropped, droppedEvents: span.droppedEvents + droppedEvents,
                droppedLinks: span.droppedLinks + droppedLinks)
        }
        statistics.spans += 1

        applyToTasks(trace, Int(local), origin)

        for i in stored.attributeRange {
            let key = trace.attributes[i].key
            if key.rawValue < knownKeyCount { knownSlots[key.slot] = -1 }
        }
    }

    /// Converts one attribute value; arrays and lists put their elements in `extras`, values
    /// that do not fit inline go to `wide`.
    private func storedValue(
        _ v: BatchValue, key: StringID, _ batch: SpanBatch, _ base: UnsafeRawPointer,
        into extras: inout [StoredAttribute], wide: inout [UInt64]
    ) -> StoredAttribute {
        switch v.kind {
        case .string, .bytes:
            return StoredAttribute(key: key, kind: v.kind, bits: UInt64(intern(v.byteRef, base).rawValue), wide: &wide)
        case .array, .kvlist:
            let range = storeList(v.range, batch.nested, batch, base, into: &extras, wide: &wide)
            return StoredAttribute(
                key: key, kind: v.kind, bits: UInt64(range.count) << 32 | UInt64(range.start), wide: &wide)
        default:
            return StoredAttribute(key: key, kind: v.kind, bits: v.bits, wide: &wide)
        }
    }

    /// Stores a run of attributes contiguously in `extras`. Nested lists are stored first
    /// (depth first), so each list's own elements stay together.
    private func storeList(
        _ range: RecordRange, _ source: [BatchAttribute], _ batch: SpanBatch, _ base: UnsafeRawPointer,
        into extras: inout [StoredAttribute], wide: inout [UInt64]
    ) -> RecordRange {
        guard range.count > 0 else { return RecordRange(start: UInt32(extras.count), count: 0) }
        var converted: [StoredAttribute] = []
        converted.reserveCapacity(Int(range.count))
        for i in range.indices {
            let a = source[i]
            let key = min(intern(a.key, base), StringID(rawValue: StoredAttribute.maxKey))
            converted.append(storedValue(a.value, key: key, batch, base, into: &extras, wide: &wide))
        }
        let start = UInt32(extras.count)
        extras.append(contentsOf: converted)
        return RecordRange(start: start, count: range.count)
    }

    /// Finds or adds the resource and scope pair of a batch scope, cached per batch.
    private func originID(_ scopeIndex: UInt32, _ batch: SpanBatch, _ base: UnsafeRawPointer) -> OriginIndex {
        if let cached = scratchOrigin[Int(scopeIndex)] { return cached }
        let scope = batch.scopes[Int(scopeIndex)]
        let resource = batch.resources[Int(scope.resourceIndex)]
        // Identity: the exact bytes of everything the pair carries.
        scratchKey.removeAll(keepingCapacity: true)
        func add(_ r: ByteRef) {
            withUnsafeBytes(of: r.length) { scratchKey.append(contentsOf: $0) }
            scratchKey.append(contentsOf: UnsafeRawBufferPointer(start: base + Int(r.offset), count: Int(r.length)))
        }
        let pairBatch = batch
        func addValue(_ v: BatchValue) {
            scratchKey.append(v.kind.rawValue)
            switch v.kind {
            case .string, .bytes: add(v.byteRef)
            case .array, .kvlist:
                for i in v.range.indices {
                    add(pairBatch.nested[i].key)
                    addValue(pairBatch.nested[i].value)
                }
                scratchKey.append(0xFF)
            default: withUnsafeBytes(of: v.bits) { scratchKey.append(contentsOf: $0) }
            }
        }
        for list in [resource.attributes, scope.attributes] {
            for i in list.indices {
                add(batch.attributes[i].key)
                addValue(batch.attributes[i].value)
            }
            scratchKey.append(0xFE)
        }
        add(resource.schemaURL)
        add(scope.name)
        add(scope.version)
        add(scope.schemaURL)
        withUnsafeBytes(of: (resource.droppedAttributes, scope.droppedAttributes)) { scratchKey.append(contentsOf: $0) }
        let keyID = scratchKey.withUnsafeBytes { strings.intern($0.baseAddress!, $0.count) }
        if let existing = originIndex[keyID] {
            scratchOrigin[Int(scopeIndex)] = existing
            return existing
        }
        let resourceRange = storeOriginAttributes(resource.attributes, batch, base)
        let scopeRange = storeOriginAttributes(scope.attributes, batch, base)
        var resourceProject: StringID?
        var projectRank = Int.max
        var serviceName: StringID?
        for i in resourceRange where originAttributes[i].kind == .string {
            let key = originAttributes[i].key
            if key == WellKnownKey.serviceName.id { serviceName = originAttributes[i].stringID }
            if let rank = WellKnownKey.projectKeys.firstIndex(where: { $0.id == key }), rank < projectRank {
                projectRank = rank
                resourceProject = originAttributes[i].stringID
            }
        }
        let scopeName = intern(scope.name, base)
        let origin = Origin(
            resourceAttributes: resourceRange, resourceDropped: resource.droppedAttributes,
            resourceSchemaURL: intern(resource.schemaURL, base), scopeName: scopeName,
            scopeVersion: intern(scope.version, base), scopeAttributes: scopeRange,
            scopeDropped: scope.droppedAttributes, scopeSchemaURL: intern(scope.schemaURL, base),
            resourceProject: resourceProject, serviceName: serviceName,
            isEigentScope: strings.string(scopeName) == "eigent.workforce")
        let id = OriginIndex(rawValue: UInt32(origins.count))
        origins.append(origin)
        originIndex[keyID] = id
        scratchOrigin[Int(scopeIndex)] = id
        return id
    }

    /// Origins are few and never evicted; their nested values share `originAttributes`.
    private func storeOriginAttributes(_ range: RecordRange, _ batch: SpanBatch, _ base: UnsafeRawPointer) -> Range<Int>
    {
        let stored = storeList(range, batch.attributes, batch, base, into: &originAttributes, wide: &originWideValues)
        return Int(stored.start)..<Int(stored.start + stored.count)
    }
}
