// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "spantop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spantop", targets: ["spantop"]),
        .executable(name: "spantop-bench", targets: ["SpantopBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Exclusivity checks cost ~5% on the ingest path; the store is single-owner by design.
        .target(
            name: "SpanCore", exclude: ["Pricing/Generated/LICENSE-genai-prices"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "OTLPWire", dependencies: ["SpanCore"]),
        // swift-protobuf's generated OTLP types: the reference decoder for tests, bench and fuzzing.
        // Kept out of OTLPWire so that the shipped binary does not link SwiftProtobuf.
        .target(
            name: "OTLPReference", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        // The live OTLP receivers: HTTP and gRPC servers feeding one bounded inbox.
        .target(
            name: "Receivers",
            dependencies: [
                "SpanCore", "OTLPWire", "CZlib",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        // Recordings: loading files (gzip too), writing them, replaying them by their timestamps.
        .target(name: "Recordings", dependencies: ["SpanCore", "OTLPWire", "CZlib"]),
        // Generated Eigent-shaped workforces, for the demo, the benchmarks and tests.
        .target(name: "Workloads", dependencies: ["SpanCore"]),
        .target(name: "TUI", dependencies: ["SpanCore"]),
        // SIGWINCH chained after curses' handler, waking the UI loop's poll.
        .target(name: "CResize"),
        .target(name: "Terminal", dependencies: ["TUI", "CNcursesw", "CResize"]),
        // The theme files live in themes/ at the root, compiled into this tiny target's code so
        // the binary needs no resource bundle beside it (it installs anywhere).
        .target(
            name: "SpantopThemes", path: "themes",
            resources: [
                .embedInCode("default.theme"), .embedInCode("light.theme"), .embedInCode("high-contrast.theme"),
                .embedInCode("mono.theme"),
            ]),
        .target(
            name: "Forward",
            dependencies: [
                "SpanCore", "OTLPWire", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "spantop",
            dependencies: [
                "SpanCore", "OTLPWire", "Receivers", "Recordings", "Workloads", "Forward", "TUI", "Terminal",
                "SpantopThemes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .executableTarget(
            name: "SpantopBench",
            dependencies: [
                "SpanCore", "OTLPWire", "OTLPReference", "Receivers", "Recordings", "Workloads", "Forward", "TUI",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Helpers shared by the test targets and the differential fuzz target; never linked into spantop.
        .target(
            name: "SpantopTestSupport",
            dependencies: [
                "SpanCore", "Workloads", "OTLPReference", "CZlib",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Tests/SpantopTestSupport"
        ),
        .testTarget(name: "SpanCoreTests", dependencies: ["SpanCore"]),
        .testTarget(
            name: "OTLPWireTests",
            dependencies: [
                "OTLPWire", "OTLPReference", "SpanCore", "SpantopTestSupport",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "RecordingsTests", dependencies: ["Recordings", "Workloads", "SpanCore", "OTLPWire", "SpantopTestSupport"]),
        .testTarget(
            name: "TUITests",
            dependencies: ["TUI", "SpanCore", "Recordings", "Workloads", "SpantopThemes", "SpantopTestSupport"],
            exclude: ["__Snapshots__"]),
        .testTarget(name: "SpantopCLITests", dependencies: ["spantop", "SpantopTestSupport"]),
        .testTarget(
            name: "ReceiverTests",
            dependencies: [
                "Receivers", "Recordings", "Workloads", "SpanCore", "OTLPWire", "SpantopTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        .testTarget(
            name: "ForwardTests",
            dependencies: [
                "Forward", "SpanCore", "OTLPWire", "Workloads", "SpantopTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/), declared only when SPANTOP_FUZZ=1 so that `swift build` and
// `swift test` never see them. scripts/fuzz.sh builds them with -sanitize=fuzzer,address in
// their own scratch path. Each file defines LLVMFuzzerTestOneInput and `<Module>_main` (the
// entry point SwiftPM links `main` to), which hands the callback to libFuzzer's driver.
if Context.environment["SPANTOP_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzProtobuf", ["OTLPWire", "SpanCore", "FuzzSupport"]),
        ("FuzzJSONLine", ["OTLPWire", "SpanCore", "FuzzSupport"]),
        (
            "FuzzProtobufDifferential",
            [
                "OTLPWire", "SpanCore", "FuzzSupport", "SpantopTestSupport",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        (
            "FuzzHTTPRequest",
            [
                "Receivers", "OTLPWire", "SpanCore", "FuzzSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        ("FuzzPricingFile", ["SpanCore", "FuzzSupport"]),
        ("FuzzThemeFile", ["TUI", "FuzzSupport"]),
    ]
    package.targets += [
        .target(name: "CFuzzerDriver", path: "Fuzz/Targets/CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["SpanCore", "CFuzzerDriver"], path: "Fuzz/Targets/FuzzSupport"),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name, dependencies: target.dependencies, path: "Fuzz/Targets/\(target.name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
