// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// libFuzzer targets for the readers of outside input. Built and run by `make fuzz`:
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Each target defines LLVMFuzzerTestOneInput; libFuzzer supplies main.
let package = Package(
    name: "SocialAuditFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzArchiveJSON", dependencies: ["FuzzSupport", .product(name: "SocialAuditArchive", package: root)]),
        .executableTarget(name: "FuzzInventoryXML", dependencies: ["FuzzSupport", .product(name: "SocialAuditInventory", package: root)]),
        .executableTarget(name: "FuzzRoster", dependencies: ["FuzzSupport", .product(name: "SocialAuditInventory", package: root)]),
    ]
)
