import Foundation
import PorticoCore
import PorticoDemoServer
import Testing

/// The hostile server, started once per test process on a free port.
enum HostileAPI {
    private static let running = Task { try await HostileServer.start() }

    static func url(_ path: String) async throws -> String { try await running.value.baseURL + path }
}

/// `portico send` against a server that attacks it (Sources/PorticoDemoServer/HostileRoutes.swift):
/// every run ends by itself with a clear error or a safely shown response, nothing that acts on a
/// terminal reaches one, and history holds a record that agrees with what happened.
// One test at a time: gzip bombs and endless bodies at full speed would starve the other suites' servers.
@Suite("portico send against hostile servers", .serialized)
struct HostileServerTests {
    static let transports = ["urlsession", "async-http-client"]

    /// Scalars that act on a terminal or hide text: C0 controls but tab and line ends, DEL, C1,
    /// bidi controls and zero-width characters.
    static func terminalControls(in data: Data) -> [String] {
        guard let text = String(validating: data, as: UTF8.self) else { return ["invalid UTF-8"] }
        return text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00..<0x20, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
            default: false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static func expectSafe(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.timedOut, "\(result)", sourceLocation: sourceLocation)
        #expect(terminalControls(in: result.stdout).isEmpty, "stdout holds \(terminalControls(in: result.stdout)): \(result)", sourceLocation: sourceLocation)
        #expect(terminalControls(in: Data(result.stderr.utf8)).isEmpty, "stderr holds controls: \(result)", sourceLocation: sourceLocation)
    }

    /// The newest record of the sandbox's history.
    static func lastRecord(_ sandbox: Sandbox) throws -> HistoryRecord {
        let store = HistoryStore(folder: sandbox.dataHome.appendingPathComponent("portico/history"))
        return try #require(try store.list(limit: 1).records.first)
    }

    @Test("escape sequences in the body are shown as symbols on a terminal", arguments: transports)
    func escapesInBody(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/escapes/body"), "-i", "--transport", transport], inTerminal: true)
        Self.expectSafe(result)
        #expect(result.exitCode == 0, "\(result)")
        let shown = result.stdoutText
        #expect(shown.contains("␛]0;PWNED-TITLE␇"), "\(shown)")
        #expect(shown.contains("␛]52;c;UFdORUQtQ0xJUEJPQVJE␇"))
        #expect(shown.contains("<U+202E>exe.txt<U+202C>") && shown.contains("pay<U+200B>pal<U+2060><U+FEFF>"), "\(shown)")
        #expect(shown.contains("<U+009B>2J"))
        #expect(shown.contains("after the escapes"))
        let record = try Self.lastRecord(sandbox)
        #expect(record.response?.status == 200 && record.error == nil)
        #expect(record.response?.body?.size == 19 + HostileServer.escapeSequences.utf8.count + 19)
    }

    @Test("through a pipe the body is passed on unchanged")
    func escapesThroughAPipe() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/escapes/body")])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText == "before the escapes\n\(HostileServer.escapeSequences)\nafter the escapes\n")
    }

    @Test("--raw lets the body act on the terminal, as asked")
    func rawOptsOut() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/escapes/body"), "--raw"], inTerminal: true)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains(0x1B))
    }

    @Test("escape sequences in a JSON body, --format json on a terminal: escaped, still JSON")
    func escapesInJSON() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/escapes/json"), "--format", "json"], inTerminal: true)
        Self.expectSafe(result)
        let json = try #require(parseJSONObject(result.stdoutText.replacingOccurrences(of: "\r\n", with: "\n")), "\(result)")
        #expect(json.object("response")?.string("body")?.contains("\u{1B}]0;PWNED-TITLE\u{07}") == true)
        #expect(json.object("response")?.string("body")?.contains("pay\u{200B}pal") == true)
    }

    @Test("escape sequences in header values, the reason phrase and cookies are shown as symbols", arguments: ["/escapes/header", "/escapes/reason", "/escapes/cookie"])
    func escapesInTheHead(path: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url(path), "-i", "-v"], inTerminal: true)
        Self.expectSafe(result)
        #expect(result.exitCode == 0, "\(result)")
        // The status line gives the standard reason phrase for the code, never the server's text.
        #expect(result.stdoutText.hasPrefix("HTTP 200 OK\r\n"), "\(result)")
        if path == "/escapes/header" { #expect(result.stdoutText.contains("X-Escapes: ␛]0;PWNED-TITLE␇")) }
        if path == "/escapes/cookie" { #expect(result.stdoutText.contains("Set-Cookie: ")) }
        let record = try Self.lastRecord(sandbox)
        #expect(record.response?.status == 200)
    }

    @Test("a redirect whose Location carries escape sequences: shown as symbols wherever it is told")
    func escapesInLocation() async throws {
        let sandbox = try Sandbox()
        let followed = try await sandbox.run(["send", try await HostileAPI.url("/escapes/location"), "-v"], inTerminal: true)
        Self.expectSafe(followed)
        #expect(followed.exitCode == 0, "\(followed)")
        #expect(followed.stderr.contains("< 302 Found -> /escapes/body?␛]0;PWNED-TITLE␇"), "\(followed)")
        let record = try Self.lastRecord(sandbox)
        #expect(record.redirects.first?.location.contains("\u{1B}]0;PWNED-TITLE") == true, "history keeps the Location as it was sent")

        let shown = try await sandbox.run(["send", try await HostileAPI.url("/escapes/location"), "-i", "--no-follow"], inTerminal: true)
        Self.expectSafe(shown)
        #expect(shown.stdoutText.contains("Location: /escapes/body?␛]0;PWNED-TITLE␇"), "\(shown)")
    }

    @Test("async-http-client refuses control characters in a head with a clear error", arguments: ["/escapes/header", "/escapes/location", "/escapes/cookie"])
    func controlCharactersInAHeadThroughAsyncHTTPClient(path: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url(path), "--transport", "async-http-client"], inTerminal: true)
        Self.expectSafe(result)
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("sent a response that is not valid HTTP: invalid character in header"), "\(result)")
        #expect(try Self.lastRecord(sandbox).error?.kind == "protocol")
    }

    @Test("invalid UTF-8 and NUL bytes: a binary body is held back on a terminal, passed on whole through a pipe")
    func invalidUTF8() async throws {
        let sandbox = try Sandbox()
        let shown = try await sandbox.run(["send", try await HostileAPI.url("/invalid-utf8"), "-i"], inTerminal: true)
        Self.expectSafe(shown)
        #expect(shown.exitCode == 0, "\(shown)")
        #expect(shown.stdoutText.contains("X-Bytes: a\u{FFFD}b"), "\(shown)")
        #expect(shown.stderr.contains("binary body of 47 bytes not shown"), "\(shown)")
        let piped = try await sandbox.run(["send", try await HostileAPI.url("/invalid-utf8")])
        var sent: [UInt8] = Array("valid, then invalid: ".utf8)
        sent += [0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xC3]
        sent += Array(" then NUL: ".utf8) + [0, 0] + Array(" end\n".utf8)
        #expect(piped.stdout == Data(sent))
        #expect(try Self.lastRecord(sandbox).response?.body?.size == 47)
    }

    @Test("malformed heads end with a clear error or a response, never a hang or an endless message",
          arguments: ["/nul-header", "/huge-header", "/many-headers", "/garbage"], transports)
    func malformedHeads(path: String, transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url(path), "--transport", transport, "--timeout", "10"], inTerminal: true)
        Self.expectSafe(result)
        #expect([0, 3].contains(result.exitCode), "\(result)")
        #expect(result.stderr.count < 1000, "the message quotes what the server sent: \(result.stderr.prefix(300))")
        if result.exitCode == 3 { #expect(result.stderr.hasPrefix("portico: ")) }
        let record = try Self.lastRecord(sandbox)
        #expect((record.error != nil) == (result.exitCode == 3), "history agrees with the exit code: \(result)")
    }

    @Test("an endless body stops at the body size limit, keeping exactly what fits", arguments: transports)
    func endlessBodyStopsAtTheLimit(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/endless"), "--transport", transport, "--max-body-size", "5MB"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("passed the size limit of 5000000 bytes"), "\(result)")
        #expect(result.stdout.count == 5_000_000)
        let record = try Self.lastRecord(sandbox)
        #expect(record.response?.status == 200)
        #expect(record.error?.kind == "protocol" && record.error?.message.contains("size limit") == true)
        #expect(record.response?.body?.size == 5_000_000 && record.response?.body?.truncated == nil)
    }

    @Test("an endless body also stops at the total time limit", arguments: transports)
    func endlessBodyStopsAtTheDeadline(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/endless"), "--transport", transport, "--timeout", "1.5", "--max-body-size", "1TB", "-o", "/dev/null"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("timed out after 1.5 s"), "\(result)")
        #expect(try Self.lastRecord(sandbox).error?.kind == "timeout")
    }

    @Test("one byte per second stops at the total time limit", arguments: transports)
    func slowloris(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/slowloris"), "--transport", transport, "--timeout", "2"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("timed out"), "\(result)")
        #expect(try Self.lastRecord(sandbox).error?.kind == "timeout")
    }

    @Test("a gzip bomb stops at the limit, counted after inflating; history keeps its first part, marked truncated", arguments: transports)
    func gzipBomb(transport: String) async throws {
        let sandbox = try Sandbox()
        try sandbox.writeConfig("history:\n  maxBodySize: 1MiB\n")
        let result = try await sandbox.run(["send", try await HostileAPI.url("/gzip-bomb"), "--transport", transport, "--max-body-size", "4MiB"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("passed the size limit of 4 MiB"), "\(result)")
        #expect(result.stdout.count == 4 << 20 && result.stdout.allSatisfy { $0 == UInt8(ascii: "A") })
        let record = try Self.lastRecord(sandbox)
        #expect(record.response?.body?.size == 4 << 20 && record.response?.body?.truncated == true, "history keeps 1 MiB of the 4 MiB that arrived")
        #expect(record.error?.message.contains("size limit") == true)
    }

    @Test("the limit in config.yaml applies when no flag is given")
    func limitFromConfig() async throws {
        let sandbox = try Sandbox()
        try sandbox.writeConfig("response:\n  maxBodySize: 64KiB\n")
        let result = try await sandbox.run(["send", try await HostileAPI.url("/gzip-bomb")])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("passed the size limit of 64 KiB"), "\(result)")
        #expect(result.stdout.count == 64 << 10)
    }

    @Test("a connection reset mid-body: an error, the head and what arrived kept", arguments: transports)
    func resetMidBody(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/reset"), "--transport", transport])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stdout.count <= 64 << 10)
        let record = try Self.lastRecord(sandbox)
        #expect(record.error != nil)
        #expect(record.response?.status == 200, "the head that arrived is kept")
        #expect(record.response?.body?.size == result.stdout.count, "history has what was shown")
    }

    @Test("a Content-Length shorter than the body: the announced bytes only", arguments: transports)
    func contentLengthShort(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/content-length/short"), "--transport", transport])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutText == "hello")
    }

    @Test("a Content-Length longer than the body: an error saying the body was cut short", arguments: transports)
    func contentLengthLong(transport: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/content-length/long"), "--transport", transport])
        #expect(result.exitCode == 3, "\(result)")
        let record = try Self.lastRecord(sandbox)
        #expect(record.error?.kind == "protocol" || record.error?.kind == "connect", "\(String(describing: record.error))")
    }

    @Test("a redirect loop stops at the redirect limit, every hop recorded")
    func redirectLoop() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url("/redirect-loop")])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("stopped after 10 redirects"), "\(result)")
        #expect(try Self.lastRecord(sandbox).redirects.count == 11)
    }

    @Test("redirects to file:// and other schemes are refused, nothing read", arguments: ["/redirect/file", "/redirect/ftp", "/redirect/javascript", "/redirect/data"])
    func redirectToAnotherScheme(path: String) async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await HostileAPI.url(path)])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("redirect to an invalid location"), "\(result)")
        #expect(!result.stdoutText.contains("root:"))
        let record = try Self.lastRecord(sandbox)
        #expect(record.redirects.count == 1 && record.error?.kind == "protocol")
    }
}

extension Sandbox {
    /// Writes the sandbox's config.yaml.
    func writeConfig(_ text: String) throws {
        let folder = configHome.appendingPathComponent("portico")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }
}
