import SpanCore

/// The span detail page as lines of text: identity, status, times, resource, scope,
/// attributes, events and links, long values wrapped to `width`. Render draws them; reduce
/// counts them to stop scrolling at the end.
enum SpanDetail {
    static func lines(_ r: SpanRecord, width: Int) -> [(String, Role)] {
        var out: [(String, Role)] = []
        func section(_ title: String) {
            out.append(("", .normal))
            out.append((title, .title))
        }
        func field(_ key: String, _ value: String, _ role: Role = .normal, indent: Int = 2) {
            let pad = String(repeating: " ", count: indent)
            let wrapped = Wrap.lines(value, width: max(10, width - indent - DisplayWidth.of(key) - 2))
            out.append((pad + key + ": " + (wrapped.first ?? ""), role))
            let hang = String(repeating: " ", count: indent + DisplayWidth.of(key) + 2)
            for more in wrapped.dropFirst() { out.append((hang + more, role)) }
        }
        func attributes(_ list: [KeyValue], indent: Int = 2) {
            if list.isEmpty { out.append((String(repeating: " ", count: indent) + "(none)", .dim)) }
            for kv in list.sorted(by: { $0.key < $1.key }) { field(kv.key, kv.value.description, indent: indent) }
        }
        out.append((r.name, .title))
        field("trace", r.traceID.hex)
        field("span", r.spanID.hex)
        field("parent", r.parentSpanID == .zero ? "(root)" : r.parentSpanID.hex)
        field("kind", kindName(r.kind))
        let status = ["unset", "ok", "error"][Int(min(r.statusCode, 2))]
        field(
            "status", r.statusMessage.isEmpty ? status : status + " — " + r.statusMessage,
            r.statusCode == 2 ? .error : .normal)
        field("start", Format.clock(r.startTime) + " (\(r.startTime.unixNanoseconds) ns)")
        field("duration", r.endTime >= r.startTime ? Format.seconds(r.endTime.since(r.startTime).seconds) : "—")
        let call = ModelCallSummary.lines(r.attributes)
        if !call.isEmpty {
            section("Model call")
            for line in call { field(line.key, line.value, line.warn ? .warning : .normal) }
        }
        section("Attributes")
        attributes(r.attributes)
        section("Events (\(r.events.count))")
        for e in r.events {
            let offset =
                e.time >= r.startTime ? "+" + Format.seconds(e.time.since(r.startTime).seconds) : Format.clock(e.time)
            out.append(("  \(offset) \(e.name)", e.name == "exception" ? .error : .accent))
            attributes(e.attributes, indent: 4)
        }
        section("Links (\(r.links.count))")
        for l in r.links {
            out.append(("  trace \(l.traceID.hex) span \(l.spanID.hex)", .accent))
            attributes(l.attributes, indent: 4)
        }
        section("Resource")
        attributes(r.resource.attributes)
        section("Scope")
        field("name", r.scope.name.isEmpty ? "—" : r.scope.name)
        field("version", r.scope.version.isEmpty ? "—" : r.scope.version)
        if !r.scope.attributes.isEmpty { attributes(r.scope.attributes) }
        return out
    }

    static func kindName(_ kind: UInt8) -> String {
        ["unspecified", "internal", "server", "client", "producer", "consumer"][Int(min(kind, 5))]
    }
}
