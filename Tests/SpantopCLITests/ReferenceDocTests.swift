import Forward
import Foundation
import Recordings
import SpanCore
import SpantopTestSupport
import Testing

/// The reference pages (`docs/reference/*.md`) list every key the JSON writers emit and every
/// option each command takes, in tables the tests read: a `<!-- keys: NAME -->` or
/// `<!-- options: NAME -->` comment names the object (or command) the table after it describes,
/// and the table's first column holds the backticked keys. Each check goes both ways: a key the
/// code emits that the page lacks fails, and so does a key the page lists that the code never
/// emits.
struct ReferenceDocTests {
    static let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()

    /// Every keyed table of the reference pages, by name.
    static func tables() throws -> ReferenceTables {
        let dir = root.appendingPathComponent("docs/reference")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }
        var tables = ReferenceTables()
        for name in names.sorted() {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            try tables.read(text, page: name)
        }
        return tables
    }

    /// One store over fixtures that together exercise every key: Eigent workforces (critical
    /// paths, retries, workers), agent runs of every framework (agents, tools, loops), a diff run.
    static func store() throws -> TraceStore {
        let store = TraceStore()
        let loader = RecordingLoader(store: store) { _ in }
        let names = [
            "workforce.otlp.jsonl", "agents-pydantic.otlp.jsonl", "agents-autogen.otlp.jsonl",
            "agents-openinference.otlp.jsonl", "agents-legacy.otlp.jsonl", "agents-langgraph.otlp.jsonl",
            "agents-langfuse.otlp.jsonl", "agents-openllmetry.otlp.jsonl", "diff-before.jsonl",
        ]
        for name in names { try loader.load(path: Fixtures.path(name)) }
        try loader.load(path: try Self.reasoningAndImageRun())
        return store
    }

    /// An agent run whose one model call was sent an image and answered with reasoning: part
    /// types no captured fixture has.
    static func reasoningAndImageRun() throws -> String {
        let input =
            #"[{"role":"user","parts":[{"type":"text","content":"What is in this picture?"},"#
            + #"{"type":"image","mime_type":"image/png"}]}]"#
        let output =
            #"[{"role":"assistant","parts":[{"type":"reasoning","content":"Look at it first."},"#
            + #"{"type":"text","content":"A cat."}],"finish_reason":"stop"}]"#
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let lines = [
            #"{"name": "invoke_agent viewer", "traceId": "\#(imageTrace)", "spanId": "b7ad6b7169203331", "#
                + #""startTimeUnixNano": 1767261600000000000, "endTimeUnixNano": 1767261602000000000, "#
                + #""attributes": {"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "viewer"}, "#
                + #""resourceAttributes": {"service.name": "reference-doc"}}"#,
            #"{"name": "chat gpt-4o", "traceId": "\#(imageTrace)", "spanId": "b7ad6b7169203332", "#
                + #""parentSpanId": "b7ad6b7169203331", "#
                + #""startTimeUnixNano": 1767261600500000000, "endTimeUnixNano": 1767261601500000000, "#
                + #""attributes": {"gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "#
                + #""gen_ai.input.messages": \#(quoted(input)), "gen_ai.output.messages": \#(quoted(output))}, "#
                + #""resourceAttributes": {"service.name": "reference-doc"}}"#,
        ]
        return try ReportCommandTests.temporaryFile(
            "reasoning.jsonl", Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static let imageTrace = "0af7651916cd43dd8448eb211c80319c"

    static func object(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    // MARK: Report JSON

    @Test func reportKeysAreTheDocumentedKeys() throws {
        let store = try Self.store()
        // As `serve --report-json` writes it when forwarding: the report, then `forwarding`.
        var status = ForwardStatus(name: "langfuse", endpoint: "https://cloud.langfuse.com/api/public/otel/v1/traces")
        status.lastError = "HTTP 429: Too Many Requests"
        let forwarding = JSONSection("forwarding") { ForwardStatus.write([status], to: &$0) }
        let report = try Self.object(Report(store).jsonBytes(extra: [forwarding]))
        var emitted = KeyPaths()
        emitted.walk(report, at: "report")
        try Self.compare(emitted, try Self.tables(), family: "report")
    }

    // MARK: Diff JSON

    @Test func diffKeysAreTheDocumentedKeys() throws {
        func load(_ name: String) throws -> TraceStore {
            let store = TraceStore()
            try RecordingLoader(store: store) { _ in }.load(path: Fixtures.path(name))
            return store
        }
        let diff = try RunDiff(before: try load("diff-before.jsonl"), after: try load("diff-after.jsonl"))
        let json = try Self.object(diff.jsonBytes())
        var emitted = KeyPaths()
        emitted.walk(json, at: "diff")
        // Tasks added and removed (a side that is null) must be among them.
        #expect(emitted.nulls.contains("diff.pairs[].tasks[].before"))
        #expect(emitted.nulls.contains("diff.pairs[].tasks[].after"))
        try Self.compare(emitted, try Self.tables(), family: "diff")
    }

    // MARK: Transcript JSON

    @Test func transcriptKeysAreTheDocumentedKeys() throws {
        let store = try Self.store()
        // A trace's task has the trace's id: every agent run and plain trace of the fixtures.
        let report = try Self.object(Report(store).jsonBytes()) as? [String: Any] ?? [:]
        let tasks = (report["projects"] as? [[String: Any]] ?? []).flatMap { $0["task_list"] as? [[String: Any]] ?? [] }
        let traces = Set(tasks.compactMap { $0["id"] as? String }.filter { TraceID(hex: $0) != nil && $0.count == 32 })
        var emitted = KeyPaths(opaque: Self.transcriptValues)
        for hex in traces.sorted() {
            guard let id = TraceID(hex: hex), let transcript = store.transcript(ofTrace: id) else { continue }
            emitted.walk(try Self.object(transcript.jsonBytes()), at: "transcript")
        }
        #expect(traces.contains(Self.imageTrace))
        try Self.compare(emitted, try Self.tables(), family: "transcript")
    }

    /// Values that are any JSON the tool sent (not keys of ours).
    static let transcriptValues: Set<String> = [
        "transcript.messages[].parts[tool_call].arguments",
        "transcript.messages[].parts[tool_call_response].response",
        "query.transcript.messages[].parts[tool_call].arguments",
        "query.transcript.messages[].parts[tool_call_response].response",
    ]

    // MARK: Query API

    @Test func queryAnswerKeysAreTheDocumentedKeys() throws {
        let store = try Self.store()
        var emitted = KeyPaths(opaque: Self.transcriptValues)
        func ask(_ target: String, as name: String, status: Int = 200) throws -> [String: Any] {
            let answer = store.answer(target: target)
            #expect(answer.status == status, "\(target): \(String(decoding: answer.body, as: UTF8.self))")
            let json = try Self.object(answer.body)
            emitted.walk(json, at: name)
            return json as? [String: Any] ?? [:]
        }
        let overview = try ask("/api/v1/overview?limit=500", as: "query.overview")
        let projects = (overview["projects"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(projects.count > 10)
        for id in projects {
            _ = try ask("/api/v1/projects/\(Self.escaped(id))", as: "query.project")
        }
        var cursor: String? = "0"
        var taskIDs: [(id: String, project: String)] = []
        while let c = cursor {
            let page = try ask("/api/v1/tasks?limit=500&cursor=\(c)", as: "query.tasks")
            for t in page["tasks"] as? [[String: Any]] ?? [] {
                if let id = t["id"] as? String, let p = t["project"] as? String { taskIDs.append((id, p)) }
            }
            cursor = page["next_cursor"] as? String
        }
        for t in taskIDs.prefix(40) {
            _ = try ask("/api/v1/tasks/\(Self.escaped(t.id))?project=\(Self.escaped(t.project))", as: "query.task")
        }
        let delegation = "83fa3269d734a52b6f0aa4af9b26d5df"
        _ = try ask("/api/v1/tasks/\(delegation)/transcript?limit=3", as: "query.transcript")
        _ = try ask("/api/v1/search?text=status", as: "query.search")
        _ = try ask("/api/v1/nothing-here", as: "query.error", status: 404)
        // Objects nested in query answers are the report's and the transcript's: their keys are
        // checked against those tables.
        let aliases = [
            ("query.project.", "report.projects[]."), ("query.transcript.", "transcript."),
            ("query.overview.content", "report.content"),
            ("query.overview.projects[].tasks", "report.projects[].tasks"),
        ]
        try Self.compare(emitted.renamed(aliases), try Self.tables(), family: "query")
    }

    static func escaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// Fails for every object whose emitted keys differ from its table's, in either direction.
    /// Every table of `family` must describe an object that was emitted; every emitted object
    /// must have a table.
    static func compare(_ emitted: KeyPaths, _ tables: ReferenceTables, family: String) throws {
        let documented = Set(tables.names(kind: "keys").filter { $0 == family || $0.hasPrefix(family + ".") })
        #expect(!documented.isEmpty, "no `<!-- keys: \(family)… -->` tables in docs/reference")
        for name in documented.union(emitted.keys.keys).sorted() {
            let have = emitted.keys[name] ?? []
            guard let table = try tables.keys(name, kind: "keys") else {
                Issue.record("\(name) is emitted with keys \(have.sorted()) but no reference table describes it")
                continue
            }
            let undocumented = have.subtracting(table).sorted()
            let neverEmitted = table.subtracting(have).sorted()
            #expect(undocumented.isEmpty, "\(name): emitted but not in the reference: \(undocumented)")
            #expect(neverEmitted.isEmpty, "\(name): in the reference but never emitted: \(neverEmitted)")
        }
    }

    // MARK: Command-line options

    static let commands = ["live", "demo", "replay", "serve", "report", "diff", "prices", "transcript", "mcp"]

    @Test(arguments: commands)
    func commandOptionsAreTheDocumentedOptions(_ command: String) throws {
        let help = try ReportCommandTests.run(["help", command])
        #expect(help.status == 0)
        let listed = Self.options(inHelp: help.stdout)
        #expect(listed.contains("--max-spans") || command == "prices", "help was read: \(listed)")
        let table = try #require(try Self.tables().keys(command, kind: "options"), "no options table for \(command)")
        let undocumented = listed.subtracting(table).sorted()
        let unknown = table.subtracting(listed).sorted()
        #expect(undocumented.isEmpty, "spantop \(command) takes options cli.md does not list: \(undocumented)")
        #expect(unknown.isEmpty, "cli.md lists options spantop \(command) does not take: \(unknown)")
    }

    /// The long options in the OPTIONS section of `spantop help COMMAND` (without `--help` and
    /// `--version`, which every command has).
    static func options(inHelp text: String) -> Set<String> {
        var result = Set<String>()
        var inOptions = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inOptions = line.hasPrefix("OPTIONS:") }
            guard inOptions, line.hasPrefix("  -") else { continue }
            for word in line.split(separator: " ") where word.hasPrefix("--") {
                let option = String(word.trimmingCharacters(in: CharacterSet(charactersIn: ",")))
                if option != "--help" && option != "--version" { result.insert(option) }
                break
            }
        }
        return result
    }
}

/// The keys of every JSON object in a document, by where the object sits: `report`,
/// `report.projects[]`, `report.projects[].critical_path`; objects in an array that carry a
/// string `type` are told apart by it (`transcript.messages[].parts[text]`).
struct KeyPaths {
    var keys: [String: Set<String>] = [:]
    /// Members whose value was `null` somewhere.
    var nulls = Set<String>()
    /// Members whose values are any JSON (not ours to document).
    var opaque = Set<String>()

    init(opaque: Set<String> = []) { self.opaque = opaque }

    mutating func walk(_ value: Any, at path: String) {
        if let object = value as? [String: Any] {
            keys[path, default: []].formUnion(object.keys)
            for (key, member) in object {
                let inner = path + "." + key
                if member is NSNull { nulls.insert(inner) }
                if !opaque.contains(inner) { walk(member, at: inner) }
            }
        } else if let array = value as? [Any] {
            for element in array {
                let type = (element as? [String: Any])?["type"] as? String
                walk(element, at: path + (type.map { "[\($0)]" } ?? "[]"))
            }
        }
    }

    /// The same keys, with paths under each `from` prefix moved under its `to`.
    func renamed(_ aliases: [(from: String, to: String)]) -> KeyPaths {
        var result = KeyPaths(opaque: opaque)
        for (path, set) in keys {
            var name = path
            for (from, to) in aliases where path.hasPrefix(from) {
                name = to + path.dropFirst(from.count)
                break
            }
            result.keys[name, default: []].formUnion(set)
        }
        return result
    }
}

/// The keyed tables of the reference pages. A table is announced by a comment on its own line,
///
///     <!-- keys: NAME [NAME...] [; base: NAME...] [; except: KEY...] -->
///
/// (`options:` for command-line options), then a Markdown table whose rows' first cell holds
/// the keys in backticks (`` `cost_usd` ``; for options the first word: `` `--max-spans N` ``).
/// A table stands for each NAME; `base:` adds other tables' keys, `except:` takes keys away.
struct ReferenceTables {
    struct Table {
        var kind: String
        var page: String
        var keys: Set<String>
        var base: [String]
        var except: Set<String>
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// By kind and name: a command and an object may share a name (`diff`).
    private(set) var tables: [String: Table] = [:]

    func names(kind: String) -> [String] {
        tables.filter { $0.value.kind == kind }.map { String($0.key.dropFirst(kind.count + 1)) }
    }

    /// The keys of table `name` with its bases resolved; nil when there is no such table.
    func keys(_ name: String, kind: String, seen: Set<String> = []) throws -> Set<String>? {
        guard let table = tables[kind + ":" + name] else { return nil }
        guard !seen.contains(name) else { throw FormatError(description: "\(name): its bases form a cycle") }
        var result = table.keys
        for base in table.base {
            guard let more = try keys(base, kind: kind, seen: seen.union([name])) else {
                throw FormatError(description: "\(table.page): \(name) names an unknown base \(base)")
            }
            result.formUnion(more)
        }
        return result.subtracting(table.except)
    }

    mutating func read(_ text: String, page: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("<!--"), line.hasSuffix("-->") else { continue }
            let inner = line.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
            var clauses = inner.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let head = clauses.first, let colon = head.firstIndex(of: ":") else { continue }
            let kind = String(head[..<colon])
            guard kind == "keys" || kind == "options" else { continue }
            let names = head[head.index(after: colon)...].split(separator: " ").map(String.init)
            clauses.removeFirst()
            var base: [String] = []
            var except = Set<String>()
            for clause in clauses {
                let parts = clause.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let words = parts.count == 2 ? parts[1].split(separator: " ").map(String.init) : []
                switch parts.first {
                case "base": base += words
                case "except": except.formUnion(words)
                default: throw FormatError(description: "\(page):\(i + 1): unknown clause '\(clause)'")
                }
            }
            let rows = try Self.rows(lines, after: i, kind: kind, page: page)
            guard !names.isEmpty, !rows.isEmpty || !base.isEmpty else {
                throw FormatError(description: "\(page):\(i + 1): a table comment needs names and rows (or a base)")
            }
            for name in names {
                guard tables[kind + ":" + name] == nil else {
                    throw FormatError(description: "\(page):\(i + 1): \(name) is described twice")
                }
                tables[kind + ":" + name] = Table(kind: kind, page: page, keys: rows, base: base, except: except)
            }
        }
    }

    /// The keys in the first cells of the table that follows line `index`.
    private static func rows(_ lines: [String], after index: Int, kind: String, page: String) throws -> Set<String> {
        var i = index + 1
        while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
        guard i + 1 < lines.count, lines[i].hasPrefix("|"), lines[i + 1].hasPrefix("|-") else {
            throw FormatError(description: "\(page):\(index + 1): no table after the comment")
        }
        var keys = Set<String>()
        i += 2
        while i < lines.count, lines[i].hasPrefix("|") {
            let cell = firstCell(lines[i])
            let tokens = cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            guard !tokens.isEmpty else {
                throw FormatError(description: "\(page):\(i + 1): the first cell has no `key`: \(cell)")
            }
            for token in tokens {
                if kind == "options" {
                    let word = String(token.split(separator: " ").first ?? "")
                    guard word.hasPrefix("-") else {
                        throw FormatError(description: "\(page):\(i + 1): '\(token)' is not an option")
                    }
                    if word.hasPrefix("--") { keys.insert(word) }
                } else {
                    guard token.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
                        throw FormatError(description: "\(page):\(i + 1): '\(token)' is not a key")
                    }
                    keys.insert(token)
                }
            }
            i += 1
        }
        return keys
    }

    /// The text between a row's first two unescaped `|`.
    private static func firstCell(_ row: String) -> String {
        var cell = ""
        var escaped = false
        for c in row.dropFirst() {
            if c == "|" && !escaped { break }
            escaped = c == "\\"
            cell.append(c)
        }
        return cell
    }
}
