import Foundation

/// libFuzzer's driver, started from the executable's entry point: SwiftPM links an executable
/// target with `main` standing for `<module>_main`, so libFuzzer's own `main` is not used.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt

@_cdecl("PorticoFuzz_main")
public func porticoFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, count in fuzzOneInput(start, count) }
}

/// libFuzzer calls this once per input. One binary serves every target (linking one per target
/// would link the whole of PorticoCore and its dependencies eight times); `PORTICO_FUZZ_TARGET`
/// picks the target, as Fuzz/run.sh sets it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.selected.run(data)
    return 0
}

/// A named parser under test and the invariants it must keep.
enum FuzzTarget: String, CaseIterable {
    case curl, httpFile = "http-file", collection, template, jsonpath, json, xml, terminal

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PORTICO_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("PORTICO_FUZZ_TARGET must be one of: \(known)\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ data: Data) {
        switch self {
        case .curl: CurlTarget.run(data)
        case .httpFile: HTTPFileTarget.run(data)
        case .collection: CollectionFileTarget.run(data)
        case .template: TemplateTarget.run(data)
        case .jsonpath: JSONPathTarget.run(data)
        case .json: JSONTarget.run(data)
        case .xml: XMLTarget.run(data)
        case .terminal: TerminalTextTarget.run(data)
        }
    }
}

/// A broken invariant: reported with the input's text and turned into a crash, which libFuzzer
/// saves as `crash-<sha1>` to reproduce.
func violated(_ invariant: String, _ details: @autoclosure () -> String) -> Never {
    FileHandle.standardError.write(Data("invariant broken: \(invariant)\n\(details())\n".utf8))
    abort()
}
