import Foundation
import Testing

/// `portico send` with a URL: what goes on the wire (seen through the demo server's /echo) and
/// what comes out on standard output.
@Suite("portico send URL")
struct SendTests {
    /// On a terminal a body in another charset is shown converted, as the explorer shows it; to a
    /// pipe or a file the bytes go as received.
    @Test(arguments: [("/formats/latin1", "Café crème, naïve façade, Straße"), ("/formats/utf16", "\"greeting\": \"こんにちは\"")])
    func aBodyInAnotherCharsetIsConvertedOnATerminal(path: String, expected: String) async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url(path)
        let shown = try await sandbox.run(["send", url], inTerminal: true)
        #expect(shown.exitCode == 0, "\(shown)")
        #expect(shown.stdoutText.contains(expected), "\(shown)")
        #expect(!shown.stdoutText.contains("binary body"), "\(shown)")
        let piped = try await sandbox.run(["send", url])
        #expect(!piped.stdout.isEmpty && !piped.stdoutText.contains(expected), "\(piped)")
    }

    @Test func methodQueryHeaderAndFormBodyReachTheServer() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/echo?b=2&a=1"), "-X", "PATCH", "-H", "X-One: 1", "-d", "x=1"])
        #expect(result.exitCode == 0, "\(result)")
        let echo = try result.json()
        #expect(echo.string("method") == "PATCH")
        #expect(echo.pairs("query") == [["b", "2"], ["a", "1"]])
        let headers = try #require(echo.pairs("headers"))
        #expect(headers.contains(["X-One", "1"]), "\(headers)")
        #expect(headers.contains { $0.first?.lowercased() == "content-type" && $0.last == "application/x-www-form-urlencoded" }, "\(headers)")
        #expect(echo.string("body") == "x=1")
    }

    @Test func jsonBodySetsContentTypeAndDefaultsToPost() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "--json", #"{"a":1}"#])
        #expect(result.exitCode == 0, "\(result)")
        let echo = try result.json()
        #expect(echo.string("method") == "POST")
        #expect(echo.string("body") == #"{"a":1}"#)
        let headers = try #require(echo.pairs("headers"))
        #expect(headers.contains { $0.first?.lowercased() == "content-type" && $0.last == "application/json" }, "\(headers)")
        #expect(headers.contains { $0.first?.lowercased() == "accept" && $0.last == "application/json" }, "\(headers)")
    }

    @Test func dataFileSendsTheExactBytes() async throws {
        let sandbox = try Sandbox()
        let bytes = Data((0...255).map { UInt8($0) })
        let file = sandbox.path("all-bytes.bin")
        try bytes.write(to: file)
        let result = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "--data-file", file.path])
        #expect(result.exitCode == 0, "\(result)")
        let echo = try result.json()
        #expect(echo.string("method") == "POST")
        #expect(echo.int("body_size") == 256)
        let sent = try #require(echo.string("body_base64").flatMap { Data(base64Encoded: $0) }, "\(echo)")
        #expect(sent == bytes)
    }

    @Test func includePrintsStatusLineHeadersBlankLineThenBody() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "-i"])
        #expect(result.exitCode == 0, "\(result)")
        let text = result.stdoutText
        let split = try #require(text.range(of: "\n\n"), "no blank line after the head: \(text)")
        let head = text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(head.first == "HTTP 200 OK", "\(text)")
        #expect(head.count > 1, "no headers: \(text)")
        for line in head.dropFirst() {
            #expect(line.contains(": "), "not a header line: \(line)")
        }
        #expect(head.contains("Content-Type: application/json"), "\(head)")
        let body = try #require(parseJSONObject(String(text[split.upperBound...])), "the body after the blank line is not the echo JSON: \(text)")
        #expect(body.string("method") == "GET")
    }

    @Test func outputFileHoldsExactlyTheBodyAndStdoutStaysEmpty() async throws {
        let sandbox = try Sandbox()
        let file = sandbox.path("body.bin")
        let result = try await sandbox.run(["send", try await DemoAPI.url("/bytes/100000"), "-o", file.path])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let written = try Data(contentsOf: file)
        #expect(written.count == 100_000)
        #expect(written == (try await DemoAPI.fetch("/bytes/100000")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.work.path)
        #expect(leftovers == ["body.bin"], "temporary files left beside the output: \(leftovers)")
    }

    @Test func outputIntoAMissingFolderIsBadInputAndCreatesNothing() async throws {
        let sandbox = try Sandbox()
        let file = sandbox.path("no-such-folder/body.bin")
        let result = try await sandbox.run(["send", try await DemoAPI.url("/bytes/100"), "-o", file.path])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("no-such-folder"), "the message does not name the path: \(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: file.deletingLastPathComponent().path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.work.path).isEmpty)
    }

    @Test func failedDownloadLeavesNoFile() async throws {
        let sandbox = try Sandbox()
        let file = sandbox.path("slow.json")
        let result = try await sandbox.run(["send", try await DemoAPI.url("/delay/3000"), "--timeout", "0.5", "-o", file.path])
        #expect(result.exitCode == 3, "\(result)")
        #expect(!result.timedOut)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.work.path).isEmpty, "temporary files left behind")
    }

    @Test func failedDownloadKeepsAnEarlierFile() async throws {
        let sandbox = try Sandbox()
        let file = sandbox.path("kept.json")
        let earlier = Data("the earlier download\n".utf8)
        try earlier.write(to: file)
        let result = try await sandbox.run(["send", try await DemoAPI.url("/delay/3000"), "--timeout", "0.5", "-o", file.path])
        #expect(result.exitCode == 3, "\(result)")
        #expect(try Data(contentsOf: file) == earlier)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.work.path) == ["kept.json"], "temporary files left behind")
    }

    /// Through a pipe the body is passed on unchanged, escape and NUL bytes included; the terminal
    /// filter applies to terminals only.
    @Test func bodyBytesPassThroughAPipeUnchanged() async throws {
        let sandbox = try Sandbox()
        let expected = try await DemoAPI.fetch("/bytes/4096")
        #expect(expected.contains(0x1B) && expected.contains(0), "the reference body should hold ESC and NUL bytes")
        let result = try await sandbox.run(["send", try await DemoAPI.url("/bytes/4096")])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == expected)
        #expect(!result.stderr.contains("binary body"), "a pipe is not a terminal: \(result.stderr)")
    }

    @Test func escapeBytesInABodyStillGiveValidOutput() async throws {
        let sandbox = try Sandbox()
        let red = "\u{1B}[31mred"
        let text = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "-d", red, "-H", "Content-Type: text/plain"])
        #expect(text.exitCode == 0, "\(text)")
        #expect(try text.json().string("body") == red)

        let json = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "-d", red, "-H", "Content-Type: text/plain", "--format", "json"])
        #expect(json.exitCode == 0, "\(json)")
        let response = try #require(try json.json().object("response"))
        let echo = try #require(response.string("body").flatMap(parseJSONObject), "\(response)")
        #expect(echo.string("body") == red)
    }
}
