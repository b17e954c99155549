import Foundation
import Testing

/// The documented exit codes, with `error.kind` of `--format json` and the messages on stderr.
@Suite("portico send exit codes")
struct ExitCodeTests {
    /// Runs `send` with `--format json` and returns the exit code and the error object, if any.
    private func sendJSON(_ sandbox: Sandbox, _ arguments: [String]) async throws -> (result: RunResult, document: [String: Any], error: [String: Any]?) {
        let result = try await sandbox.run(["send"] + arguments + ["--format", "json"])
        let document = try result.json()
        return (result, document, document.object("error"))
    }

    @Test func errorStatusExitsZeroUnlessFail() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/status/404")
        let plain = try await sandbox.run(["send", url])
        #expect(plain.exitCode == 0, "\(plain)")

        let failing = try await sandbox.run(["send", url, "--fail"])
        #expect(failing.exitCode == 1, "\(failing)")
        #expect(failing.stderr.contains("404"), "\(failing)")

        let json = try await sendJSON(sandbox, [url, "--fail"])
        #expect(json.result.exitCode == 1, "\(json.result)")
        #expect(json.document.object("response")?.int("status") == 404)
        #expect(json.document.isNull("error"))
    }

    @Test func connectionRefusedIsANetworkFailure() async throws {
        let sandbox = try Sandbox()
        let (result, _, error) = try await sendJSON(sandbox, ["http://127.0.0.1:1/"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(error?.string("kind") == "connect", "\(result)")

        let text = try await sandbox.run(["send", "http://127.0.0.1:1/"])
        #expect(text.exitCode == 3, "\(text)")
        #expect(text.stderr.hasPrefix("portico: "), "\(text)")
    }

    @Test func unknownHostIsADNSFailure() async throws {
        let sandbox = try Sandbox()
        let (result, _, error) = try await sendJSON(sandbox, ["http://nonexistent.invalid/"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(error?.string("kind") == "dns", "\(result)")
    }

    @Test func totalTimeLimitEndsASlowResponse() async throws {
        let sandbox = try Sandbox()
        let (result, document, error) = try await sendJSON(sandbox, [try await DemoAPI.url("/delay/3000"), "--timeout", "0.3"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(error?.string("kind") == "timeout", "\(result)")
        #expect(document.isNull("response"), "\(document)")
    }

    /// URLSession on Linux hangs on a Basic challenge without a credential unless handled; the
    /// binary's own deadline (20 s) would then report a timeout instead of the 401.
    @Test func basicChallengeWithoutCredentialsReturnsThe401() async throws {
        let sandbox = try Sandbox()
        let (result, document, _) = try await sendJSON(sandbox, [try await DemoAPI.url("/basic-auth"), "--timeout", "20"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(document.isNull("error"), "\(result)")
        #expect(document.object("response")?.int("status") == 401, "\(result)")
    }

    @Test func invalidURLIsBadInput() async throws {
        let sandbox = try Sandbox()
        let (result, _, error) = try await sendJSON(sandbox, ["http://"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(error?.string("kind") == "input", "\(result)")

        let text = try await sandbox.run(["send", "http://"])
        #expect(text.exitCode == 2, "\(text)")
        #expect(text.stderr.contains("http://"), "the message does not quote the URL: \(text)")
    }

    @Test func invalidMethodIsBadInput() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/echo")
        let text = try await sandbox.run(["send", url, "-X", "GE T"])
        #expect(text.exitCode == 2, "\(text)")
        #expect(text.stderr.contains("GE T"), "\(text)")
        #expect(text.stdout.isEmpty, "\(text)")

        let (result, _, error) = try await sendJSON(sandbox, [url, "-X", "GE T"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(error?.string("kind") == "input", "\(result)")
    }

    @Test func missingDataFileIsBadInputNamingTheFile() async throws {
        let sandbox = try Sandbox()
        let missing = sandbox.path("nonexistent-body.bin").path
        let text = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "--data-file", missing])
        #expect(text.exitCode == 2, "\(text)")
        #expect(text.stderr.contains(missing), "\(text)")
        #expect(text.stdout.isEmpty, "\(text)")

        let (result, _, error) = try await sendJSON(sandbox, [try await DemoAPI.url("/echo"), "--data-file", "/nonexistent"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(error?.string("kind") == "input", "\(result)")
        #expect(error?.string("message")?.contains("/nonexistent") == true, "\(result)")
    }

    @Test(arguments: [
        ["send", "http://127.0.0.1:1/", "--bogus"],
        ["send"],
        ["send", "http://127.0.0.1:1/", "--timeout", "0"],
        ["send", "http://127.0.0.1:1/", "-d", "a", "--json", "{}"],
        ["nosuchcommand"],
        ["demo", "--serve", "--init", "x"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(arguments)
        #expect(result.exitCode == 2, "\(result)")
        #expect(!result.stderr.isEmpty, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func unknownOptionIsNamed() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "http://127.0.0.1:1/", "--bogus"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("--bogus"), "\(result)")
    }

    @Test func undefinedVariableIsATemplateErrorAndNothingIsSent() async throws {
        let sandbox = try Sandbox()
        let collection = try await sandbox.initDemoCollection()
        let marker = "never-sent-\(UUID().uuidString.lowercased())@example.com"
        let file = collection.appendingPathComponent("users/create-undefined.yaml")
        try """
        id: test-undefined
        method: POST
        url: "{{baseUrl}}/users"
        body:
          json: '{"name": "{{undefinedName}}", "email": "\(marker)"}'

        """.write(to: file, atomically: true, encoding: .utf8)

        let text = try await sandbox.run(["send", file.path, "-e", "demo"])
        #expect(text.exitCode == 2, "\(text)")
        #expect(text.stderr.contains("undefinedName"), "the message does not name the variable: \(text)")
        #expect(text.stderr.contains("body"), "the message does not say where the variable is used: \(text)")
        #expect(text.stdout.isEmpty, "\(text)")

        let (result, document, error) = try await sendJSON(sandbox, [file.path, "-e", "demo"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(error?.string("kind") == "template", "\(result)")
        #expect(error?.string("message")?.contains("undefinedName") == true, "\(result)")
        #expect(document.isNull("request") && document.isNull("response"), "\(document)")

        let users = try JSONSerialization.jsonObject(with: try await DemoAPI.fetch("/users")) as? [[String: Any]]
        #expect(users?.contains { $0.string("email") == marker } == false, "a user was created from the broken request")
    }
}
