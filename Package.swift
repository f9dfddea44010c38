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
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Exclusivity checks cost ~5% on the ingest path; the store is single-owner by design.
        .target(name: "SpanCore", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(
            name: "OTLPWire",
            dependencies: ["SpanCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(name: "Ingest", dependencies: ["SpanCore", "OTLPWire", "CZlib"]),
        .target(name: "TUI", dependencies: ["SpanCore"]),
        .target(name: "Terminal", dependencies: ["TUI", "CNcursesw"]),
        // The theme files live in themes/ at the root, shipped as resources of this tiny target.
        .target(
            name: "SpantopThemes", path: "themes",
            resources: [
                .copy("default.theme"), .copy("light.theme"), .copy("high-contrast.theme"), .copy("mono.theme"),
            ]),
        .executableTarget(
            name: "spantop",
            dependencies: [
                "SpanCore", "OTLPWire", "Ingest", "TUI", "Terminal", "SpantopThemes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "SpantopBench",
            dependencies: [
                "SpanCore", "OTLPWire", "Ingest", "TUI", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(name: "SpanCoreTests", dependencies: ["SpanCore"]),
        .testTarget(
            name: "OTLPWireTests",
            dependencies: ["OTLPWire", "SpanCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "SpanCore", "OTLPWire"]),
        .testTarget(
            name: "TUITests", dependencies: ["TUI", "SpanCore", "Ingest"], exclude: ["__Snapshots__"]),
        .testTarget(name: "SpantopCLITests", dependencies: ["spantop"]),
    ],
    swiftLanguageModes: [.v6]
)
