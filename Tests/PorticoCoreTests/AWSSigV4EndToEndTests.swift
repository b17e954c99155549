import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

/// Requests signed by `RequestEngine` as they are sent, checked by the demo server's own verifier
/// (`/aws/echo`), through both transports.
@Suite("AWS Signature Version 4 against the demo server")
struct AWSSigV4EndToEndTests {
    static let demoCredentials = AWSSigV4Credentials(accessKeyID: "AKIDPORTICODEMO", secretAccessKey: "portico/demo+secret-key", region: "eu-west-1", service: "execute-api")

    private func request(_ method: HTTPMethod, _ path: String, transport: TransportChoice, credentials: AWSSigV4Credentials = demoCredentials,
                         headers: [HTTPField] = [], body: ResolvedBody = .none) async throws -> ResolvedRequest {
        var options = RequestOptions()
        options.connection.transport = transport
        var request = ResolvedRequest(method: method, url: try await TestServer.url(path), headers: headers + [HTTPField("User-Agent", "portico/test")], body: body, options: options)
        request.awsSigV4 = credentials
        return request
    }

    private func error(_ exchange: Exchange) -> [String: Any] { exchange.bodyJSON["error"] as? [String: Any] ?? [:] }

    @Test(arguments: [TransportChoice.urlSession, .asyncHTTPClient])
    func aSignedRequestWithPathQueryHeadersAndBodyIsLetIn(transport: TransportChoice) async throws {
        let sent = try await request(.post, "/aws/echo/a%20b/c~d?z=last&q=a+b&Q=%2Fupper&empty", transport: transport,
                                     headers: [HTTPField("Content-Type", "application/json"), HTTPField("X-Tag", "  one   two ")],
                                     body: .data(Data("{\"signed\": true}".utf8)))
        let before = Date()
        let exchange = await TestServer.engine.send(sent)
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["authenticated"] as? Bool == true)
        #expect(exchange.bodyJSON["signedHeaders"] as? [String] == ["content-type", "host", "x-amz-date", "x-tag"])
        // The day the request was signed on: the one it started on, or the next if it crossed midnight.
        let days = [before, Date()].map { "\(AWSSignatureV4.timestamp(for: $0).prefix(8))/eu-west-1/execute-api/aws4_request" }
        #expect(days.contains(exchange.bodyJSON["scope"] as? String ?? ""), "\(exchange.bodyJSON)")
        // The exchange records the request as rendered: the signature is made on the wire copy.
        #expect(!exchange.request.headers.contains(named: "Authorization"))
    }

    @Test(arguments: [TransportChoice.urlSession, .asyncHTTPClient])
    func aWrongSecretGetsSignatureDoesNotMatch(transport: TransportChoice) async throws {
        var credentials = Self.demoCredentials
        credentials.secretAccessKey = "not-the-secret"
        let exchange = await TestServer.engine.send(try await request(.get, "/aws/echo", transport: transport, credentials: credentials))
        #expect(exchange.response?.status == 403)
        #expect(error(exchange)["code"] as? String == "SignatureDoesNotMatch", "\(exchange.bodyText)")
    }

    @Test func anUnsignedRequestIsAskedForASignature() async throws {
        var unsigned = try await request(.get, "/aws/echo", transport: .urlSession)
        unsigned.awsSigV4 = nil
        let exchange = await TestServer.engine.send(unsigned)
        #expect(exchange.response?.status == 403)
        #expect(error(exchange)["code"] as? String == "MissingAuthenticationToken")
    }

    @Test func s3SignsAStreamedFileBodyWithItsHashHeader() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("object.bin")
        try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: file)
        var credentials = Self.demoCredentials
        credentials.service = "s3"
        let exchange = await TestServer.engine.send(try await request(.put, "/aws/echo/bucket/key%20with%20space+plus.bin", transport: .asyncHTTPClient,
                                                                       credentials: credentials, body: .file(file)))
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["body_size"] as? Int == 200_000)
        #expect((exchange.bodyJSON["signedHeaders"] as? [String])?.contains("x-amz-content-sha256") == true)
    }

    @Test func theSessionTokenIsSentAndSigned() async throws {
        var credentials = Self.demoCredentials
        credentials.sessionToken = "portico-demo-session-token"
        let accepted = await TestServer.engine.send(try await request(.get, "/aws/echo", transport: .urlSession, credentials: credentials))
        #expect(accepted.response?.status == 200, "\(accepted.bodyText)")
        #expect((accepted.bodyJSON["signedHeaders"] as? [String])?.contains("x-amz-security-token") == true)
        credentials.sessionToken = "an-expired-token"
        let refused = await TestServer.engine.send(try await request(.get, "/aws/echo", transport: .urlSession, credentials: credentials))
        #expect(refused.response?.status == 403)
        #expect(error(refused)["code"] as? String == "InvalidClientTokenId")
    }

    /// A 307 keeps POST and its body and goes to another path: the new hop is signed for it.
    @Test(arguments: [TransportChoice.urlSession, .asyncHTTPClient])
    func eachRedirectHopIsSignedAgain(transport: TransportChoice) async throws {
        let exchange = await TestServer.engine.send(try await request(.post, "/redirect-to?url=/aws/echo/moved&status=307", transport: transport,
                                                                       body: .data(Data("kept".utf8))))
        #expect(exchange.redirects.count == 1)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["path"] as? String == "/aws/echo/moved")
        #expect(exchange.bodyJSON["body_size"] as? Int == 4)
    }

    @Test func aRedirectToAnotherOriginCarriesNoSignature() throws {
        var request = ResolvedRequest(method: .get, url: URL(string: "http://127.0.0.1:8642/aws/echo")!)
        request.awsSigV4 = Self.demoCredentials
        let sameOrigin = try #require(RequestEngine.redirect(request, status: 302, location: "/aws/echo/next"))
        #expect(sameOrigin.awsSigV4 == Self.demoCredentials)
        let elsewhere = try #require(RequestEngine.redirect(request, status: 302, location: "http://other.example:8642/aws/echo"))
        #expect(elsewhere.awsSigV4 == nil)
    }

    @Test func anUnreadableFileBodyFailsTheSendSayingWhy() async throws {
        let missing = URL(fileURLWithPath: "/nonexistent/portico-sigv4-body")
        let exchange = await TestServer.engine.send(try await request(.put, "/aws/echo", transport: .urlSession, body: .file(missing)))
        #expect(exchange.response == nil)
        #expect(exchange.error?.message.contains(missing.path) == true)
    }
}
