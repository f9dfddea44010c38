extension RunDiff {
    /// The diff as JSON, version 1 (`spantop diff --json`, keys in this order):
    /// `{"version", "pairs": [{"before", "after", "totals": {"before", "after"}, "tasks": [{"description",
    /// "before", "after", "change"}]}], "unpaired": {"before", "after"}}`. Unknown values are null.
    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The diff JSON as UTF-8 bytes, ready to write.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("version", 1)
        w.beginArray("pairs")
        for p in pairs {
            w.beginObject()
            w.field("before", p.before)
            w.field("after", p.after)
            w.beginObject("totals")
            Self.write(p.beforeTotals, "before", &w)
            Self.write(p.afterTotals, "after", &w)
            w.endObject()
            w.beginArray("tasks")
            for t in p.tasks {
                w.beginObject()
                w.field("description", t.description)
                Self.write(t.before, "before", &w)
                Self.write(t.after, "after", &w)
                w.beginArray("change")
                for c in t.changes.list { w.element(c.name) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginObject("unpaired")
        w.beginArray("before")
        for id in unpairedBefore { w.element(id) }
        w.endArray()
        w.beginArray("after")
        for id in unpairedAfter { w.element(id) }
        w.endArray()
        w.endObject()
        w.endObject()
        return w.bytes
    }

    private static func write(_ s: Totals, _ key: String, _ w: inout JSONWriter) {
        w.beginObject(key)
        w.field("tasks", s.tasks)
        w.field("failed", s.failed)
        w.field("makespan_s", s.makespan)
        w.field("tokens", s.tokens)
        w.field("cost_usd", s.cost, digits: 9)
        w.field("quality_avg", s.quality, digits: 2)
        w.endObject()
    }

    private static func write(_ t: TaskFigures?, _ key: String, _ w: inout JSONWriter) {
        guard let t else { return w.field(key, nil as String?) }
        w.beginObject(key)
        w.field("id", t.id)
        w.field("status", t.status.name)
        w.field("attempts", t.attempts)
        w.field("processing_s", t.processingSeconds)
        w.field("tokens", t.tokens)
        w.field("cost_usd", t.cost, digits: 9)
        w.field("quality", t.quality, digits: 2)
        w.endObject()
    }
}
