import Foundation
import PorticoCore
import Testing

/// Serialized: Digest nonces are remembered per origin, and these tests share the demo server's.
@Suite("Digest authentication", .serialized)
struct DigestAuthenticationTests {
    /// RFC 7616 §3.9.1: the same exchange answered with SHA-256 and with MD5.
    @Test(arguments: [("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"), ("MD5", "8ca523f5e9506fed4657c9700eebdbec")])
    func answersTheRFCExample(algorithm: String, response: String) throws {
        let header = HTTPField("WWW-Authenticate", """
            Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=\(algorithm), \
            nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """)
        let challenge = try #require(DigestChallenge.parse([header]))
        #expect(challenge.qop == ["auth", "auth-int"])
        let answer = try challenge.authorization(username: "Mufasa", password: "Circle of Life", method: "GET", uri: "/dir/index.html",
                                                 count: 1, cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        #expect(answer == """
            Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", \
            uri="/dir/index.html", algorithm=\(algorithm), response="\(response)", qop=auth, nc=00000001, \
            cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """)
    }

    @Test func picksSHA256AmongSeveralChallengesAndKeepsQuotedCommas() throws {
        let headers = [HTTPField("WWW-Authenticate", #"Basic realm="a, b", Digest realm="x, y", nonce="n1", algorithm=MD5"#),
                       HTTPField("WWW-Authenticate", #"Digest realm="x, y", nonce="n2", algorithm=SHA-256, stale=TRUE"#)]
        let challenge = try #require(DigestChallenge.parse(headers))
        #expect(challenge == DigestChallenge(realm: "x, y", nonce: "n2", algorithm: "SHA-256", qop: [], stale: true))
        #expect(DigestChallenge.parse([HTTPField("WWW-Authenticate", #"Basic realm="x""#)]) == nil)
    }

    @Test func saysWhatItCannotAnswer() {
        #expect(throws: PorticoError.input("the server asks for Digest with algorithm SHA-512-256; Portico supports MD5 and SHA-256")) {
            try DigestChallenge(realm: "r", nonce: "n", algorithm: "SHA-512-256").authorization(username: "u", password: "p", method: "GET", uri: "/", count: 1, cnonce: "c")
        }
        #expect(throws: PorticoError.input("the server asks for Digest with qop=auth-int; Portico supports qop=auth")) {
            try DigestChallenge(realm: "r", nonce: "n", qop: ["auth-int"]).authorization(username: "u", password: "p", method: "GET", uri: "/", count: 1, cnonce: "c")
        }
    }

    @Test func aRequestFileKeepsDigestAndRenderingSendsNoCredentialUpFront() throws {
        let template = RequestTemplate(name: "d", url: "http://x/", auth: .digest(username: "ann", password: "{{pw}}"))
        let text = try CollectionStore.requestFileText(template)
        #expect(text.contains("digest:"), "\(text)")
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try temporary.write(text, to: "d.yaml")
        #expect(try CollectionStore.loadRequestFile(temporary.path("d.yaml")).auth == template.auth)
        let request = try RequestRenderer(scope: VariableScope(overrides: [Variable("pw", "s3cret", isSecret: true)]), collection: nil, baseDirectory: temporary.url).render(template)
        #expect(request.digest == DigestCredentials(username: "ann", password: "s3cret"))
        #expect(!request.headers.contains(named: "Authorization"))
    }

    @Test(arguments: ["MD5", "SHA-256", "MD5-sess", "SHA-256-sess"])
    func theDemoServerLetsTheRightPasswordIn(algorithm: String) async throws {
        let exchange = await TestServer.send(try await digestRequest("/digest-auth?algorithm=\(algorithm)", password: "open-sesame-42"))
        #expect(exchange.error == nil)
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
        #expect(exchange.bodyJSON["algorithm"] as? String == algorithm)
    }

    @Test func aWrongPasswordGetsTheSecond401AndTheBodyExplainingIt() async throws {
        let exchange = await TestServer.send(try await digestRequest("/digest-auth?algorithm=SHA-256&who=wrong", password: "guess"))
        #expect(exchange.response?.status == 401)
        #expect(exchange.bodyText.contains("Digest auth"))
    }

    @Test func aServerWithoutQopIsAnsweredTheRFC2069Way() async throws {
        let exchange = await TestServer.send(try await digestRequest("/digest-auth?qop=none", password: "open-sesame-42"))
        #expect(exchange.response?.status == 200, "\(exchange.bodyText)")
    }

    @Test func laterRequestsCountOnTheSameNonceWithoutAnother401() async throws {
        // Another port than the other tests' origin would not matter: counts only grow per nonce.
        let first = await TestServer.send(try await digestRequest("/digest-auth?algorithm=MD5&round=1", password: "open-sesame-42"))
        #expect(first.response?.status == 200)
        let second = await TestServer.send(try await digestRequest("/digest-auth?algorithm=MD5&round=2", password: "open-sesame-42"))
        #expect(second.response?.status == 200, "\(second.bodyText)")
        #expect((second.bodyJSON["nc"] as? Int ?? 0) > 1, "the known nonce was answered with the next count: \(second.bodyText)")
    }

    private func digestRequest(_ path: String, password: String) async throws -> ResolvedRequest {
        var request = ResolvedRequest(method: .get, url: try await TestServer.url(path))
        request.digest = DigestCredentials(username: "demo", password: password)
        return request
    }
}
