// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for Portico's parsers (docs/security.md). A package of its own so that the
// sanitized build never mixes with the normal build in .build. Fuzz/run.sh instruments every Swift
// target, dependencies included, for AddressSanitizer and libFuzzer's coverage (so coverage reaches
// into PorticoCore); only this target links libFuzzer itself, since build tools such as
// ThemeEmbedder are linked with the same flags and have no fuzz entry point.
let package = Package(
    name: "PorticoFuzz",
    dependencies: [.package(name: "Portico", path: "..")],
    targets: [
        // No main of its own: libFuzzer's main drives LLVMFuzzerTestOneInput.
        .executableTarget(
            name: "PorticoFuzz",
            dependencies: [.product(name: "PorticoCore", package: "Portico")],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ),
    ]
)
