import Foundation
import PorticoCore
import PorticoDemoServer
import Testing

/// Secret variables: stored outside the collection, masked in everything printed.
@Suite("secrets")
struct SecretTests {
    private let token = "demo-token"
    private let mask = "••••••"
    private let password = DemoCollection.secrets["demoPassword"] ?? "open-sesame-42"

    private func permissions(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue) & 0o777
    }

    @Test func initStoresBothSecrets() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let result = try await sandbox.run(["secret", "list", "-c", folder.path])
        #expect(result.exitCode == 0, "\(result)")
        let lines = result.stdoutText.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.contains(["apiToken", "set"]), "\(result)")
        #expect(lines.contains(["demoPassword", "set"]), "\(result)")
        #expect(!result.stdoutText.contains(token), "secret list shows a value: \(result)")
    }

    @Test func secretsLiveInAPrivateFileOutsideTheCollection() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let secrets = sandbox.configHome.appendingPathComponent("portico/secrets")
        let file = secrets.appendingPathComponent("\(DemoCollection.id).yaml")
        #expect(FileManager.default.fileExists(atPath: file.path), "no secrets file at \(file.path)")
        #expect(try permissions(file) == 0o600)
        #expect(try permissions(secrets) == 0o700)
        // Sealed on disk; the store opens it again.
        #expect(try !String(contentsOf: file, encoding: .utf8).contains(token))
        #expect(try SecretStore(paths: sandbox.userPaths).values(for: DemoCollection.id).collection["apiToken"] == token)

        let walker = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var checked = 0
        for case let url as URL in walker {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            checked += 1
            let contents = try Data(contentsOf: url)
            #expect(contents.range(of: Data(token.utf8)) == nil, "\(url.path) holds the token")
            #expect(contents.range(of: Data(password.utf8)) == nil, "\(url.path) holds the password")
        }
        #expect(checked > 10)
    }

    @Test func tokenIsMaskedEverywhereUnlessShowSecrets() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let file = folder.appendingPathComponent("auth/bearer.yaml").path

        let masked = try await sandbox.run(["send", file, "-e", "demo", "--format", "json", "-v"])
        #expect(masked.exitCode == 0, "\(masked)")
        #expect(try masked.json().object("response")?.int("status") == 200, "\(masked)")
        #expect(!masked.stdoutText.contains(token), "stdout shows the token: \(masked.stdoutText)")
        #expect(!masked.stderr.contains(token), "stderr shows the token: \(masked.stderr)")
        let requestHeaders = try masked.json().object("request")?.pairs("headers") ?? []
        #expect(requestHeaders.contains(["Authorization", "Bearer \(mask)"]), "\(requestHeaders)")
        #expect(masked.stderr.contains("Authorization: Bearer \(mask)"), "\(masked.stderr)")

        let shown = try await sandbox.run(["send", file, "-e", "demo", "--format", "json", "-v", "--show-secrets"])
        #expect(shown.exitCode == 0, "\(shown)")
        #expect(shown.stdoutText.contains("Bearer \(token)"), "\(shown)")
        #expect(shown.stderr.contains("Bearer \(token)"), "\(shown)")
    }

    /// The Basic credentials header is only an encoding of the secret password: printing it shows the secret.
    @Test func basicAuthPasswordIsUsedAndNotShown() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let result = try await sandbox.run(["send", folder.appendingPathComponent("auth/basic.yaml").path, "-e", "demo", "--format", "json", "-v"])
        #expect(result.exitCode == 0, "\(result)")
        let response = try #require(try result.json().object("response"), "\(result)")
        #expect(response.int("status") == 200, "the password from the secret store was not sent: \(result)")
        let encoded = Data("demo:\(password)".utf8).base64EncodedString()
        for (name, output) in [("stdout", result.stdoutText), ("stderr", result.stderr)] {
            #expect(!output.contains(password), "\(name) shows the password: \(output)")
            #expect(!output.contains(encoded), "\(name) shows the Basic credentials, which decode to the password: \(output)")
        }
    }

    @Test func setReadsTheValueFromStandardInput() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let set = try await sandbox.run(["secret", "set", "apiToken", "-c", folder.path], stdin: Data("other-token\n".utf8))
        #expect(set.exitCode == 0, "\(set)")

        let file = folder.appendingPathComponent("auth/bearer.yaml").path
        let shown = try await sandbox.run(["send", file, "-e", "demo", "--format", "json", "--show-secrets"])
        let document = try shown.json()
        #expect(document.object("request")?.pairs("headers")?.contains(["Authorization", "Bearer other-token"]) == true, "\(shown)")
        #expect(document.object("response")?.int("status") == 401, "the server should refuse the new token: \(shown)")

        let masked = try await sandbox.run(["send", file, "-e", "demo", "--format", "json"])
        #expect(!masked.stdoutText.contains("other-token"), "\(masked)")
    }

    @Test func unsetRemovesTheValue() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let unset = try await sandbox.run(["secret", "unset", "apiToken", "-c", folder.path])
        #expect(unset.exitCode == 0, "\(unset)")
        let list = try await sandbox.run(["secret", "list", "-c", folder.path])
        let lines = list.stdoutText.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.contains(["apiToken", "not set"]), "\(list)")
        #expect(lines.contains(["demoPassword", "set"]), "\(list)")

        let send = try await sandbox.run(["send", folder.appendingPathComponent("auth/bearer.yaml").path, "-e", "demo", "--format", "json"])
        #expect(send.exitCode == 2, "\(send)")
        #expect(try send.json().object("error")?.string("kind") == "template", "\(send)")
    }

    @Test func settingAnUndeclaredSecretIsBadInput() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let result = try await sandbox.run(["secret", "set", "notDeclared", "-c", folder.path], stdin: Data("x\n".utf8))
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("notDeclared"), "\(result)")
        let stored = try String(contentsOf: sandbox.configHome.appendingPathComponent("portico/secrets/\(DemoCollection.id).yaml"), encoding: .utf8)
        #expect(!stored.contains("notDeclared"))
    }
}
