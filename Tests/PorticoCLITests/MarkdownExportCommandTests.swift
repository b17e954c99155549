import Foundation
import PorticoDemoServer
import Testing

/// `portico export markdown` on the demo collection, with history holding one real exchange.
@Suite("export markdown")
struct MarkdownExportCommandTests {
    @Test func documentsTheDemoCollectionWithTheRecordedResponse() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("users/get-user.yaml").path, "-e", "demo", "--format", "json"])
        #expect(sent.exitCode == 0, "\(sent)")
        // The name as recorded, not fetched again: other tests share the demo server and rename user 1.
        let user = try #require(parseJSONObject(try sent.json().object("response")?.string("body") ?? ""))
        let name = try #require(user["name"] as? String)

        let written = try await sandbox.run(["export", "markdown", "demo", "-o", "API.md"])
        #expect(written.exitCode == 0, "\(written)")
        let document = try String(contentsOf: sandbox.path("API.md"), encoding: .utf8)
        #expect(document.hasPrefix("# Portico demo\n"))
        let getUser = try #require(document.components(separatedBy: "### Get a user\n").dropFirst().first?.components(separatedBy: "\n### ").first)
        #expect(getUser.contains("`GET {{baseUrl}}/users/{{userId}}`"))
        #expect(getUser.contains("**Example response**"))
        #expect(getUser.contains("`200 OK`"))
        #expect(getUser.contains("```json\n{\n"))
        #expect(getUser.contains("\"name\": \"\(name)\""))
        let listUsers = try #require(document.components(separatedBy: "### List users\n").dropFirst().first?.components(separatedBy: "\n### ").first)
        #expect(!listUsers.contains("**Example response**"), "only requests that history holds have an example")
        #expect(document.contains("| `apiToken` | (secret) |"))
        for secret in DemoCollection.secrets.values { #expect(!document.contains(secret)) }

        let printed = try await sandbox.run(["export", "markdown", "demo/users/get-user.yaml"])
        #expect(printed.exitCode == 0, "\(printed)")
        #expect(printed.stdoutText == document, "a file inside the collection names it too; stdout gets the same document")
        #expect(try await sandbox.run(["export", "curl", "demo/users/get-user.yaml", "-e", "demo"]).exitCode == 0, "export curl is still the parent command")
    }
}
