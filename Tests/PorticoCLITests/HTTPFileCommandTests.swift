import Foundation
import Testing

/// `.http` files from the command line: a request of the file sent as it stands, the file imported
/// into a collection that sends the same request, and a collection exported back to a file.
@Suite(".http files on the command line")
struct HTTPFileCommandTests {
    private func file(base: String) -> String {
        """
        @base = \(base)

        ### Create user
        # @name createUser
        POST {{base}}/echo/users?notify=yes HTTP/1.1
        Content-Type: application/json
        Authorization: Basic ann s3cret

        {"name": "Ada", "id": "{{$guid}}"}

        ###
        GET {{base}}/users

        """
    }

    private func seen(_ output: Data) throws -> (method: String?, path: String?, query: String?, headers: [String], body: [String: Any]?) {
        let seen = try #require(parseJSONObject(output), "\(output)")
        let headers = (seen.pairs("headers") ?? []).filter { $0.count == 2 }.map { "\($0[0].lowercased()): \($0[1])" }
        return (seen.string("method"), seen.string("path"), seen.string("raw_query"), headers, parseJSONObject(seen.string("body") ?? ""))
    }

    @Test func sendsARequestOfTheFileByNameOrNumber() async throws {
        let sandbox = try Sandbox()
        try file(base: try await DemoAPI.url("")).write(to: sandbox.path("api.http"), atomically: true, encoding: .utf8)
        let sent = try await sandbox.run(["send", "api.http#createUser", "--show-secrets"])
        #expect(sent.exitCode == 0, "\(sent)")
        let echoed = try seen(sent.stdout)
        #expect(echoed.method == "POST")
        #expect(echoed.path == "/echo/users")
        #expect(echoed.headers.contains("authorization: Basic \(Data("ann:s3cret".utf8).base64EncodedString())"), "\(echoed.headers)")
        #expect(echoed.body?.string("name") == "Ada")
        #expect(UUID(uuidString: echoed.body?.string("id") ?? "") != nil)

        let second = try await sandbox.run(["send", "api.http#2"])
        #expect(second.exitCode == 0, "\(second)")
        #expect(second.stdoutText.contains("ada@example.com"), "\(second)")

        let ambiguous = try await sandbox.run(["send", "api.http"])
        #expect(ambiguous.exitCode == 2)
        #expect(ambiguous.stderr.contains("holds 2 requests; pick one with api.http#NAME or #NUMBER"), "\(ambiguous)")
        let missing = try await sandbox.run(["send", "api.http#nope"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("has no request 'nope'"), "\(missing)")
    }

    @Test func importedRequestsSendTheSameAndKeepThePasswordOutOfTheFiles() async throws {
        let sandbox = try Sandbox()
        try file(base: try await DemoAPI.url("")).write(to: sandbox.path("api.http"), atomically: true, encoding: .utf8)
        let imported = try await sandbox.run(["import", "http", "api.http", "--into", "api"])
        #expect(imported.exitCode == 0, "\(imported)")
        #expect(imported.stderr.contains("imported 2 requests, 0 folders, 0 environments, 1 secret (kept in the secret store), 0 warnings into api"), "\(imported)")
        let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.path("api").path).sorted()
        #expect(files == ["createuser.yaml", "get-base-users.yaml", "portico.yaml"])
        for name in files {
            #expect(!(try String(contentsOf: sandbox.path("api/\(name)"), encoding: .utf8)).contains("s3cret"), "\(name) holds the password")
        }
        let sent = try await sandbox.run(["send", "api/createuser.yaml", "--show-secrets", "--no-history"])
        #expect(sent.exitCode == 0, "\(sent)")
        let echoed = try seen(sent.stdout)
        #expect(echoed.method == "POST" && echoed.path == "/echo/users")
        #expect(echoed.headers.contains("authorization: Basic \(Data("ann:s3cret".utf8).base64EncodedString())"), "\(echoed.headers)")

        let again = try await sandbox.run(["import", "http", "api.http", "--into", "api"])
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("already exists"), "\(again)")
    }

    @Test func anExportedCollectionReadsBackAsTheSameRequests() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let exported = try await sandbox.run(["export", "http", demo.path, "-o", "demo.http"])
        #expect(exported.exitCode == 0, "\(exported)")
        let text = try String(contentsOf: sandbox.path("demo.http"), encoding: .utf8)
        #expect(text.contains("### users / List users"), "\(text)")
        let reimported = try await sandbox.run(["import", "http", "demo.http", "--into", "again"])
        #expect(reimported.exitCode == 0, "\(reimported)")
        // Every request of the demo comes back once, with its method.
        let original = try await sandbox.run(["export", "http", demo.path])
        let back = try await sandbox.run(["export", "http", sandbox.path("again").path])
        func requestLines(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { line in ["GET ", "POST ", "PUT ", "PATCH ", "DELETE "].contains { line.hasPrefix($0) } }.sorted()
        }
        #expect(!requestLines(original.stdoutText).isEmpty)
        #expect(requestLines(back.stdoutText) == requestLines(original.stdoutText))
    }

    @Test func aRequestReferenceReadsTheNamedRequestsLatestResponseFromHistory() async throws {
        let sandbox = try Sandbox()
        try """
        @base = \(try await DemoAPI.url(""))

        # @name users
        GET {{base}}/users

        ###
        # @name firstEmail
        GET {{base}}/echo?email={{users.response.body.$[0].email}}
        X-Type: {{users.response.headers.Content-Type}}

        """.write(to: sandbox.path("api.http"), atomically: true, encoding: .utf8)
        let early = try await sandbox.run(["send", "api.http#firstEmail"])
        #expect(early.exitCode == 2)
        #expect(early.stderr.contains("{{users.response.body.$[0].email}}: send 'users' first; its latest exchange is read from history"), "\(early)")

        let users = try await sandbox.run(["send", "api.http#users"])
        #expect(users.exitCode == 0, "\(users)")
        let sent = try await sandbox.run(["send", "api.http#firstEmail"])
        #expect(sent.exitCode == 0, "\(sent)")
        let echoed = try seen(sent.stdout)
        #expect(echoed.query == "email=ada@example.com", "\(sent)")
        #expect(echoed.headers.contains { $0.hasPrefix("x-type: application/json") }, "\(echoed.headers)")
    }
}
