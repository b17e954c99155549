import Foundation
import PorticoCore
@testable import PorticoDemoServer
import Testing

/// A scripted session against the demo API with every kind of auth (Basic, Digest, Bearer, API key
/// in a header and in the query, OAuth 2.0 client credentials and password grants) and secret
/// variables set with `portico secret set`; then every file under the config folder, the data
/// folder and the collection is searched for every secret value and its simple encodings.
@Suite("Secrets and files: nothing in plain text, private modes, documented places only")
struct SecretsOnDiskTests {
    /// A secret of the session's own, set through `portico secret set` (random, so it can only be
    /// found where Portico put it). Its `/` and `"` make the demo's echo write it escaped, as
    /// `\"`, which must be hidden as well.
    static let sessionKey = "sk-\(UUID().uuidString)/\"k"
    /// How JSON writers write the session key inside a string: quotes escaped, and `/` too.
    static let escapedSessionKeys = [sessionKey.replacingOccurrences(of: "\"", with: "\\\""),
                                     sessionKey.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "/", with: "\\/")]

    @Test func aSessionWithEveryAuthLeavesNoSecretInPlainText() async throws {
        let sandbox = try Sandbox()
        let temporary = sandbox.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let before = Set(Self.files(under: sandbox.root))
        // Temporary files (spooled bodies) must go to TMPDIR and be gone after each run.
        let environment = ["TMPDIR": temporary.path]
        func run(_ arguments: [String], stdin: Data? = nil) async throws -> RunResult {
            let result = try await sandbox.run(arguments, stdin: stdin, environment: environment)
            #expect(result.exitCode == 0, "\(result)")
            let left = Self.files(under: temporary)
            #expect(left.isEmpty, "`portico \(arguments.joined(separator: " "))` left \(left) in TMPDIR")
            return result
        }

        let demo = sandbox.path("demo")
        _ = try await run(["demo", "--init", demo.path, "--port", String(try await DemoAPI.port())])
        // The user declares a secret of their own and uses it, with another, as API keys.
        let loaded = try CollectionStore.load(demo).collection
        var edited = loaded
        edited.variables.append(Variable("sessionKey", nil, isSecret: true))
        try CollectionStore.save(edited, to: demo, baseline: loaded)
        _ = try await run(["secret", "set", "sessionKey", "-c", demo.path], stdin: Data("\(Self.sessionKey)\n".utf8))
        try """
        id: secrets-api-key-header
        name: API key in a header
        url: "{{baseUrl}}/echo"
        auth:
          apiKey: {name: X-Api-Key, value: "{{sessionKey}}", in: header}

        """.write(to: demo.appendingPathComponent("auth/api-key-header.yaml"), atomically: true, encoding: .utf8)
        try """
        id: secrets-api-key-query
        name: API key in the query
        url: "{{baseUrl}}/echo"
        auth:
          apiKey: {name: key, value: "{{apiToken}}", in: query}

        """.write(to: demo.appendingPathComponent("auth/api-key-query.yaml"), atomically: true, encoding: .utf8)

        for request in ["auth/basic", "auth/digest", "auth/bearer", "auth/api-key-header", "auth/api-key-query",
                        "oauth2/client-credentials", "oauth2/password", "chain/02-protected"] {
            let sent = try await run(["send", demo.appendingPathComponent("\(request).yaml").path, "-e", "demo", "--fail", "-v"])
            for key in [Self.sessionKey] + Self.escapedSessionKeys {
                #expect(!sent.stdoutText.contains(key), "\(request) printed a secret: \(sent)")
            }
        }
        let newest = try #require(try await HistoryTests.entries(sandbox, ["--limit", "1"]).first?["id"] as? String)
        _ = try await run(["history", "replay", newest, "--fail"])

        // Every secret value, and the forms it travels in.
        let tokens = OAuth2TokenStore(paths: sandbox.userPaths).allEntries().flatMap { [$0.token.accessToken] + ($0.token.refreshToken.map { [$0] } ?? []) }
        #expect(!tokens.isEmpty, "the OAuth 2.0 tokens are kept between runs")
        // The chain captured a token as a secret (a 0600, sealed capture store; {{accessToken}} in history).
        let captured = CaptureStore(paths: sandbox.userPaths).variables(collectionID: DemoCollection.id, environment: "demo").filter(\.isSecret).compactMap(\.value)
        #expect(!captured.isEmpty, "the chain's token was captured")
        let values = Array(DemoCollection.secrets.values) + [Self.sessionKey] + tokens + captured
        var needles = values.flatMap { value in
            [value, Data(value.utf8).base64EncodedString(), value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value]
        }
        needles += Self.escapedSessionKeys
        // A history line is JSON: a body that held an escaped secret holds it escaped once more.
        needles += needles.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        needles.append(Data("\(AuthRoutes.basicUser):\(DemoCollection.secrets["demoPassword"]!)".utf8).base64EncodedString())
        needles.append(Data("\(OAuthRoutes.clientID):\(DemoCollection.secrets["clientSecret"]!)".utf8).base64EncodedString())

        let searched = Self.files(under: sandbox.configHome) + Self.files(under: sandbox.dataHome) + Self.files(under: demo)
        #expect(searched.contains { $0.hasSuffix(".jsonl") } && searched.contains { $0.hasSuffix("tokens.json") } && searched.contains { $0.contains("/secrets/") },
                "the history, the token cache and the secrets were written: \(searched)")
        var found: [String] = []
        for path in searched {
            let content = try Data(contentsOf: URL(fileURLWithPath: path))
            for needle in Set(needles) where content.range(of: Data(needle.utf8)) != nil {
                found.append("\(path) holds \(needle)")
            }
        }
        #expect(found.isEmpty, "secrets in plain text:\n\(found.joined(separator: "\n"))")

        // Private: every file in the config and data folders 0600, every folder 0700.
        for root in [sandbox.userPaths.config, sandbox.userPaths.data] {
            #expect(Self.mode(root.path) == 0o700, "\(root.path)")
            for path in Self.files(under: root, includingFolders: true) {
                let isFolder = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
                #expect(Self.mode(path) == (isFolder ? 0o700 : 0o600), "\(path) has mode \(String(Self.mode(path), radix: 8))")
            }
        }

        // Documented places only: the collection, $XDG_CONFIG_HOME/portico and $XDG_DATA_HOME/portico
        // (and the harness's own output files).
        let created = Set(Self.files(under: sandbox.root)).subtracting(before).filter { !$0.hasPrefix(sandbox.root.appendingPathComponent("io-").path) }
        let allowed = [demo.path + "/", sandbox.userPaths.config.path + "/", sandbox.userPaths.data.path + "/"]
        let elsewhere = created.filter { path in !allowed.contains { path.hasPrefix($0) } && !path.hasPrefix(sandbox.root.appendingPathComponent("io-").path) }
        #expect(elsewhere.isEmpty, "written outside the documented places: \(elsewhere.sorted())")
        print("secrets on disk: \(searched.count) files searched for \(Set(needles).count) secret forms, \(found.count) found; \(created.count) files created, \(elsewhere.count) outside the documented places")
    }

    /// Every file below `folder` (hidden ones too), as paths; with `includingFolders`, folders too.
    @Test("a body spooled by a send killed with -9 is removed by the next send that spools one")
    func killedSpoolIsRemovedLater() async throws {
        let sandbox = try Sandbox()
        let temporary = sandbox.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = sandbox.dataHome.path
        environment["XDG_CONFIG_HOME"] = sandbox.configHome.path
        environment["TMPDIR"] = temporary.path
        let process = Process()
        process.executableURL = try PorticoBinary.require()
        // 300 MB take a second or more to arrive: the spool file is there long before the end.
        // (JSON output holds the body until it is complete; plain output streams it and spools nothing.)
        process.arguments = ["send", try await DemoAPI.url("/large.json?mb=300"), "--format", "json", "--no-history"]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let launched = try LaunchedProcess(process)
        var spooled: [String] = []
        for _ in 0..<600 where spooled.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            spooled = Self.files(under: temporary)
        }
        kill(process.processIdentifier, SIGKILL)
        await launched.wait()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(spooled.count == 1 && spooled.first?.contains("portico-body-p\(process.processIdentifier)-") == true, "\(spooled)")
        #expect(Self.files(under: temporary) == spooled, "the killed send could not remove its file")

        let next = try await sandbox.run(["send", try await DemoAPI.url("/large.json?mb=5"), "--format", "json", "--no-history"],
                                         environment: ["TMPDIR": temporary.path])
        #expect(next.exitCode == 0, "\(next)")
        #expect(Self.files(under: temporary).isEmpty, "left: \(Self.files(under: temporary))")
    }

    static func files(under folder: URL, includingFolders: Bool = false) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if !isFolder.boolValue || includingFolders { found.append(path) }
        }
        return found
    }

    static func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o777) : -1
    }
}
