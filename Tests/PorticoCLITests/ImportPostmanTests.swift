import Foundation
import Testing

/// `portico import postman` with the real binary, then `portico send` of an imported request to the
/// demo server: the import is usable as it stands, its token coming from the secret store.
@Suite("import postman")
struct ImportPostmanTests {
    static let fixtures = PorticoBinary.packageRoot.appendingPathComponent("Tests/PorticoCoreTests/Fixtures/postman")

    @Test("an imported request sends its method, path, body and stored token")
    func importedRequestSends() async throws {
        let sandbox = try Sandbox()
        let imported = try await sandbox.run([
            "import", "postman", Self.fixtures.appendingPathComponent("shop.postman_collection.json").path,
            "--environment", Self.fixtures.appendingPathComponent("staging.postman_environment.json").path, "--into", "shop",
        ])
        #expect(imported.exitCode == 0, "\(imported)")
        #expect(imported.stderr.contains("warning: Users/Admin/Create user: test script not imported"), "\(imported)")
        #expect(imported.stderr.contains("imported 12 requests, 3 folders, 1 environment, 5 secrets (kept in the secret store), 11 warnings into shop"), "\(imported)")

        let request = sandbox.path("shop/Users/Admin/create-user.yaml").path
        let sent = try await sandbox.run(["send", request, "--var", "baseUrl=\(try await DemoAPI.url("/echo"))", "--show-secrets", "--no-history"])
        #expect(sent.exitCode == 0, "\(sent)")
        let seen = try #require(parseJSONObject(sent.stdout), "\(sent)")
        #expect(seen.string("method") == "POST")
        #expect(seen.string("path") == "/echo/users")
        let headers = (seen.pairs("headers") ?? []).filter { $0.count == 2 }.map { "\($0[0].lowercased()): \($0[1])" }
        #expect(headers.contains("authorization: Bearer admin-token-7"), "\(headers)")
        #expect(headers.contains("content-type: application/json"), "\(headers)")
        let body = try #require(parseJSONObject(seen.string("body") ?? ""), "\(sent)")
        #expect(body.string("name") == "Ada Lovelace")
        #expect(UUID(uuidString: body.string("id") ?? "") != nil, "{{$guid}} became a UUID: \(body)")
        #expect((body.number("createdAt") ?? 0) > 1_700_000_000, "{{$timestamp}} became seconds since 1970: \(body)")
    }

    @Test("a file that is not a collection is refused and nothing is written")
    func notACollection() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run([
            "import", "postman", Self.fixtures.appendingPathComponent("staging.postman_environment.json").path, "--into", "shop",
        ])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("this is a Postman environment, not a collection"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("shop").path))
    }
}
