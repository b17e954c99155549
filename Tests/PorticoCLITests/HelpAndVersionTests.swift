import Foundation
import PorticoCore
import Testing

@Suite("portico --version and --help")
struct HelpAndVersionTests {
    @Test func versionPrintsTheCurrentVersion() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["--version"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == PorticoVersion.current)
    }

    @Test(arguments: [
        (["--help"], ["send", "bench", "demo", "secret", "--version", "Exit codes"]),
        (["bench", "--help"], ["-n, --requests", "-c, --concurrency", "--duration", "--rate", "--format", "-e, --env", "--var", "Exit codes", "history"]),
        (["send", "--help"], ["--format", "--fail", "--var", "-o, --output", "--data-file", "--json", "-X, --method", "-H, --header", "--timeout", "--show-secrets", "-i, --include"]),
        (["demo", "--help"], ["--serve", "--init", "--port"]),
        (["secret", "--help"], ["set", "unset", "list"]),
        (["secret", "set", "--help"], ["-c, --collection", "--env", "standard input"]),
    ])
    func helpExitsZeroAndNamesTheOptions(arguments: [String], mentions: [String]) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(arguments)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText.contains("USAGE:"), "\(result)")
        for word in mentions {
            #expect(result.stdoutText.contains(word), "`portico \(arguments.joined(separator: " "))` does not mention \(word)")
        }
    }
}
