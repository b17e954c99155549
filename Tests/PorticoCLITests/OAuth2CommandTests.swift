import Foundation
import PorticoCore
import PorticoDemoServer
import Testing

@Suite("portico send with OAuth 2.0, and portico auth clear")
struct OAuth2CommandTests {
    private func tokenRequests(scope: String) async throws -> Int {
        let data = try await DemoAPI.fetch("/oauth/stats?scope=\(scope)")
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["token_requests"] as? Int ?? -1
    }

    @Test("the token is kept between runs in a private file, never in history or the collection; auth clear drops it")
    func tokenKeptPrivatelyAndCleared() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        // A scope of its own: other tests send the demo's requests to the same server meanwhile.
        let scope = "cli-\(UUID().uuidString.prefix(8))"
        let demoRequest = try String(contentsOf: demo.appendingPathComponent("oauth2/client-credentials.yaml"), encoding: .utf8)
        try demoRequest.replacingOccurrences(of: "demo.read", with: scope).replacingOccurrences(of: "demo-oauth2-client-credentials", with: scope)
            .write(to: demo.appendingPathComponent("oauth2/own-scope.yaml"), atomically: true, encoding: .utf8)
        let request = demo.appendingPathComponent("oauth2/own-scope.yaml").path
        let before = try await tokenRequests(scope: scope)
        #expect(before == 0)
        for _ in 0..<2 {
            let sent = try await sandbox.run(["send", request, "-e", "demo", "--fail"])
            #expect(sent.exitCode == 0, "\(sent)")
            #expect(sent.stdoutText.contains("\"scope\" : \"\(scope)\""), "\(sent)")
        }
        #expect(try await tokenRequests(scope: scope) == 1)

        let tokenFile = sandbox.dataHome.appendingPathComponent("portico/oauth/tokens.json")
        var info = stat()
        #expect(lstat(tokenFile.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(lstat(tokenFile.deletingLastPathComponent().path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        let token = try #require(OAuth2TokenStore(paths: sandbox.userPaths).allEntries().first?.token.accessToken)
        #expect(!token.isEmpty)

        // The token file itself holds the token sealed, not in plain text.
        let secretsOnDisk = [token, DemoCollection.secrets["clientSecret"]!]
        let files = HistoryTests.allFiles(sandbox.dataHome) + HistoryTests.allFiles(demo)
        #expect(files.contains { $0.path.hasSuffix(".jsonl") })
        for url in files where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let content = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for secret in secretsOnDisk { #expect(!content.contains(secret), "\(secret) in \(url.path)") }
        }

        let cleared = try await sandbox.run(["auth", "clear"])
        #expect(cleared.exitCode == 0, "\(cleared)")
        #expect(cleared.stderr == "cleared 1 OAuth 2.0 token\n")
        #expect(try await sandbox.run(["send", request, "-e", "demo", "--fail"]).exitCode == 0)
        #expect(try await tokenRequests(scope: scope) == 2)
    }

    @Test("a token the server echoes back is masked on screen and in history, and an exact replay gets a token again")
    func echoedTokenIsMaskedAndReplayAuthorizes() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let original = try String(contentsOf: demo.appendingPathComponent("oauth2/client-credentials.yaml"), encoding: .utf8)
        let url = try #require(original.split(separator: "\n").first { $0.hasPrefix("url:") })
        try original.replacingOccurrences(of: String(url), with: "url: \"{{baseUrl}}/echo\"").replacingOccurrences(of: "demo-oauth2-client-credentials", with: "echo-token")
            .write(to: demo.appendingPathComponent("oauth2/echo.yaml"), atomically: true, encoding: .utf8)
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("oauth2/echo.yaml").path, "-e", "demo", "-v"])
        #expect(sent.exitCode == 0, "\(sent)")
        #expect(sent.stdoutText.contains("\"Bearer ••••••\""), "\(sent)")

        let token = try #require(OAuth2TokenStore(paths: sandbox.userPaths).allEntries().first?.token.accessToken)
        #expect(!sent.stdoutText.contains(token) && !sent.stderr.contains(token))
        for file in HistoryTests.allFiles(sandbox.dataHome.appendingPathComponent("portico/history")) where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            #expect(!String(decoding: try Data(contentsOf: file), as: UTF8.self).contains(token), "the token is in \(file.path)")
        }

        // The protected resource, recorded and replayed exactly: the replay obtains its token again.
        let protected = try await sandbox.run(["send", demo.appendingPathComponent("oauth2/client-credentials.yaml").path, "-e", "demo", "--fail"])
        #expect(protected.exitCode == 0, "\(protected)")
        let list = try await sandbox.run(["history", "list", "--json", "--limit", "1"])
        let id = try #require((try JSONSerialization.jsonObject(with: list.stdout) as? [[String: Any]])?.first?["id"] as? String)
        let replayed = try await sandbox.run(["history", "replay", id, "-e", "demo", "--fail"])
        #expect(replayed.exitCode == 0, "\(replayed)")
    }

    @Test("a refused token request fails the send with the endpoint, the OAuth error and the status")
    func refusedTokenRequest() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        #expect(try await sandbox.run(["secret", "set", "clientSecret", "-c", demo.path], stdin: Data("wrong\n".utf8)).exitCode == 0)
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("oauth2/client-credentials.yaml").path])
        #expect(sent.exitCode == 2, "\(sent)")
        #expect(sent.stderr.contains("the OAuth 2.0 token endpoint \(try await DemoAPI.url("/oauth/token")) answered 401 Unauthorized: invalid_client"), "\(sent)")
    }

    @Test("export names the grant and takes the token from a shell variable")
    func exportSaysWhereTheTokenComesFrom() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let exported = try await sandbox.run(["export", "curl", demo.appendingPathComponent("oauth2/password.yaml").path, "-e", "demo"])
        #expect(exported.exitCode == 0, "\(exported)")
        #expect(exported.stdoutText.hasPrefix("# OAuth 2.0 (password grant, token from \(try await DemoAPI.url("/oauth/token?expires_in=60"))): Portico gets the token when it sends;\n"), "\(exported)")
        #expect(exported.stdoutText.contains(#"-H "Authorization: Bearer ${OAUTH2_ACCESS_TOKEN:?set it to an OAuth 2.0 access token}""#), "\(exported)")
        for secret in DemoCollection.secrets.values { #expect(!exported.stdoutText.contains(secret), "\(secret) in \(exported)") }
    }
}
