import Foundation
import PorticoDemoServer
import Testing

/// curl in and out against the real curl: the request `portico send --curl` sends for a command is
/// the request curl sends for it (as the demo server's /echo saw both), and exporting any demo
/// request or awkward body as a curl command and importing it again gives the same request.
@Suite("curl interchange")
struct CurlInterchangeTests {
    /// What /echo saw, without what only the sender's defaults or its transport add.
    struct Seen: Equatable, CustomStringConvertible {
        var method: String
        var path: String
        var query: [[String]]
        var headers: [String]
        var body: String

        init(_ data: Data, ignoring extra: Set<String> = []) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
            method = object["method"] as? String ?? ""
            path = object["path"] as? String ?? ""
            query = object["query"] as? [[String]] ?? []
            let pairs = (object["headers"] as? [[String]] ?? []).filter { $0.count == 2 }
            let boundary = pairs.first { $0[0].lowercased() == "content-type" }?[1].components(separatedBy: "boundary=").dropFirst().first
            // Defaults of each sender and its transport; with a multipart body the length differs by the boundary's.
            var ignored = Set(["user-agent", "accept", "accept-encoding", "accept-language", "connection", "expect"]).union(extra)
            if boundary != nil { ignored.insert("content-length") }
            // URLSession announces an empty body of a DELETE as Content-Length: 0; curl sends nothing.
            headers = pairs.filter { !ignored.contains($0[0].lowercased()) && !($0[0].lowercased() == "content-length" && $0[1] == "0") }.map { pair in
                let value = boundary.map { pair[1].replacingOccurrences(of: $0, with: "B") } ?? pair[1]
                return "\(pair[0].lowercased()): \(value)"
            }.sorted()
            body = object["body"] as? String ?? ""
            if let boundary { body = body.replacingOccurrences(of: boundary, with: "B") }
        }

        var description: String { "\(method) \(path) \(query)\n\(headers.joined(separator: "\n"))\n\(body)" }
    }

    /// Runs `command` in a real shell (bash, or another given), returning what it printed.
    static func runCurl(_ command: String, in folder: URL, shell: String = "/bin/bash") async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("curl-output-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        await (try LaunchedProcess(process)).wait()
        #expect(process.terminationStatus == 0, "curl failed: \(command)")
        return try Data(contentsOf: output)
    }

    @Test("portico send --curl sends what curl sends", arguments: [
        "curl -sS 'URL/echo?x=1&y=a%20b' -H 'X-One: 1' -H \"X-Quote: it's \\\"q\\\"\" -A 'agent/1' -e 'http://from.example'",
        "curl -s URL/echo -d a=1 -d 'b=two words' -d @form.txt",
        "curl -s URL/echo --data-urlencode 'q=hello world&more' --data-urlencode '=just text' --data-urlencode 'note@note.txt'",
        "curl -s -G URL/echo -d q=1 --data-urlencode 'name=Ada Lovelace'",
        "curl -s URL/echo --json '{\"a\":[1,2],\"b\":\"é\"}'",
        "curl -s -X PUT URL/echo --data-binary @data.bin -H 'Content-Type: application/octet-stream'",
        "curl -s -u 'ada:s3cret:x' URL/echo",
        "curl -s --oauth2-bearer tok-123 URL/echo -b 'a=1; b=2'",
        "curl -sSLX PATCH -H'X-Combined: yes' -d'{}' -HContent-Type:application/json URL/echo",
        "curl -s \\\n  URL/echo \\\n  --data-raw $'line1\\nline2\\t\\x41 $HOME {{x}}' # trailing comment",
        "curl -s URL/echo -F name=Ada -F 'doc=@form.txt;type=text/plain' --form-string 'raw=@literal'",
        "curl -s -X DELETE 'URL/echo/items/7' -H 'X-Empty;'",
        "curl -s URL/echo -T form.txt -X POST",
    ])
    func sendMatchesCurl(_ template: String) async throws {
        let sandbox = try Sandbox()
        try "c=3\nd=4\n".write(to: sandbox.path("form.txt"), atomically: true, encoding: .utf8)
        try "a note & more".write(to: sandbox.path("note.txt"), atomically: true, encoding: .utf8)
        try Data("binary \u{1}\u{2} bytes".utf8).write(to: sandbox.path("data.bin"))
        let command = template.replacingOccurrences(of: "URL", with: try await DemoAPI.url(""))
        let byCurl = try Seen(try await Self.runCurl(command, in: sandbox.work), ignoring: template.contains(" -T ") ? ["content-type"] : [])
        try command.write(to: sandbox.path("command.txt"), atomically: true, encoding: .utf8)
        let sent = try await sandbox.run(["send", "--curl", "command.txt", "--no-history"])
        #expect(sent.exitCode == 0, "\(sent)")
        let byPortico = try Seen(sent.stdout, ignoring: template.contains(" -T ") ? ["content-type"] : [])
        #expect(byPortico == byCurl)
    }

    @Test("curl --digest: curl itself and Portico both get through the demo server's Digest challenge", arguments: ["MD5", "SHA-256"])
    func digestLikeCurl(_ algorithm: String) async throws {
        let sandbox = try Sandbox()
        let command = "curl -s --digest -u 'demo:open-sesame-42' '\(try await DemoAPI.url("/digest-auth?algorithm=\(algorithm)"))'"
        let byCurl = try #require(parseJSONObject(try await Self.runCurl(command, in: sandbox.work)))
        #expect(byCurl["authenticated"] as? Bool == true, "curl was let in: \(byCurl)")
        try command.write(to: sandbox.path("command.txt"), atomically: true, encoding: .utf8)
        let sent = try await sandbox.run(["send", "--curl", "command.txt", "--no-history", "-i"])
        #expect(sent.exitCode == 0, "\(sent)")
        #expect(sent.stdoutText.contains("\"authenticated\" : true") || sent.stdoutText.contains("\"authenticated\": true"), "\(sent)")
        #expect(!sent.stderr.contains("--digest"), "no warning: \(sent)")
    }

    @Test("unknown options are listed on standard error, and the request is still sent")
    func unknownOptionsWarn() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "--curl", "-", "--no-history"], stdin: Data("curl --frobnicate --capath /etc/ssl \(try await DemoAPI.url("/users/1"))".utf8))
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr.contains("--frobnicate"), "\(result)")
        #expect(result.stderr.contains("--capath"), "\(result)")
        #expect(result.stdoutText.contains("Ada Lovelace"))
    }

    @Test("import curl --into adds a request file that sends the same request")
    func importIntoCollection() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let command = "curl -X POST '\(try await DemoAPI.url("/echo"))' -H 'Content-Type: application/json' --data-raw '{\"name\": \"Ada {{not a var}}\"}'"
        let imported = try await sandbox.run(["import", "curl", "-", "--into", demo.path, "--name", "Imported echo"], stdin: Data(command.utf8))
        #expect(imported.exitCode == 0, "\(imported)")
        let file = demo.appendingPathComponent("imported-echo.yaml")
        #expect(FileManager.default.fileExists(atPath: file.path), "\(imported)")
        let sent = try await sandbox.run(["send", file.path, "--no-history"])
        let seen = try Seen(sent.stdout)
        #expect(seen.body == "{\"name\": \"Ada {{not a var}}\"}")
        #expect(seen.method == "POST")
    }

    @Test("import curl --into keeps a -u password out of the request file and still sends it")
    func importedCredentialsGoToTheSecretStore() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let command = "curl -u 'ann:pa$$ word' '\(try await DemoAPI.url("/echo"))'"
        let imported = try await sandbox.run(["import", "curl", "-", "--into", demo.path, "--name", "With password"], stdin: Data(command.utf8))
        #expect(imported.exitCode == 0, "\(imported)")
        #expect(imported.stderr.contains("password kept in the secret store"), "\(imported)")
        let text = try String(contentsOf: demo.appendingPathComponent("with-password.yaml"), encoding: .utf8)
        #expect(!text.contains("pa$$ word") && text.contains("{{password}}"), "\(text)")
        #expect(!(try String(contentsOf: demo.appendingPathComponent("portico.yaml"), encoding: .utf8)).contains("pa$$ word"))
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("with-password.yaml").path, "--no-history", "--show-secrets"])
        let seen = try Seen(sent.stdout)
        #expect(seen.headers.contains { $0 == "authorization: Basic \(Data("ann:pa$$ word".utf8).base64EncodedString())" }, "\(sent)")
    }

    /// Sends, exports, imports the export, and compares what the two requests put on the wire.
    /// The send comes first: values a request captures for the next (and its needs) are then there
    /// for the export to render.
    func roundTrip(_ sandbox: Sandbox, file: URL, environment: String?) async throws {
        // Secrets shown: the exported command carries them, and masked output would differ.
        var original = ["send", file.path, "--no-history", "--format", "json", "--show-secrets"]
        if let environment { original += ["-e", environment] }
        let first = try await sandbox.run(original)
        var exportArguments = ["export", "curl", file.path, "--show-secrets"]
        if let environment { exportArguments += ["-e", environment] }
        let exported = try await sandbox.run(exportArguments)
        #expect(exported.exitCode == 0, "\(exported)")
        try exported.stdout.write(to: sandbox.path("exported.txt"))
        let second = try await sandbox.run(["send", "--curl", "exported.txt", "--no-history", "--format", "json", "--show-secrets"])
        #expect(second.exitCode == first.exitCode, "\(file.lastPathComponent): \(second)")
        func wire(_ result: RunResult) throws -> [String] {
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
            let request = object["request"] as? [String: Any] ?? [:]
            // A Cookie header comes from the collection's cookie jar (filled by what a request
            // needs), not from the request file: an exported command carries only the file's.
            let headers = (request["headers"] as? [[String]] ?? []).map { $0.joined(separator: ": ") }
                .filter { !$0.lowercased().hasPrefix("content-type: multipart/form-data") && !$0.lowercased().hasPrefix("cookie: ") }
            return [request["method"] as? String ?? "", request["url"] as? String ?? ""] + headers
        }
        #expect(try wire(second) == wire(first), "\(file.lastPathComponent)\n\(exported.stdoutText)")
        // The echo endpoints answer with what they received: compare that too (dynamic values differ by design).
        if file.path.contains("/echo/"), !file.lastPathComponent.contains("dynamic") {
            func echoed(_ result: RunResult) throws -> Seen {
                let response = (try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])?["response"] as? [String: Any]
                return try Seen(Data((response?["body"] as? String ?? "").utf8))
            }
            #expect(try echoed(second) == echoed(first), "\(file.lastPathComponent)")
        }
    }

    @Test("every demo request survives export to curl and import again")
    func demoRoundTrip() async throws {
        // The collection replaces, creates and deletes users: on a server of its own.
        try await DemoAPI.withOwnServer { server in try await roundTripTheDemo(port: server.port) }
    }

    private func roundTripTheDemo(port: Int) async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection(port: port)
        let files = (FileManager.default.enumerator(at: demo, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "yaml" && $0.lastPathComponent != "portico.yaml" }
            // Large, slow and streamed bodies prove nothing more here and cost seconds.
            .filter { !["large-json.yaml", "slow.yaml", "stream.yaml"].contains($0.lastPathComponent) }
            // OAuth 2.0 exports take the token from a shell variable (OAuth2CommandTests): nothing to compare.
            .filter { !$0.path.contains("/oauth2/") }
        #expect(files.count >= 20)
        for file in files { try await roundTrip(sandbox, file: file, environment: "demo") }
    }

    @Test("awkward bodies survive export to curl and import again", arguments: [
        "it's a \"quote\" and a 'single' one", "line one\nline two\n\ttabbed", "$HOME `date` $(id) \\ backslash \\\\", "café ☕ 日本語",
        "@looks-like-a-file", "{{escaped}} braces", "carriage\r\nreturn", "ends with a quote'", "",
    ])
    func awkwardBodies(_ body: String) async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let url = try await DemoAPI.url("/echo")
        let escaped = body.replacingOccurrences(of: "{{", with: "\\{{")
        let yaml = """
            id: awkward
            method: POST
            url: \(url)
            body:
              text: \(String(decoding: try JSONSerialization.data(withJSONObject: escaped, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self))
              contentType: text/plain

            """
        let file = demo.appendingPathComponent("awkward.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        try await roundTrip(sandbox, file: file, environment: "demo")
        let exported = try await sandbox.run(["export", "curl", file.path])
        try exported.stdout.write(to: sandbox.path("exported.txt"))
        let sent = try await sandbox.run(["send", "--curl", "exported.txt", "--no-history"])
        #expect(try Seen(sent.stdout).body == body)
        // The same command run by a plain POSIX shell (dash) and curl sends the same bytes.
        let byCurl = try await Self.runCurl(exported.stdoutText, in: sandbox.work, shell: "/bin/sh")
        #expect(try Seen(byCurl).body == body)
    }
}
