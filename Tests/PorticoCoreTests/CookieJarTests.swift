import Foundation
@testable import PorticoCore
import Testing

/// RFC 6265's rules, case by case, and the jar on real exchanges with the demo server.
@Suite("Cookie jar")
struct CookieJarTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func url(_ text: String) -> URL { URL(string: text)! }

    private func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date {
        var components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components)!
    }

    @Test func expiresDatesInTheSpellingsServersUse() {
        let expected = date(2015, 10, 21, 7, 28, 0)
        for text in ["Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015", "21 oct 2015 7:28:00"] {
            #expect(CookieDate.parse(text) == expected, "\(text)")
        }
        #expect(CookieDate.parse("Wed, 31 Feb 2015 07:28:00 GMT") == nil)
        #expect(CookieDate.parse("tomorrow") == nil)
        #expect(CookieDate.parse("Wed, 21 Oct 1600 07:28:00 GMT") == nil)
    }

    @Test func setCookieAttributesAndMergedHeaders() throws {
        let cookie = try #require(SetCookie.parse(" id = a3fWa ; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60; Domain=.Example.com; Path=/docs; Secure; HttpOnly; SameSite=Strict; Unknown=x"))
        #expect(cookie.name == "id" && cookie.value == "a3fWa")
        #expect(cookie.expires == date(2015, 10, 21, 7, 28, 0))
        #expect(cookie.maxAge == 60)
        #expect(cookie.domain == ".Example.com" && cookie.path == "/docs")
        #expect(cookie.secure && cookie.httpOnly && cookie.sameSite == "Strict")
        #expect(SetCookie.parse("no-equals-sign") == nil)
        #expect(SetCookie.parse("a=1; Max-Age=1e3")?.maxAge == nil, "only digits make a Max-Age")
        #expect(SetCookie.parse("a=1; Path=relative")?.path == nil)
        // URLSession on Linux joins repeated headers with ", ", which also appears inside Expires.
        let merged = [HTTPField("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=2, c=3; HttpOnly")]
        #expect(SetCookie.all(in: merged).map(\.name) == ["a", "b", "c"])
        #expect(SetCookie.all(in: merged).first?.expires == date(2015, 10, 21, 7, 28, 0))
    }

    @Test func storageFollowsTheDomainPathAndSecurityRules() {
        let jar = CookieJar()
        let refused = jar.store([
            HTTPField("Set-Cookie", "host=1"),
            HTTPField("Set-Cookie", "wide=2; Domain=example.com; Path=/"),
            HTTPField("Set-Cookie", "other=3; Domain=other.org"),
            HTTPField("Set-Cookie", "tld=4; Domain=com"),
            HTTPField("Set-Cookie", "secure=5; Secure"),
            HTTPField("Set-Cookie", "__Host-x=6; Path=/"),
            HTTPField("Set-Cookie", "gone=7; Max-Age=0"),
            HTTPField("Set-Cookie", "deep=8; Path=/api/v1"),
        ], from: url("http://api.example.com/api/users/1"), at: now)
        #expect(Set(jar.cookies.map(\.name)) == ["host", "wide", "deep"])
        #expect(refused.count == 4, "\(refused)")
        #expect(refused.contains { $0.contains("other") && $0.contains("does not cover api.example.com") })
        #expect(refused.contains { $0.contains("tld") && $0.contains("too broad") })
        #expect(refused.contains { $0.contains("Secure cookie can only be set over HTTPS") })
        #expect(refused.contains { $0.contains("__Host-") })
        let host = jar.cookies.first { $0.name == "host" }
        #expect(host?.hostOnly == true && host?.domain == "api.example.com" && host?.path == "/api/users", "the default path is the URL's folder")
        #expect(jar.cookies.first { $0.name == "wide" }?.hostOnly == false)

        // Sending: host-only cookies stay with their host; Domain cookies reach subdomains; paths match by segment.
        #expect(jar.header(for: url("http://api.example.com/api/users/2"), at: now) == "host=1; wide=2")
        #expect(jar.header(for: url("http://www.example.com/api/users/2"), at: now) == "wide=2")
        #expect(jar.header(for: url("http://api.example.com/api/v1/x"), at: now) == "deep=8; wide=2", "longer paths first")
        #expect(jar.header(for: url("http://api.example.com/api/v10"), at: now) == "wide=2", "/api/v1 does not cover /api/v10")
        #expect(jar.header(for: url("http://example.org/"), at: now) == nil)
    }

    @Test func secureCookiesOnlyOverHTTPSAndExpiryEndsThem() throws {
        let jar = CookieJar()
        jar.store([HTTPField("Set-Cookie", "s=1; Secure; Path=/"), HTTPField("Set-Cookie", "__Secure-t=2; Secure; Path=/"),
                   HTTPField("Set-Cookie", "short=3; Max-Age=10; Path=/"), HTTPField("Set-Cookie", "old=4; Expires=Wed, 21 Oct 2015 07:28:00 GMT")],
                  from: url("https://example.com/"), at: now)
        #expect(jar.header(for: url("https://example.com/"), at: now) == "s=1; __Secure-t=2; short=3")
        #expect(jar.header(for: url("http://example.com/"), at: now) == "short=3")
        #expect(jar.header(for: url("https://example.com/"), at: now.addingTimeInterval(11)) == "s=1; __Secure-t=2")
        // A later cookie with the same name, domain and path replaces it, keeping when it was first made.
        let first = try #require(jar.cookies.first { $0.name == "s" })
        jar.store([HTTPField("Set-Cookie", "s=changed; Secure; Path=/")], from: url("https://example.com/"), at: now.addingTimeInterval(5))
        let second = try #require(jar.cookies.first { $0.name == "s" })
        #expect(second.value == "changed" && second.created == first.created)
        // Max-Age=0 removes it.
        jar.store([HTTPField("Set-Cookie", "s=x; Max-Age=0; Path=/")], from: url("https://example.com/"), at: now)
        #expect(!jar.cookies.contains { $0.name == "s" })
    }

    @Test func aCookieTheRequestWritesItselfWins() {
        let jar = CookieJar()
        jar.store([HTTPField("Set-Cookie", "a=jar; Path=/"), HTTPField("Set-Cookie", "b=jar; Path=/")], from: url("http://h/"), at: now)
        var request = ResolvedRequest(method: .get, url: url("http://h/x"), headers: [HTTPField("Cookie", "a=mine")])
        jar.apply(to: &request, at: now)
        #expect(request.headers.filter { $0.name == "Cookie" }.map(\.value) == ["a=mine; b=jar"])
    }

    @Test func theStoreKeepsOnlyLastingCookiesPrivately() throws {
        let folder = try TemporaryFolder()
        let store = CookieJarStore(folder: folder.url.appendingPathComponent("cookies"))
        let lasting = StoredCookie(name: "keep", value: "v", domain: "h", hostOnly: true, path: "/", expires: now.addingTimeInterval(3600), created: now)
        let session = StoredCookie(name: "session", value: "v", domain: "h", hostOnly: true, path: "/", created: now)
        try store.save([lasting, session], collectionID: "c/1")
        var info = stat()
        #expect(lstat(store.file(for: "c/1").path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(lstat(store.folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(try store.load(collectionID: "c/1", at: now) == [lasting])
        #expect(try store.load(collectionID: "c/1", at: now.addingTimeInterval(7200)) == [], "expired meanwhile")
        #expect(store.clear(collectionID: "c/1") == 1)
        #expect(try store.load(collectionID: "c/1", at: now) == [])
    }

    @Test func aJarWithAKeyIsSealedAndAPlainOneIsStillRead() throws {
        let folder = try TemporaryFolder()
        let key = SecretKey(file: folder.url.appendingPathComponent("secret.key"))
        let store = CookieJarStore(folder: folder.url.appendingPathComponent("cookies"), key: key)
        let lasting = StoredCookie(name: "sid", value: "login-7f3a9c", domain: "h", hostOnly: true, path: "/", expires: now.addingTimeInterval(3600), created: now)
        try store.save([lasting], collectionID: "c")
        let written = String(decoding: try Data(contentsOf: store.file(for: "c")), as: UTF8.self)
        #expect(SecretKey.isSealed(written), "\(written)")
        #expect(!written.contains("login-7f3a9c") && !written.contains("sid"))
        #expect(try store.load(collectionID: "c", at: now) == [lasting])

        // A jar kept before jars were sealed is read as it is, and sealed at the next save.
        try CookieJarStore(folder: store.folder).save([lasting], collectionID: "old")
        #expect(try store.load(collectionID: "old", at: now) == [lasting])
        try store.save([lasting], collectionID: "old")
        #expect(SecretKey.isSealed(String(decoding: try Data(contentsOf: store.file(for: "old")), as: UTF8.self)))

        // The key gone: the jar cannot be opened, and the message says how to start afresh.
        try FileManager.default.removeItem(at: key.file)
        #expect(throws: PorticoError.self) { try store.load(collectionID: "c", at: now) }
        do {
            _ = try store.load(collectionID: "c", at: now)
        } catch {
            #expect(error.message.contains("portico cookies clear"), "\(error)")
        }
    }

    @Test func theEngineKeepsCookiesAcrossRedirectsAndExchanges() async throws {
        let jar = CookieJar()
        let engine = RequestEngine(transport: AutomaticTransport(environment: [:]), cookieJar: jar)
        let login = await engine.send(ResolvedRequest(method: .get, url: try await TestServer.url("/cookies/redirect?session=s1")))
        #expect(login.redirects.count == 1)
        let landed = try #require(try login.body?.data())
        #expect(String(decoding: landed, as: UTF8.self).contains(#""session" : "s1""#))
        let later = await engine.send(ResolvedRequest(method: .get, url: try await TestServer.url("/cookies")))
        #expect(later.request.headers.first(named: "Cookie") == "session=s1", "the request as sent (and recorded) carries the jar's cookie")
        #expect(jar.cookies.first?.httpOnly == true && jar.cookies.first?.sameSite == "Lax")

        // Without a jar nothing is kept.
        let plain = await RequestEngine(transport: AutomaticTransport(environment: [:])).send(ResolvedRequest(method: .get, url: try await TestServer.url("/cookies/redirect?session=s2")))
        #expect(String(decoding: try #require(try plain.body?.data()), as: UTF8.self).contains(#""cookies" : {"#))
        #expect(!String(decoding: try #require(try plain.body?.data()), as: UTF8.self).contains("s2"))
    }
}
