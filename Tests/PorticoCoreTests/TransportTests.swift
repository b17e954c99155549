import Foundation
import PorticoCore
import Testing

@Suite("Sending requests to the demo server")
struct TransportTests {
    @Test func getEchoesMethodPathAndQueryInOrder() async throws {
        let url = try await TestServer.url("/echo/a?z=1&a=2&z=3")
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: url, headers: [HTTPField("X-Trace", "abc")]))
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 200)
        let echo = exchange.bodyJSON
        #expect(echo["method"] as? String == "GET")
        #expect(echo["path"] as? String == "/echo/a")
        #expect(echo["query"] as? [[String]] == [["z", "1"], ["a", "2"], ["z", "3"]])
        let headers = echo["headers"] as? [[String]] ?? []
        #expect(headers.contains { $0[0].lowercased() == "x-trace" && $0[1] == "abc" })
        #expect(exchange.timing.timeToFirstByte != nil)
    }

    @Test func unauthorizedWithBasicChallengeReturnsPromptly() async throws {
        let url = try await TestServer.url("/basic-auth")
        var request = ResolvedRequest(method: .get, url: url)
        // A hang would end in this deadline; the answer itself takes milliseconds.
        request.options.timeout = 30
        let exchange = await TestServer.send(request)
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 401)
        #expect(exchange.response?.headers.first(named: "WWW-Authenticate")?.hasPrefix("Basic") == true)
        #expect(exchange.bodyText.contains("password"))
    }

    @Test func followsRedirectsAndRecordsEveryHop() async throws {
        let url = try await TestServer.url("/redirect/3")
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: url))
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 200)
        #expect(exchange.redirects.map(\.location) == ["/redirect/2", "/redirect/1", "/redirect/0"])
        #expect(exchange.redirects.allSatisfy { $0.status == 302 })
        #expect(exchange.response?.url.path == "/redirect/0")
    }

    @Test func credentialsAreNotSentOnToAnotherOrigin() async throws {
        // 127.0.0.1 and localhost are the same server but different origins.
        let port = try #require(try await TestServer.url("/").port)
        let template = RequestTemplate(name: "r", url: "http://127.0.0.1:\(port)/redirect-to?url=http://localhost:\(port)/echo/elsewhere",
                                       headers: [KeyValueRow("X-Trace", "kept")], auth: .apiKey(name: "X-Api-Key", value: "k-123", location: .header))
        let request = try RequestRenderer(scope: VariableScope(), collection: nil, baseDirectory: URL(fileURLWithPath: "/")).render(template)
        #expect(request.credentialHeaders == ["X-Api-Key"])
        let exchange = await TestServer.send(request)
        #expect(exchange.redirects.count == 1)
        let headers = (exchange.bodyJSON["headers"] as? [[String]] ?? []).map { $0[0].lowercased() }
        #expect(headers.contains("x-trace"))
        #expect(!headers.contains("x-api-key"), "\(headers)")

        let sameOrigin = try RequestRenderer(scope: VariableScope(), collection: nil, baseDirectory: URL(fileURLWithPath: "/")).render(RequestTemplate(
            name: "r", url: "http://127.0.0.1:\(port)/redirect-to?url=/echo/here", auth: .apiKey(name: "X-Api-Key", value: "k-123", location: .header)))
        let kept = await TestServer.send(sameOrigin)
        #expect((kept.bodyJSON["headers"] as? [[String]] ?? []).contains { $0[0].lowercased() == "x-api-key" && $0[1] == "k-123" })
    }

    @Test func redirect307KeepsMethodAndBody() async throws {
        let url = try await TestServer.url("/redirect-to?url=/echo/kept&status=307")
        let exchange = await TestServer.send(ResolvedRequest(method: .post, url: url, headers: [HTTPField("Content-Type", "text/plain")], body: .data(Data("payload".utf8))))
        #expect(exchange.error == nil)
        #expect(exchange.bodyJSON["method"] as? String == "POST")
        #expect(exchange.bodyJSON["body"] as? String == "payload")
        #expect(exchange.redirects.count == 1)
    }

    @Test func redirect303BecomesGetWithoutBody() async throws {
        let url = try await TestServer.url("/redirect-to?url=/echo/other&status=303")
        let exchange = await TestServer.send(ResolvedRequest(method: .post, url: url, headers: [HTTPField("Content-Type", "text/plain")], body: .data(Data("payload".utf8))))
        #expect(exchange.bodyJSON["method"] as? String == "GET")
        #expect(exchange.bodyJSON["body"] as? String == "")
    }

    @Test func noFollowReturnsTheRedirectItself() async throws {
        var request = ResolvedRequest(method: .get, url: try await TestServer.url("/redirect/2"))
        request.options.followRedirects = false
        let exchange = await TestServer.send(request)
        #expect(exchange.response?.status == 302)
        #expect(exchange.response?.headers.first(named: "Location") == "/redirect/1")
        #expect(exchange.redirects.isEmpty)
    }

    @Test func tooManyRedirectsIsAProtocolError() async throws {
        var request = ResolvedRequest(method: .get, url: try await TestServer.url("/redirect/5"))
        request.options.maxRedirects = 2
        let exchange = await TestServer.send(request)
        #expect(exchange.error?.kind == .protocol)
        #expect(exchange.error?.message.contains("2 redirects") == true)
    }

    @Test func totalDeadlineIsEnforcedWithSubSecondPrecision() async throws {
        var request = ResolvedRequest(method: .get, url: try await TestServer.url("/delay/3000"))
        request.options.timeout = 0.3
        let exchange = await TestServer.send(request)
        #expect(exchange.error?.kind == .timeout)
        #expect(exchange.response == nil)
    }

    @Test func connectionRefusedIsAConnectError() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: URL(string: "http://127.0.0.1:1/")!))
        #expect(exchange.error?.kind == .connect)
    }

    @Test func unknownHostIsADNSError() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: URL(string: "http://nonexistent.invalid/")!))
        #expect(exchange.error?.kind == .dns)
        #expect(exchange.error?.message.contains("nonexistent.invalid") == true)
    }

    @Test func cancellingTheTaskCancelsTheExchange() async throws {
        let url = try await TestServer.url("/delay/5000")
        let task = Task { await TestServer.send(ResolvedRequest(method: .get, url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let exchange = await task.value
        #expect(exchange.error?.kind == .cancelled)
    }

    /// URLSession on Linux refuses these; chosen explicitly, Portico says so instead of sending
    /// something else. Left to choose, it sends them through the second transport.
    @Test(arguments: [HTTPMethod.get, .head])
    func getAndHeadWithABodyGoThroughTheSecondTransport(method: HTTPMethod) async throws {
        var request = ResolvedRequest(method: method, url: try await TestServer.url("/echo"), body: .data(Data("{}".utf8)))
        request.options.connection.transport = .urlSession
        let refused = await TestServer.send(request)
        #expect(refused.error?.kind == .input)
        #expect(refused.error?.message.contains("cannot send a body with \(method.rawValue)") == true)
        #expect(refused.response == nil)

        request.options.connection.transport = nil
        let sent = await TestServer.send(request)
        #expect(sent.error == nil)
        #expect(sent.transport == .asyncHTTPClient)
        #expect(sent.response?.status == 200)
        if method == .get {
            #expect(sent.body.flatMap { try? $0.data() }.flatMap { String(decoding: $0, as: UTF8.self) }?.contains(#""body" : "{}""#) == true)
        }
    }

    @Test func redirectsFollowFetchRules() async throws {
        // 301/302 turn POST into GET but keep other methods; 303 turns everything but HEAD into GET.
        for (method, status, expected) in [(HTTPMethod.post, 302, "GET"), (.delete, 301, "DELETE"), (.put, 302, "PUT"), (.delete, 303, "GET")] {
            let url = try await TestServer.url("/redirect-to?url=/echo&status=\(status)")
            let exchange = await TestServer.send(ResolvedRequest(method: method, url: url))
            #expect(exchange.bodyJSON["method"] as? String == expected, "\(method) after \(status)")
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/gzip")))
        #expect(exchange.bodyJSON["gzipped"] as? Bool == true)
    }

    @Test func largeBodiesSpillToAPrivateFile() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/bytes/\(6 << 20)")))
        #expect(exchange.error == nil)
        let body = try #require(exchange.body)
        #expect(body.size == 6 << 20)
        let file = try #require(body.fileURL)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try body.data().count == 6 << 20)
    }

    @Test func chunkedStreamArrivesWhole() async throws {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url("/stream/50")))
        #expect(exchange.bodyText.split(separator: "\n").count == 50)
    }

    @Test func bodyLimitStopsWithAClearError() async throws {
        let url = try await TestServer.url("/bytes/\(1 << 20)")
        let exchange = await TestServer.engine.send(ResolvedRequest(method: .get, url: url)) { _ in ResponseBody(maximumSize: 1000) }
        #expect(exchange.error?.message.contains("exceeds the limit") == true)
    }

    @Test func fileBodiesAreUploadedFromDisk() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portico-upload-\(UUID().uuidString)")
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let exchange = await TestServer.send(ResolvedRequest(method: .put, url: try await TestServer.url("/echo"), headers: [HTTPField("Content-Type", "application/octet-stream")], body: .file(file)))
        #expect(exchange.error == nil)
        #expect(exchange.bodyJSON["body_size"] as? Int == bytes.count)
        #expect(exchange.bodyJSON["body_base64"] as? String == bytes.base64EncodedString())
    }
}
