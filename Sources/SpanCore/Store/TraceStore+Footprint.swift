/// Approximate bytes held by each part of the store, for the memory benchmark.
public struct StoreFootprint: Sendable {
    public var spans = 0
    public var attributes = 0
    public var eventsAndLinks = 0
    public var spanIndexes = 0
    public var strings = 0
    public var tasks = 0
    /// Workers, their aggregates and task lists.
    public var workers = 0
    public var total: Int { spans + attributes + eventsAndLinks + spanIndexes + strings + tasks + workers }
}

extension TraceStore {
    public func footprint() -> StoreFootprint {
        var f = StoreFootprint()
        for t in traces.values {
            f.spans += t.spans.capacity * MemoryLayout<StoredSpan>.stride
            f.attributes +=
                (t.attributes.capacity + t.extraAttributes.capacity) * MemoryLayout<StoredAttribute>.stride
                + t.wideValues.capacity * 8
            f.eventsAndLinks +=
                t.events.capacity * MemoryLayout<StoredEvent>.stride + t.links.capacity
                * MemoryLayout<StoredLink>.stride
            f.spanIndexes += t.spanIndex.byteCount
        }
        f.strings = strings.footprint
        f.tasks =
            tasks.capacity * MemoryLayout<TaskRecord>.stride
            + tasks.reduce(0) { $0 + $1.children.capacity * 4 }
            + taskTable.sideByteCount
            + projectTable.records.reduce(0) { $0 + $1.tasks.capacity * 4 + $1.taskIndex.capacity * 8 }
            + traces.values.reduce(0) { $0 + $1.touchedTasks.capacity * 4 }
        // Dictionary entries: key and value at a load of at most 3/4.
        f.workers = workerTable.byteCount
        return f
    }
}
