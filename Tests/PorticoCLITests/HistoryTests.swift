import Foundation
import PorticoDemoServer
import Testing

/// `portico history` through the real binary and the real store on disk: what `send` records,
/// listing and searching, show, replay, diff, HAR export, prune, privacy, concurrent writers and a
/// torn record.
@Suite("portico history")
struct HistoryTests {
    static func entries(_ sandbox: Sandbox, _ arguments: [String] = []) async throws -> [[String: Any]] {
        let result = try await sandbox.run(["history", "list", "--json", "--limit", "0"] + arguments)
        #expect(result.exitCode == 0, "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]], "\(result)")
    }

    static func allFiles(_ folder: URL) -> [URL] {
        (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL]) ?? []
    }

    @Test("send records each exchange; list shows them newest first with the documented fields")
    func sendRecordsAndListShows() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let getUser = demo.appendingPathComponent("users/get-user.yaml").path
        #expect(try await sandbox.run(["send", getUser, "-e", "demo"]).exitCode == 0)
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/status/404")]).exitCode == 0)
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users"), "--no-history"]).exitCode == 0)

        let entries = try await Self.entries(sandbox)
        #expect(entries.count == 2)
        let newest = try #require(entries.first)
        #expect(newest["status"] as? Int == 404)
        #expect((newest["url"] as? String)?.hasSuffix("/status/404") == true)
        let oldest = try #require(entries.last)
        #expect(oldest["method"] as? String == "GET")
        #expect(oldest["request_id"] as? String == "demo-users-get")
        #expect(oldest["request_name"] as? String == "Get a user")
        #expect(oldest["environment"] as? String == "demo")
        for key in ["id", "time", "total_ms"] { #expect(oldest[key] != nil, "\(key) missing") }

        #expect(try await Self.entries(sandbox, ["--grep", "STATUS/404"]).count == 1)
        #expect(try await Self.entries(sandbox, ["--request", "demo-users-get"]).count == 1)
        #expect(try await Self.entries(sandbox, ["--status", "4xx"]).count == 1)
        let text = try await sandbox.run(["history", "list"])
        #expect(text.stdoutText.contains("Get a user"), "\(text)")
        #expect(text.stdoutText.split(separator: "\n").count == 2)
    }

    @Test("secrets, Authorization and credentials never reach the data folder; files are private")
    func privacyOnDisk() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        for file in ["auth/bearer.yaml", "auth/basic.yaml", "auth/aws-sigv4.yaml"] {
            let result = try await sandbox.run(["send", demo.appendingPathComponent(file).path, "-e", "demo"])
            #expect(result.exitCode == 0, "\(result)")
        }
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users"), "-H", "Authorization: Bearer hand-typed-XYZ", "-H", "Cookie: sid=c00kie-999",
                                        "-H", "X-Amz-Security-Token: t0ken-555"]).exitCode == 0)
        #expect(try await Self.entries(sandbox).count == 4)
        let secrets = Array(DemoCollection.secrets.values) + ["hand-typed-XYZ", "c00kie-999", "t0ken-555"]
            + [Data("demo:\(DemoCollection.secrets["demoPassword"]!)".utf8).base64EncodedString()]
        let files = Self.allFiles(sandbox.dataHome)
        #expect(files.contains { $0.path.hasSuffix(".jsonl") })
        for url in files {
            var info = stat()
            #expect(lstat(url.path, &info) == 0)
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if url.path.contains("/history") {
                #expect(info.st_mode & 0o777 == (isFolder ? 0o700 : 0o600), "\(url.path): \(String(info.st_mode & 0o777, radix: 8))")
            }
            guard !isFolder else { continue }
            let content = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for secret in secrets {
                #expect(!content.contains(secret), "\(secret) in \(url.path)")
            }
        }
    }

    @Test("show prints the exchange as recorded; --json has the shape of send --format json")
    func show() async throws {
        let sandbox = try Sandbox()
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/2")]).exitCode == 0)
        let id = try #require(try await Self.entries(sandbox).first?["id"] as? String)
        let text = try await sandbox.run(["history", "show", String(id.prefix(6))])
        #expect(text.exitCode == 0, "\(text)")
        #expect(text.stdoutText.contains("> GET "), "\(text)")
        #expect(text.stdoutText.contains("< HTTP 200 OK"))
        #expect(text.stdoutText.contains("Alan Turing"))
        let json = try await sandbox.run(["history", "show", id, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["request", "response", "redirects", "timing", "error", "transport", "protocol_error", "checks"])
        let response = try #require(object["response"] as? [String: Any])
        #expect(response["status"] as? Int == 200)
        #expect((response["body"] as? String)?.contains("Alan Turing") == true)
        let missing = try await sandbox.run(["history", "show", "ffffffffffff"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("no history entry"), "\(missing)")
    }

    @Test("replay resends the exact request, filling redacted credentials from the saved request, and is recorded")
    func replay() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("auth/bearer.yaml").path, "-e", "demo"])
        #expect(sent.exitCode == 0, "\(sent)")
        let id = try #require(try await Self.entries(sandbox).first?["id"] as? String)

        let exact = try await sandbox.run(["history", "replay", id, "--format", "json"])
        #expect(exact.exitCode == 0, "\(exact)")
        let object = try #require(try JSONSerialization.jsonObject(with: exact.stdout) as? [String: Any])
        #expect((object["response"] as? [String: Any])?["status"] as? Int == 200, "\(exact)")
        let rendered = try await sandbox.run(["history", "replay", String(id.prefix(8)), "--render", "-i"])
        #expect(rendered.exitCode == 0, "\(rendered)")
        #expect(rendered.stdoutText.hasPrefix("HTTP 200"), "\(rendered)")
        let entries = try await Self.entries(sandbox)
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0["request_id"] as? String == "demo-auth-bearer" })
        #expect(entries.allSatisfy { $0["status"] as? Int == 200 })
    }

    @Test("a request moved and renamed in its collection keeps its history: found by its stable id")
    func movedRequestKeepsItsHistory() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        #expect(try await sandbox.run(["send", demo.appendingPathComponent("users/get-user.yaml").path, "-e", "demo"]).exitCode == 0)
        let id = try #require(try await Self.entries(sandbox).first?["id"] as? String)
        try FileManager.default.createDirectory(at: demo.appendingPathComponent("people"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: demo.appendingPathComponent("users/get-user.yaml"), to: demo.appendingPathComponent("people/fetch-person.yaml"))
        let replayed = try await sandbox.run(["history", "replay", id, "--render", "--var", "userId=3"])
        #expect(replayed.exitCode == 0, "\(replayed)")
        #expect(replayed.stdoutText.contains("Grace Hopper"), "\(replayed)")
        let entries = try await Self.entries(sandbox, ["--request", "demo-users-get"])
        #expect(entries.count == 2)
    }

    @Test("a redacted header with no saved request to fill it is refused with a reason")
    func replayRefusesWhatItCannotFill() async throws {
        let sandbox = try Sandbox()
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/bearer"), "-H", "Authorization: Bearer demo-token"]).exitCode == 0)
        let id = try #require(try await Self.entries(sandbox).first?["id"] as? String)
        let result = try await sandbox.run(["history", "replay", id])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("Authorization"), "\(result)")
        #expect(try await Self.entries(sandbox).count == 1)
    }

    @Test("diff compares JSON bodies structurally by path")
    func diff() async throws {
        let sandbox = try Sandbox()
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/1")]).exitCode == 0)
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/2")]).exitCode == 0)
        let ids = try await Self.entries(sandbox).compactMap { $0["id"] as? String }
        let result = try await sandbox.run(["history", "diff", ids[1], ids[0]])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText.contains("~ $['name']: \"Ada Lovelace\" → \"Alan Turing\""), "\(result)")
        #expect(result.stdoutText.contains("Status\n  200 OK"), "\(result)")
    }

    @Test("export writes HAR 1.2 with every matching entry, oldest first")
    func exportHAR() async throws {
        let sandbox = try Sandbox()
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/1")]).exitCode == 0)
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/status/500")]).exitCode == 0)
        let result = try await sandbox.run(["history", "export", "--har", "out.har"])
        #expect(result.exitCode == 0, "\(result)")
        let har = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sandbox.path("out.har"))) as? [String: Any])
        let log = try #require(har["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        let entries = try #require(log["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect((entries[0]["request"] as? [String: Any])?["url"] as? String == (try await DemoAPI.url("/users/1")))
        #expect((entries[1]["response"] as? [String: Any])?["status"] as? Int == 500)
        let filtered = try await sandbox.run(["history", "export", "--har", "-", "--status", "5xx"])
        let filteredLog = try #require((try JSONSerialization.jsonObject(with: filtered.stdout) as? [String: Any])?["log"] as? [String: Any])
        #expect((filteredLog["entries"] as? [Any])?.count == 1)
    }

    @Test("prune keeps the newest entries")
    func prune() async throws {
        let sandbox = try Sandbox()
        for id in 1...3 { #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/\(id)")]).exitCode == 0) }
        let result = try await sandbox.run(["history", "prune", "--keep", "1"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr.contains("removed 2 entries"), "\(result)")
        let left = try await Self.entries(sandbox)
        #expect(left.count == 1)
        #expect((left.first?["url"] as? String)?.hasSuffix("/users/3") == true)
        let bad = try await sandbox.run(["history", "prune", "--older-than", "soon"])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("not an age"), "\(bad)")
    }

    @Test("two processes recording at once never lose or interleave records")
    func concurrentWriters() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/users")
        let perWriter = 15
        @Sendable func sends(_ target: String, sharingWith owner: URL) async throws -> [Int32] {
            let writer = try Sandbox(dataHome: owner)
            var codes: [Int32] = []
            for _ in 0..<perWriter { codes.append(try await writer.run(["send", target]).exitCode) }
            return codes
        }
        let dataHome = sandbox.dataHome
        async let first = sends(url, sharingWith: dataHome)
        async let second = sends(url + "/1", sharingWith: dataHome)
        let codes = try await first + second
        #expect(codes.allSatisfy { $0 == 0 })
        let result = try await sandbox.run(["history", "list", "--json", "--limit", "0"])
        #expect(result.stderr.isEmpty, "\(result)")
        let entries = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        #expect(entries.count == 2 * perWriter)
        #expect(Set(entries.compactMap { $0["id"] as? String }).count == 2 * perWriter)
        let segment = sandbox.dataHome.appendingPathComponent("portico/history/records/000001.jsonl")
        let lines = try String(contentsOf: segment, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 * perWriter)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    @Test("a torn last record (a writer killed mid-write) is cut off when Portico next starts, and the next send records")
    func tornRecord() async throws {
        let sandbox = try Sandbox()
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/1")]).exitCode == 0)
        let segment = sandbox.dataHome.appendingPathComponent("portico/history/records/000001.jsonl")
        let handle = try FileHandle(forWritingTo: segment)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"crc32":"12345678","id":"0000"#.utf8))
        try handle.close()
        let listed = try await sandbox.run(["history", "list", "--json"])
        #expect(listed.exitCode == 0)
        #expect(listed.stderr.isEmpty, "\(listed)")
        #expect((try JSONSerialization.jsonObject(with: listed.stdout) as? [Any])?.count == 1)
        #expect(try !String(contentsOf: segment, encoding: .utf8).contains(#""id":"0000"#), "the torn line is gone")
        #expect(try await sandbox.run(["send", try await DemoAPI.url("/users/2")]).exitCode == 0)
        let after = try await sandbox.run(["history", "list", "--json"])
        #expect(after.stderr.isEmpty, "\(after)")
        #expect((try JSONSerialization.jsonObject(with: after.stdout) as? [Any])?.count == 2)
    }

    @Test("a reader that stops early (| head) ends the send quietly, and history keeps the exchange and why it stopped")
    func closedOutputIsRecorded() async throws {
        let sandbox = try Sandbox()
        let process = Process()
        process.executableURL = try PorticoBinary.require()
        process.arguments = ["send", try await DemoAPI.url("/large.json?mb=20")]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = sandbox.dataHome.path
        environment["XDG_CONFIG_HOME"] = sandbox.configHome.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let launched = try LaunchedProcess(process)
        let first = pipe.fileHandleForReading.readData(ofLength: 100)
        try pipe.fileHandleForReading.close()
        await launched.wait()
        #expect(first.count == 100)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let entries = try await Self.entries(sandbox)
        #expect(entries.count == 1)
        #expect(entries.first?["status"] as? Int == 200)
        #expect((entries.first?["error"] as? String)?.contains("standard output was closed") == true, "\(entries)")
    }

    @Test("kill -9 at random moments while recording never damages earlier records")
    func killedWriters() async throws {
        let sandbox = try Sandbox()
        let binary = try PorticoBinary.require()
        let url = try await DemoAPI.url("/bytes/3000000")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = sandbox.dataHome.path
        environment["XDG_CONFIG_HOME"] = sandbox.configHome.path
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["send", url, "-o", "/dev/null"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let launched = try LaunchedProcess(process)
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            await launched.wait()
        }
        // Whatever was cut, a complete send afterwards records, and every record reads back.
        #expect(try await sandbox.run(["send", url, "-o", "/dev/null"]).exitCode == 0)
        let listed = try await sandbox.run(["history", "list", "--json", "--limit", "0"])
        #expect(listed.exitCode == 0, "\(listed)")
        #expect(!listed.stderr.contains("checksum"), "\(listed.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(entries.count >= 1)
        for entry in entries {
            let shown = try await sandbox.run(["history", "show", entry["id"] as! String, "--json"])
            #expect(shown.exitCode == 0, "a recorded body is missing: \(shown)")
        }
    }
}
