// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: readers (archive, inventory) → rules → state → report and mail.
// Each stage is its own library so it can be tested alone; the executable only parses
// the command line and wires the stages together.
let package = Package(
    name: "socialaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "socialaudit", targets: ["socialaudit"]),
        .library(name: "SocialAuditArchive", targets: ["SocialAuditArchive"]),
        .library(name: "SocialAuditInventory", targets: ["SocialAuditInventory"]),
        .library(name: "SocialAuditRules", targets: ["SocialAuditRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        // The shared model: tiers, severities, accounts, tweets, conversations.
        .target(name: "SocialAuditCore"),
        // What is not the district's model but several targets need: hex digits of a digest, a
        // file's real path, independent work done in child tasks and kept in order, a value made once.
        .target(name: "SocialAuditSupport"),
        // The JSON parser the archives and the district's inputs are read with.
        .target(name: "SocialAuditJSON"),
        // zlib (Debian's zlib1g-dev, which ZIPFoundation needs too), for the CRC-32 of zip entries.
        .systemLibrary(
            name: "CLibZ",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Reads Twitter/X archives (zip or folder) as a stream of records.
        .target(
            name: "SocialAuditArchive",
            dependencies: [
                "SocialAuditCore",
                "SocialAuditJSON",
                "CLibZ",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libxml2 (Debian's libxml2-dev), for the XML inventory and its XSD.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Reads the inventory (JSON or XML), the roster and the configuration, and matches archives.
        .target(
            name: "SocialAuditInventory",
            dependencies: ["SocialAuditCore", "SocialAuditJSON", "CLibXML2"],
            // The schema it checks XML against, and the clean example district `init` writes.
            resources: [.embedInCode("Resources/inventory.xsd")]
                + ["socialaudit.json", "inventory.json", "inventory.xml", "students.csv", "reviews.json", "crontab", "logrotate"]
                .map { .embedInCode("Resources/starter/\($0)") }
        ),
        // The rule catalog and the per-tier rule pass; reads no files.
        .target(
            name: "SocialAuditRules",
            dependencies: ["SocialAuditCore", "SocialAuditSupport", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.embedInCode("Resources/lexicon.json")]
        ),
        // Writes the reports: HTML pages, findings.csv, findings.json, run.json. Never reads an archive.
        .target(
            name: "SocialAuditReport",
            dependencies: [
                "SocialAuditCore",
                "SocialAuditSupport",
                "SocialAuditRules",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The nightly state: runs, findings' lifecycle, archives already read (SQLite through GRDB),
        // each archive's audit as rows of what the reader and the rules gave.
        .target(
            name: "SocialAuditState",
            dependencies: ["SocialAuditCore", "SocialAuditSupport", "SocialAuditArchive", "SocialAuditRules",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // E-mail summaries: composed from counts, handles and rule names; SMTP or sendmail.
        .target(
            name: "SocialAuditMail",
            dependencies: ["SocialAuditCore", "SocialAuditSupport", "SocialAuditReport", "SocialAuditRules", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // One audit run: reads the archives, matches them, runs each account's rule pass.
        .target(
            name: "SocialAuditRun",
            dependencies: ["SocialAuditCore", "SocialAuditSupport", "SocialAuditArchive", "SocialAuditInventory", "SocialAuditRules",
                           "SocialAuditState", "SocialAuditReport", "SocialAuditMail",
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "socialaudit",
            dependencies: [
                "SocialAuditCore",
                "SocialAuditArchive",
                "SocialAuditInventory",
                "SocialAuditRules",
                "SocialAuditReport",
                "SocialAuditRun",
                "SocialAuditState",
                "SocialAuditMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Real archives, inputs and the built binary, for the tests.
        .target(
            name: "SocialAuditTestSupport",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/SocialAuditTestSupport"
        ),
        .testTarget(
            name: "SocialAuditArchiveTests",
            dependencies: ["SocialAuditArchive", "SocialAuditCore", "SocialAuditJSON", "SocialAuditTestSupport"]
        ),
        .testTarget(
            name: "SocialAuditInventoryTests",
            dependencies: ["SocialAuditInventory", "SocialAuditCore", "SocialAuditJSON", "SocialAuditArchive", "SocialAuditTestSupport"]
        ),
        .testTarget(
            name: "SocialAuditRulesTests",
            dependencies: ["SocialAuditRules", "SocialAuditRun", "SocialAuditReport", "SocialAuditInventory",
                           "SocialAuditArchive", "SocialAuditCore", "SocialAuditSupport", "SocialAuditState", "SocialAuditTestSupport",
                           // To damage a cached audit's row in a real state file.
                           .product(name: "GRDB", package: "GRDB.swift"),
                           // A real CSV reader, to read findings.csv back as a spreadsheet would.
                           .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "SocialAuditStateTests",
            dependencies: ["SocialAuditState", "SocialAuditCore", "SocialAuditArchive", "SocialAuditRules", "SocialAuditTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SocialAuditMailTests",
            dependencies: ["SocialAuditMail", "SocialAuditReport", "SocialAuditRun", "SocialAuditInventory", "SocialAuditCore",
                           "SocialAuditTestSupport"]
        ),
        .testTarget(
            name: "SocialAuditCommandTests",
            dependencies: ["SocialAuditTestSupport", "SocialAuditState"]
        ),
    ]
)
