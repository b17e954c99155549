import Foundation
import Testing

/// `portico send --format json`: the documented keys of docs/cli.md.
@Suite("portico send --format json")
struct FormatJSONTests {
    @Test func documentedKeysForARedirectedRequest() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/redirect/2")
        let result = try await sandbox.run(["send", url, "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let document = try result.json()
        #expect(Set(document.keys) == ["request", "response", "redirects", "timing", "error", "transport", "protocol_error", "checks"])
        #expect(document.isNull("error"))

        let request = try #require(document.object("request"))
        #expect(request.string("method") == "GET")
        #expect(request.string("url") == url)
        let requestHeaders = try #require(request.pairs("headers"), "request.headers is not a list of [name, value]: \(request)")
        #expect(requestHeaders.allSatisfy { $0.count == 2 })
        #expect(requestHeaders.contains { $0.first == "User-Agent" }, "\(requestHeaders)")

        let response = try #require(document.object("response"))
        #expect(response.int("status") == 200)
        #expect(response.string("reason") == "OK")
        #expect(response.string("url") == (try await DemoAPI.url("/redirect/0")))
        let responseHeaders = try #require(response.pairs("headers"), "response.headers is not a list of [name, value]: \(response)")
        #expect(responseHeaders.allSatisfy { $0.count == 2 })
        #expect(responseHeaders.contains(["Content-Type", "application/json"]), "\(responseHeaders)")
        let body = try #require(response.string("body"))
        #expect(parseJSONObject(body)?.string("redirects") == "done", "\(body)")
        #expect(response.int("size") == body.utf8.count)
        #expect(response["body_base64"] == nil)

        let redirects = try #require(document.array("redirects") as? [[String: Any]])
        #expect(redirects.count == 2)
        #expect(redirects.map { $0.int("status") } == [302, 302])
        #expect(redirects.map { $0.string("location") } == ["/redirect/1", "/redirect/0"])

        let timing = try #require(document.object("timing"))
        let ttfb = try #require(timing.number("ttfb_ms"), "\(timing)")
        let total = try #require(timing.number("total_ms"), "\(timing)")
        #expect(ttfb >= 0 && ttfb <= total, "\(timing)")
    }

    @Test func binaryBodyIsNullWithBase64() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/bytes/16"), "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let response = try #require(try result.json().object("response"))
        #expect(response.isNull("body"), "\(response)")
        #expect(response.int("size") == 16)
        let bytes = try #require(response.string("body_base64").flatMap { Data(base64Encoded: $0) }, "\(response)")
        #expect(bytes.count == 16)
        #expect(bytes == (try await DemoAPI.fetch("/bytes/16")))
    }

    /// Not a speed check: a run cannot have lasted longer than the process that reported it, so the
    /// reported milliseconds must fit in the wall-clock time the test measured around the run.
    @Test func timingsAreMillisecondsOfThisRun() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/redirect/1"), "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let timing = try #require(try result.json().object("timing"))
        let total = try #require(timing.number("total_ms"))
        let ttfb = try #require(timing.number("ttfb_ms"))
        let lifetime = Double(result.elapsed.components.seconds) * 1000 + Double(result.elapsed.components.attoseconds) / 1e15
        #expect(total <= lifetime, "total_ms \(total) is more than the process lived (\(lifetime) ms)")
        #expect(ttfb <= lifetime, "ttfb_ms \(ttfb) is more than the process lived (\(lifetime) ms)")
    }

    @Test func requestThatCannotBeBuiltHasOnlyAnError() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "http://", "--format", "json"])
        #expect(result.exitCode == 2, "\(result)")
        let document = try result.json()
        #expect(document.isNull("request") && document.isNull("response") && document.isNull("timing"), "\(document)")
        #expect(document.array("redirects")?.isEmpty == true)
        let error = try #require(document.object("error"))
        #expect(error.string("kind") == "input")
        #expect(error.string("message")?.isEmpty == false)
    }
}
