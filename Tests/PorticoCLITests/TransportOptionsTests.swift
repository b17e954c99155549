import Foundation
import Testing

/// The second transport, end to end through the binary: TLS verification, extra CAs, client
/// certificates, HTTP and SOCKS proxies (from flags, files, settings and the environment), GET with
/// a body, and the transport named in the output and in history.
@Suite("transport options")
struct TransportOptionsTests {
    /// One set of certificates for the suite: openssl takes a moment per key.
    static let certificates: Task<URL, any Error> = Task {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portico-test-certificates-\(UUID().uuidString)")
        try await TestPeer.makeCertificates(in: folder)
        return folder
    }

    @Test func anUntrustedCertificateFailsWithAClearErrorOnEitherTransport() async throws {
        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpsServer(certificates: certificates)
        let sandbox = try Sandbox()
        for transport in ["urlsession", "async-http-client"] {
            let result = try await sandbox.run(["send", "https://127.0.0.1:\(server.port)/x", "--transport", transport, "--no-history"])
            #expect(result.exitCode == 3, "\(result)")
            #expect(result.stderr.contains("TLS with 127.0.0.1:\(server.port) failed: the server's certificate could not be verified"), "\(result)")
            #expect(result.stderr.contains("--cacert") && result.stderr.contains("-k"), "\(result)")
        }
    }

    @Test func insecureSkipsVerificationAndNamesTheTransport() async throws {
        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpsServer(certificates: certificates)
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "https://127.0.0.1:\(server.port)/insecure", "-k", "--format", "json", "--no-history"])
        #expect(result.exitCode == 0, "\(result)")
        let document = try result.json()
        #expect(document.string("transport") == "async-http-client")
        #expect(document.object("response")?.string("http_version") == "HTTP/1.1")
        let body = try #require(parseJSONObject(document.object("response")?.string("body") ?? ""))
        #expect(body.string("path") == "/insecure")
    }

    @Test func http2IsSpokenWhereTheServerOffersIt() async throws {
        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpbinOverTLS(certificates: certificates)
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "https://localhost:\(server.port)/post", "--json", #"{"over":"h2"}"#,
                                            "--cacert", certificates.appendingPathComponent("ca.pem").path, "--format", "json", "--no-history"])
        #expect(result.exitCode == 0, "\(result)")
        let document = try result.json()
        #expect(document.string("transport") == "async-http-client")
        #expect(document.object("response")?.string("http_version") == "HTTP/2", "\(result)")
        let echo = try #require(parseJSONObject(document.object("response")?.string("body") ?? ""))
        #expect(echo.object("json")?.string("over") == "h2")
    }

    @Test func aCAFileIsTrustedFromTheFlagTheRequestAndTheCollection() async throws {
        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpsServer(certificates: certificates)
        let sandbox = try Sandbox()
        let ca = certificates.appendingPathComponent("ca.pem").path

        let flag = try await sandbox.run(["send", "https://localhost:\(server.port)/flag", "--cacert", ca, "--no-history"])
        #expect(flag.exitCode == 0, "\(flag)")
        #expect(try flag.json().string("path") == "/flag")

        // In a collection: a relative caFile in portico.yaml is relative to the collection folder.
        let folder = sandbox.path("api")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("certs"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ca, toPath: folder.appendingPathComponent("certs/ca.pem").path)
        try "id: tls-test\nname: TLS\noptions:\n  caFile: certs/ca.pem\n".write(to: folder.appendingPathComponent("portico.yaml"), atomically: true, encoding: .utf8)
        try "id: r1\nname: nested\nurl: https://localhost:\(server.port)/collection\n".write(to: folder.appendingPathComponent("nested/get.yaml"), atomically: true, encoding: .utf8)
        let collection = try await sandbox.run(["send", "api/nested/get.yaml", "--no-history"])
        #expect(collection.exitCode == 0, "\(collection)")
        #expect(try collection.json().string("path") == "/collection")

        // The request's own setting wins over the collection's.
        try "id: r2\nname: strict\nurl: https://localhost:\(server.port)/x\noptions:\n  caFile: /nonexistent/ca.pem\n".write(to: folder.appendingPathComponent("strict.yaml"), atomically: true, encoding: .utf8)
        let strict = try await sandbox.run(["send", "api/strict.yaml", "--no-history"])
        #expect(strict.exitCode == 2, "\(strict)")
        #expect(strict.stderr.contains("cannot read the CA file (caFile) /nonexistent/ca.pem: no such file"), "\(strict)")
    }

    @Test func aClientCertificateIsPresentedForMutualTLS() async throws {
        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpsServer(certificates: certificates, requireClientCertificate: true)
        let sandbox = try Sandbox()
        let url = "https://localhost:\(server.port)/mtls"
        let ca = certificates.appendingPathComponent("ca.pem").path

        let without = try await sandbox.run(["send", url, "--cacert", ca, "--no-history"])
        #expect(without.exitCode == 3, "\(without)")
        #expect(without.stderr.contains("requires a client certificate"), "\(without)")

        let separate = try await sandbox.run(["send", url, "--cacert", ca, "--cert", certificates.appendingPathComponent("client.pem").path,
                                              "--key", certificates.appendingPathComponent("client.key").path, "--no-history"])
        #expect(separate.exitCode == 0, "\(separate)")
        #expect(try separate.json().string("client") == "portico-test-client")

        let combined = try await sandbox.run(["send", url, "--cacert", ca, "--cert", certificates.appendingPathComponent("client-with-key.pem").path, "--no-history"])
        #expect(combined.exitCode == 0, "\(combined)")
        #expect(try combined.json().string("client") == "portico-test-client")

        let keyless = try await sandbox.run(["send", url, "--cacert", ca, "--cert", certificates.appendingPathComponent("client.pem").path, "--no-history"])
        #expect(keyless.exitCode == 2, "\(keyless)")
        #expect(keyless.stderr.contains("cannot read the client certificate's private key"), "\(keyless)")
    }

    @Test func anHTTPProxyCarriesPlainAndTLSRequests() async throws {
        let proxy = try await TestPeer.httpProxy()
        let demoPort = try await DemoAPI.port()
        let sandbox = try Sandbox()
        let plain = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo?via=proxy", "-x", "http://127.0.0.1:\(proxy.port)", "-v", "--no-history"])
        #expect(plain.exitCode == 0, "\(plain)")
        #expect(try plain.json().pairs("query") == [["via", "proxy"]])
        #expect(plain.stderr.contains("* transport async-http-client"), "\(plain)")
        #expect(proxy.logText.contains("localhost:\(demoPort)"), "\(proxy.logText)")

        let certificates = try await Self.certificates.value
        let server = try await TestPeer.httpsServer(certificates: certificates)
        let tunnelled = try await sandbox.run(["send", "https://localhost:\(server.port)/tunnel", "-x", "127.0.0.1:\(proxy.port)",
                                               "--cacert", certificates.appendingPathComponent("ca.pem").path, "--no-history"])
        #expect(tunnelled.exitCode == 0, "\(tunnelled)")
        #expect(try tunnelled.json().string("path") == "/tunnel")
        #expect(proxy.logText.contains("localhost:\(server.port)"), "\(proxy.logText)")
    }

    @Test func aSOCKSProxyCarriesTheRequest() async throws {
        let proxy = try await TestPeer.socksProxy()
        let demoPort = try await DemoAPI.port()
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo", "-x", "socks5://127.0.0.1:\(proxy.port)", "--no-history"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(try result.json().string("path") == "/echo")
        #expect(proxy.logText.contains("connected to localhost:\(demoPort)"), "\(proxy.logText)")
    }

    @Test func theProxyComesFromTheEnvironmentUnlessNoProxyExcludesTheHost() async throws {
        let proxy = try await TestPeer.httpProxy()
        let demoPort = try await DemoAPI.port()
        let sandbox = try Sandbox()
        let viaEnvironment = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo?n=1", "--no-history"],
                                                   environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(viaEnvironment.exitCode == 0, "\(viaEnvironment)")
        #expect(proxy.logText.components(separatedBy: "localhost:\(demoPort)").count - 1 >= 1, "\(proxy.logText)")
        let before = proxy.logText.components(separatedBy: "opensock").count

        for (name, value) in [("NO_PROXY", "localhost"), ("no_proxy", ".localhost:\(demoPort)")] {
            let direct = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo?n=2", "--no-history"],
                                               environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", name: value])
            #expect(direct.exitCode == 0, "\(direct)")
        }
        let flag = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo?n=3", "--noproxy", "*", "--no-history"],
                                         environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        #expect(flag.exitCode == 0, "\(flag)")
        #expect(proxy.logText.components(separatedBy: "opensock").count == before, "\(proxy.logText)")
    }

    @Test func theUsersNetworkSettingsApplyToEveryRequest() async throws {
        let proxy = try await TestPeer.socksProxy()
        let demoPort = try await DemoAPI.port()
        let sandbox = try Sandbox()
        let config = sandbox.configHome.appendingPathComponent("portico")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "network:\n  proxy: socks5://127.0.0.1:\(proxy.port)\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let result = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo", "--no-history"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(proxy.logText.contains("connected to localhost:\(demoPort)"), "\(proxy.logText)")

        try "network:\n  transport: sideways\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let broken = try await sandbox.run(["send", "http://localhost:\(demoPort)/echo", "--no-history"])
        #expect(broken.stderr.contains("config.yaml:2: network.transport must be one of: auto, urlsession, async-http-client"), "\(broken)")
    }

    @Test func anUnreachableProxyIsNamedInTheError() async throws {
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "-x", "http://127.0.0.1:1", "--no-history"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("cannot connect to the proxy http://127.0.0.1:1"), "\(result)")

        let unsupported = try await sandbox.run(["send", try await DemoAPI.url("/echo"), "-x", "https://proxy.example:443", "--no-history"])
        #expect(unsupported.exitCode == 2, "\(unsupported)")
        #expect(unsupported.stderr.contains("TLS to the proxy itself is not supported"), "\(unsupported)")
    }

    @Test func theConnectTimeoutEndsAConnectionThatIsNeverAccepted() async throws {
        let (port, sockets) = try TestPeer.unansweredPort()
        defer { sockets.forEach { close($0) } }
        let sandbox = try Sandbox()
        let result = try await sandbox.run(["send", "http://127.0.0.1:\(port)/x", "--connect-timeout", "0.3", "--timeout", "20", "--no-history"])
        #expect(result.exitCode == 3, "\(result)")
        #expect(result.stderr.contains("connecting to 127.0.0.1:\(port) took longer than the connect timeout"), "\(result)")
        // The total limit, not reached here, keeps its own message.
        let total = try await sandbox.run(["send", "http://127.0.0.1:\(port)/x", "--timeout", "0.4", "--no-history"])
        #expect(total.exitCode == 3, "\(total)")
        #expect(total.stderr.contains("timed out after 0.4 s (the request's total time limit)"), "\(total)")
    }

    @Test func aGETWithABodyGoesThroughTheSecondTransportAutomatically() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/echo")
        let result = try await sandbox.run(["send", url, "-X", "GET", "--json", #"{"q":1}"#, "-v", "--no-history"])
        #expect(result.exitCode == 0, "\(result)")
        let echo = try result.json()
        #expect(echo.string("method") == "GET")
        #expect(echo.string("body") == #"{"q":1}"#)
        #expect(result.stderr.contains("* transport async-http-client, HTTP/1.1"), "\(result)")

        let refused = try await sandbox.run(["send", url, "-X", "GET", "--json", "{}", "--transport", "urlsession", "--no-history"])
        #expect(refused.exitCode == 2, "\(refused)")
        #expect(refused.stderr.contains("the URLSession transport cannot send a body with GET on Linux"), "\(refused)")
    }

    @Test func historyRecordsWhichTransportCarriedTheExchange() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/echo")
        #expect(try await sandbox.run(["send", url]).exitCode == 0)
        #expect(try await sandbox.run(["send", url, "--transport", "async-http-client"]).exitCode == 0)
        let list = try await sandbox.run(["history", "list", "--json"])
        #expect(list.exitCode == 0, "\(list)")
        let ids = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.count == 2)
        var shown: [String] = []
        for id in ids {
            let show = try await sandbox.run(["history", "show", id])
            #expect(show.exitCode == 0, "\(show)")
            shown.append(String(decoding: show.stdout, as: UTF8.self))
        }
        // Newest first.
        #expect(shown[0].contains("< HTTP/1.1 200 OK") && shown[0].contains("* transport async-http-client"), "\(shown[0])")
        #expect(shown[1].contains("< HTTP 200 OK") && shown[1].contains("* transport urlsession"), "\(shown[1])")
    }
}
