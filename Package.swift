// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Portico",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portico", targets: ["portico"]),
        .library(name: "PorticoCore", targets: ["PorticoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Without the default ExternalLoading trait (Swift Concurrency, slow to compile): only local $refs are resolved.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "PorticoCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                // SHA-256 names history's body files (content addressing, so equal bodies are stored
                // once) and makes the OAuth 2.0 PKCE challenge.
                .product(name: "Crypto", package: "swift-crypto"),
                // `portico import openapi`: a typed OpenAPI 3.0/3.1 model with $ref resolution, and
                // 3.0 converted to 3.1 so the importer translates one document model only.
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
                // The second transport: proxies, TLS settings, client certificates, HTTP/2 and GET
                // with a body, none of which FoundationNetworking can do on Linux (DESIGN.md §3).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // NIOCore, NIOPosix and NIOHTTP1 also serve the OAuth 2.0 authorization-code grant's
                // loopback redirect listener.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // `portico bench` and the explorer's repeat mode: latency percentiles over any number
                // of requests in a fixed, small memory, with bounded relative error.
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "PorticoTUI",
            dependencies: ["PorticoCore", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedThemes"]
        ),
        // Turns the top-level themes/*.yaml into Swift string literals compiled into PorticoTUI,
        // so the binary carries its themes wherever it is copied and themes/ stays the one source.
        .executableTarget(name: "ThemeEmbedder"),
        // `make bench`: history at 100,000 exchanges against plain reads, writes and grep.
        .executableTarget(name: "HistoryBench", dependencies: ["PorticoCore"]),
        // A test driver, not shipped: saves a collection and appends history in a loop through
        // PorticoCore, acknowledging each write, for the crash-safety test to kill at random moments.
        .executableTarget(name: "WriteLoopDriver", dependencies: ["PorticoCore"]),
        .plugin(name: "EmbedThemes", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "PorticoTerminal", dependencies: ["CNcurses", "PorticoTUI"]),
        .target(
            name: "PorticoDemoServer",
            dependencies: [
                "PorticoCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The hostile test server speaks raw TCP (HostileServer.swift).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "portico",
            dependencies: [
                "PorticoCore", "PorticoTUI", "PorticoTerminal", "PorticoDemoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The static Swift runtime links executables with --export-dynamic: all ~52,000 of the
            // program's symbols go into the dynamic symbol table, which ld.so searches first for
            // every symbol the shared libraries (libcurl, libxml2, OpenSSL, ...) bind, and which
            // the runtime's start-up dladdr() scans whole. Nothing loads symbols from the program
            // by name, and crash backtraces read the file's own symbol table: about 1.5 ms of each
            // start (portico --version: 13.5 ms to 12 ms) for nothing.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
        ),
        .testTarget(name: "PorticoCoreTests", dependencies: ["PorticoCore", "PorticoDemoServer"], exclude: ["Fixtures"]),
        .testTarget(name: "PorticoTUITests", dependencies: ["PorticoTUI", "PorticoCore"], exclude: ["__Snapshots__"]),
        .testTarget(name: "PorticoCLITests", dependencies: ["PorticoCore", "PorticoDemoServer"], exclude: ["Fixtures"]),
        .testTarget(name: "PorticoTerminalTests"),
    ]
)
