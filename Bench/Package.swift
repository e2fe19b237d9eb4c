// swift-tools-version: 6.1
// In-process benchmarks (ordo-one/benchmark), run by `make bench` after the whole-process table:
//   swift package --package-path Bench benchmark
// A separate package, so that the project's own builds and CI never build the benchmark tools.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "socialaudit-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ReadingTweets",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SocialAuditArchive", package: root),
            ],
            path: "Benchmarks/ReadingTweets",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
