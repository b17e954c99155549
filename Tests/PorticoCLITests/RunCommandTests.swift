import Foundation
import Testing
import PorticoCore
import PorticoDemoServer

/// `portico run` against the real demo server: the bundled collection, exit codes, reports.
@Suite("portico run")
struct RunCommandTests {
    /// A collection of `requests` (file name to YAML) in the sandbox, pointed at the demo server.
    static func collection(_ sandbox: Sandbox, _ requests: [String: String]) async throws -> URL {
        let folder = sandbox.path("api")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = try await DemoAPI.url("")
        try "id: run-tests\nname: Run tests\nvariables:\n  base: \(base)\n".write(to: folder.appendingPathComponent("portico.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in requests {
            let file = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let passing = "id: ok-1\nname: Passing\nurl: '{{base}}/users/1'\nchecks:\n- status == 200\n- jsonpath \"$.id\" == 1\n"
    static let failing = "id: bad-1\nname: Failing\nurl: '{{base}}/status/404'\nchecks:\n- status == 200\n- 'header \"Content-Type\" contains \"json\"'\n"

    static func validateJUnit(_ file: URL) throws -> String {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/junit.xsd")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", schema.path, file.path]
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? "" : text
    }

    @Test func theDemoCollectionPassesAsAWholeWithAValidJUnitReport() async throws {
        // The collection renames, creates and deletes users: on a server of its own.
        try await DemoAPI.withOwnServer { server in try await runTheDemoCollection(port: server.port) }
    }

    private func runTheDemoCollection(port: Int) async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection(port: port)
        let junit = sandbox.path("results.xml")
        let json = sandbox.path("results.json")
        let result = try await sandbox.run(["run", folder.path, "-e", "demo", "--report", "junit:\(junit.path)", "--report", "json:\(json.path)"], timeout: 120)
        #expect(result.exitCode == 0, "\(result)")
        let requestCount = DemoCollection.make(port: 1).allRequests.count
        // The authorization-code grant waits for a person: skipped, not failed.
        #expect(result.stdoutText.contains("\(requestCount) requests: \(requestCount - 1) passed, 0 failed, 0 errors, 1 skipped"), "\(result)")
        #expect(try Self.validateJUnit(junit) == "")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"\(requestCount)\" failures=\"0\" errors=\"0\" skipped=\"1\""))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(report["requests"] as? Int == requestCount)
        #expect(report["passed"] as? Int == requestCount - 1)
        let requests = try #require(((report["rounds"] as? [[String: Any]])?.first)?["requests"] as? [[String: Any]])
        // Every request but the skipped one was checked, and every check held.
        let checked = requests.filter { ($0["checks"] as? [[String: Any]])?.isEmpty == false }
        #expect(checked.count == requestCount - 1)
        #expect(requests.allSatisfy { ($0["checks"] as? [[String: Any]] ?? []).allSatisfy { $0["passed"] as? Bool == true } || $0["verdict"] as? String == "skipped" })
        // The chain: the login's token is captured, masked in the report, and the protected call used it.
        let login = try #require(requests.first { $0["path"] as? String == "chain/01-log-in.yaml" })
        #expect((login["captured"] as? [String: String])?["accessToken"] == "••••••")
        #expect(!String(decoding: try Data(contentsOf: json), as: UTF8.self).contains(try #require(try Self.capturedToken(sandbox))))
    }

    /// The token the demo's chain captured, read back through the capture store; the file itself
    /// is private and sealed, so the token is nowhere in it.
    static func capturedToken(_ sandbox: Sandbox) throws -> String? {
        let store = CaptureStore(paths: sandbox.userPaths)
        let file = try #require(store.file)
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
        let token = store.variables(collectionID: DemoCollection.id, environment: "demo").first { $0.name == "accessToken" }?.value
        if let token { #expect(!String(decoding: try Data(contentsOf: file), as: UTF8.self).contains(token)) }
        return token
    }

    @Test func exitCodesSayPassedFailedOrBroken() async throws {
        let sandbox = try Sandbox()
        let folder = try await Self.collection(sandbox, ["a-passing.yaml": Self.passing, "b-failing.yaml": Self.failing])
        let passed = try await sandbox.run(["run", folder.appendingPathComponent("a-passing.yaml").path])
        #expect(passed.exitCode == 0, "\(passed)")
        let failed = try await sandbox.run(["run", folder.path])
        #expect(failed.exitCode == 1, "\(failed)")
        #expect(failed.stdoutText.contains("status == 200: got 404: expected == 200"))
        #expect(failed.stdoutText.contains("2 requests: 1 passed, 1 failed, 0 errors, 0 skipped"))

        let (port, sockets) = try TestPeer.unansweredPort()
        defer { sockets.forEach { close($0) } }
        try "id: down-1\nname: Down\nurl: http://127.0.0.1:\(port)/\noptions:\n  timeout: 1\nchecks:\n- status == 200\n"
            .write(to: folder.appendingPathComponent("c-down.yaml"), atomically: true, encoding: .utf8)
        let broken = try await sandbox.run(["run", folder.path])
        #expect(broken.exitCode == 2, "\(broken)")
        #expect(broken.stdoutText.contains("3 requests: 1 passed, 1 failed, 1 error"))

        let badFile = try await sandbox.run(["run", folder.appendingPathComponent("missing.yaml").path])
        #expect(badFile.exitCode == 2)
        #expect(badFile.stderr.contains("no such collection, folder or request file"))
    }

    @Test func aBrokenRequestFileStopsTheRunBeforeAnythingIsSent() async throws {
        let sandbox = try Sandbox()
        let folder = try await Self.collection(sandbox, ["a.yaml": Self.passing, "b.yaml": "id: b\nurl: '{{base}}/x'\nchecks:\n- status === 200\n"])
        let result = try await sandbox.run(["run", folder.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("b.yaml:4"))
        #expect(result.stderr.contains("1 file of the collection did not load"))
        #expect(result.stdoutText.isEmpty)
    }

    @Test func bailStopsAtTheFirstFailure() async throws {
        let sandbox = try Sandbox()
        let folder = try await Self.collection(sandbox, ["a-failing.yaml": Self.failing, "b-passing.yaml": Self.passing])
        let result = try await sandbox.run(["run", folder.path, "--bail"])
        #expect(result.exitCode == 1)
        #expect(result.stdoutText.contains("a-failing.yaml"))
        #expect(!result.stdoutText.contains("b-passing.yaml"))
    }

    @Test func tapGoesToStandardOutput() async throws {
        let sandbox = try Sandbox()
        let folder = try await Self.collection(sandbox, ["a-passing.yaml": Self.passing, "b-failing.yaml": Self.failing])
        let result = try await sandbox.run(["run", folder.path, "--report", "tap"])
        #expect(result.exitCode == 1)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == ["TAP version 14", "1..2", "ok 1 - a-passing.yaml Passing", "not ok 2 - b-failing.yaml Failing"])
        #expect(lines.contains("    - \"status == 200: got 404: expected == 200\""))
    }

    @Test func jobsRunRequestsAtOnceAndReportThemInCollectionOrder() async throws {
        let sandbox = try Sandbox()
        var requests: [String: String] = [:]
        // A target of this test's own, so the server's figures for it are this run's alone.
        let target = "/delay/300?run=jobs-\(UUID().uuidString)"
        for index in 1...6 {
            requests["r\(index).yaml"] = "id: slow-\(index)\nname: Slow \(index)\nurl: '{{base}}\(target)'\nchecks:\n- status == 200\n"
        }
        let folder = try await Self.collection(sandbox, requests)
        let json = sandbox.path("jobs.json")
        let result = try await sandbox.run(["run", folder.path, "--jobs", "6", "--report", "json:\(json.path)"])
        #expect(result.exitCode == 0, "\(result)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let round = try #require((report["rounds"] as? [[String: Any]])?.first)
        #expect((round["requests"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == (1...6).map { "r\($0).yaml" })
        // The server saw them at once: more than one of them in flight together, which a run of
        // one request after another never shows (told by the server, not by a clock).
        let tally = try await DemoAPI.tally(target)
        #expect(tally.received == 6)
        #expect(tally.maxInFlight > 1, "\(tally)")
    }

    @Test func repeatRunsRoundsAndEveryPrintsALinePerRound() async throws {
        let sandbox = try Sandbox()
        let folder = try await Self.collection(sandbox, ["a.yaml": Self.passing])
        let json = sandbox.path("rounds.json")
        let result = try await sandbox.run(["run", folder.path, "--every", "100ms", "--repeat", "3", "--report", "json:\(json.path)"])
        #expect(result.exitCode == 0, "\(result)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(": 1 passed, 0 failed, 0 errors") })
        #expect(lines.last?.contains("round 3") == true)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect((report["rounds"] as? [Any])?.count == 3)
    }

    @Test func badFlagsAreRefused() async throws {
        let sandbox = try Sandbox()
        for (arguments, message) in [(["--jobs", "0"], "--jobs must be 1 or more"), (["--every", "soon"], "--every 'soon' is not a duration"),
                                     (["--report", "xml:out.xml"], "write junit:FILE, json:FILE, tap or tap:FILE"), (["--report", "junit"], "--report junit needs a file")] {
            let result = try await sandbox.run(["run"] + arguments)
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains(message), "\(result)")
        }
    }

    @Test func sendRunsWhatARequestNeedsAndReportsItsChecks() async throws {
        let sandbox = try Sandbox()
        let folder = try await sandbox.initDemoCollection()
        let result = try await sandbox.run(["send", folder.appendingPathComponent("chain/02-protected.yaml").path, "-e", "demo", "-v"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr.contains("* needed chain/01-log-in.yaml: 200 passed, 3/3 checks passed"))
        #expect(result.stderr.contains("checks: all 3 passed"))
        let token = try #require(try Self.capturedToken(sandbox))
        #expect(!result.stderr.contains(token) && !result.stdoutText.contains(token))
        // The token lives 5 minutes: a second send reuses it instead of logging in again.
        let again = try await sandbox.run(["send", folder.appendingPathComponent("chain/02-protected.yaml").path, "-e", "demo"])
        #expect(again.exitCode == 0)
        #expect(!again.stderr.contains("needed"))
        // History holds the captured token only as its name.
        let history = try FileManager.default.subpathsOfDirectory(atPath: sandbox.dataHome.appendingPathComponent("portico/history").path)
        var stored = ""
        for file in history { stored += (try? String(contentsOf: sandbox.dataHome.appendingPathComponent("portico/history/\(file)"), encoding: .utf8)) ?? "" }
        #expect(!stored.isEmpty && !stored.contains(token))

        let failing = try await Self.collection(sandbox, ["b.yaml": Self.failing])
        let checked = try await sandbox.run(["send", failing.appendingPathComponent("b.yaml").path, "--fail"])
        #expect(checked.exitCode == 1)
        #expect(checked.stderr.contains("✗ status == 200: got 404: expected == 200"))
        #expect(checked.stderr.contains("checks: 1 of 2 failed"))
    }
}
