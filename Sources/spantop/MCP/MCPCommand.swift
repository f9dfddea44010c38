import ArgumentParser
import Foundation
import MCP
import Recordings
import SpanCore

struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "A Model Context Protocol server on stdio: let a coding agent ask spantop.",
        discussion: """
            Tools: overview, list_tasks, get_task, get_transcript, critical_path, search. Over recordings \
            (spantop mcp FILE...) or over a running spantop (spantop mcp --connect http://127.0.0.1:4318, \
            through its query API). Answers are JSON text, at most 32 KB unless a call asks for more \
            (max_kb), leading with counts and the worst items. Add it to an MCP client's configuration as \
            the command `spantop` with the arguments `mcp FILE...` or `mcp --connect URL`. Nothing but the \
            protocol is written to stdout; diagnostics go to stderr.
            """)

    @Argument(help: ArgumentHelp("Recorded span files to answer from.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Ask a running spantop instead (its OTLP/HTTP address).", valueName: "url"))
    var connect: String?

    @Option(help: ArgumentHelp("The receiver token of the spantop at --connect, if it has one.", valueName: "token"))
    var token: String?

    @Option(help: "Default largest answer in KB.")
    var maxKb: Int = 32

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if files.isEmpty == (connect == nil) {
            throw ValidationError("give recorded files or --connect URL (one of them)")
        }
        if let connect, !(connect.hasPrefix("http://") || connect.hasPrefix("https://")) {
            throw ValidationError("--connect takes an http:// URL, like http://127.0.0.1:4318")
        }
        guard (1...SpantopTools.maxKB).contains(maxKb) else {
            throw ValidationError("--max-kb must be from 1 to \(SpantopTools.maxKB)")
        }
    }

    func run() async throws {
        let source: any QuerySource
        if let connect {
            let base = connect.hasSuffix("/") ? String(connect.dropLast()) : connect
            source = RemoteQuerySource(base: base, token: token)
        } else {
            let store = try storeOptions.makeStore()
            try RecordingFiles.load(files, into: store, quiet: true)
            source = LocalQuerySource(store: store)
        }
        let tools = SpantopTools(source: source, defaultLimit: maxKb * 1024)
        let server = Server(
            name: "spantop", version: Spantop.version,
            instructions:
                "Ask spantop about LLM-agent workforces: start with overview, then list_tasks, get_task, get_transcript, critical_path or search.",
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: SpantopTools.definitions) }
        await server.withMethodHandler(CallTool.self) { params in
            await tools.call(params.name, params.arguments ?? [:])
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }
}
