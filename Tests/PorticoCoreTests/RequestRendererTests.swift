import Foundation
import PorticoCore
import Testing


private func renderer(_ variables: [Variable] = [], overrides: [Variable] = [], collection: Collection? = nil, baseDirectory: URL = URL(fileURLWithPath: "/nonexistent")) -> RequestRenderer {
    RequestRenderer(scope: VariableScope(overrides: overrides, collection: variables), collection: collection, baseDirectory: baseDirectory)
}

private func values(_ headers: [HTTPField], _ name: String) -> [String] {
    headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
}

private func bodyData(_ request: ResolvedRequest) -> Data? {
    if case .data(let data) = request.body { return data }
    return nil
}

private func renderError(_ renderer: RequestRenderer, _ template: RequestTemplate) -> PorticoError? {
    #expect(throws: PorticoError.self) { try renderer.render(template) }
}

@Suite("Rendering the URL and query")
struct RendererURLTests {
    @Test func queryRowsFollowTheExistingQueryInOrder() throws {
        let template = RequestTemplate(name: "q", url: "http://example.com/p?a=1", params: [
            KeyValueRow("b", "2"), KeyValueRow("skip", "x", isEnabled: false), KeyValueRow("a", "3"), KeyValueRow("{{k}}", "{{v}}"),
        ])
        let request = try renderer([Variable("k", "key"), Variable("v", "value")]).render(template)
        #expect(request.url.absoluteString == "http://example.com/p?a=1&b=2&a=3&key=value")
    }

    @Test func queryValuesAreEncoded() throws {
        let template = RequestTemplate(name: "q", url: "http://example.com/", params: [KeyValueRow("q w", "a b&c=d+e#f")])
        let request = try renderer().render(template)
        #expect(request.url.absoluteString == "http://example.com/?q%20w=a%20b%26c%3Dd%2Be%23f")
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems
        #expect(items == [URLQueryItem(name: "q w", value: "a b&c=d+e#f")])
    }

    @Test func queryRowsGoBeforeAFragment() throws {
        let template = RequestTemplate(name: "q", url: "http://example.com/p?a=1#top", params: [KeyValueRow("b", "2")])
        #expect(try renderer().render(template).url.absoluteString == "http://example.com/p?a=1&b=2#top")
    }

    @Test func urlVariablesAreRendered() throws {
        let template = RequestTemplate(name: "u", url: "{{base}}/users/{{id}}")
        let request = try renderer([Variable("base", "https://api.example.com"), Variable("id", "7")]).render(template)
        #expect(request.url.absoluteString == "https://api.example.com/users/7")
    }

    @Test(arguments: [
        ("example.com/x", "http://example.com/x"),
        ("localhost:8080/x", "http://localhost:8080/x"),
        (":8642/x", "http://localhost:8642/x"),
        ("https://example.com", "https://example.com/"),
        ("  http://example.com/a b  ", "http://example.com/a%20b"),
        ("http://example.com/a%20b", "http://example.com/a%20b"),
    ])
    func urlsAreCompletedAsTyped(typed: String, expected: String) throws {
        #expect(try renderer().render(RequestTemplate(name: "u", url: typed)).url.absoluteString == expected)
    }

    @Test(arguments: ["ftp://example.com/file", "file:///etc/passwd", "", "   ", "http://"])
    func unusableURLsAreInputErrors(url: String) {
        let error = renderError(renderer(), RequestTemplate(name: "u", url: url))
        #expect(error?.kind == .input)
    }

    @Test func anEmptyURLSaysSo() {
        #expect(renderError(renderer(), RequestTemplate(name: "u", url: ""))?.message.contains("empty") == true)
    }

    @Test func otherSchemesAreRejectedByName() {
        #expect(renderError(renderer(), RequestTemplate(name: "u", url: "ftp://example.com/x"))?.message.contains("only http and https") == true)
    }

    @Test func methodAndOptionsPassThrough() throws {
        var template = RequestTemplate(name: "m", method: try HTTPMethod("PURGE"), url: "http://example.com/")
        template.options = RequestOptions(timeout: 2.5, followRedirects: false, maxRedirects: 3)
        let request = try renderer().render(template)
        #expect(request.method.rawValue == "PURGE")
        #expect(request.options == RequestOptions(timeout: 2.5, followRedirects: false, maxRedirects: 3))
    }
}

@Suite("Rendering headers and auth")
struct RendererHeaderTests {
    @Test func collectionHeadersApplyUnlessTheRequestSetsTheSameName() throws {
        let collection = Collection(name: "c", headers: [
            KeyValueRow("Accept", "application/json"), KeyValueRow("X-Team", "{{team}}"), KeyValueRow("X-Off", "1", isEnabled: false),
        ])
        let template = RequestTemplate(name: "h", url: "http://example.com/", headers: [KeyValueRow("accept", "text/plain"), KeyValueRow("X-Other", "o")])
        let request = try renderer([Variable("team", "core")], collection: collection).render(template)
        #expect(values(request.headers, "Accept") == ["text/plain"])
        #expect(values(request.headers, "X-Team") == ["core"])
        #expect(values(request.headers, "X-Other") == ["o"])
        #expect(values(request.headers, "X-Off") == [])
    }

    @Test func requestHeadersKeepOrderRepeatsAndSkipDisabledRows() throws {
        let template = RequestTemplate(name: "h", url: "http://example.com/", headers: [
            KeyValueRow("X-Multi", "1"), KeyValueRow("X-Gone", "g", isEnabled: false), KeyValueRow("X-Multi", "2"), KeyValueRow("{{n}}", "{{v}}"),
        ])
        let request = try renderer([Variable("n", "X-Named"), Variable("v", "val")]).render(template)
        #expect(values(request.headers, "X-Multi") == ["1", "2"])
        #expect(values(request.headers, "X-Gone") == [])
        #expect(values(request.headers, "X-Named") == ["val"])
    }

    @Test func aUserAgentIsSentUnlessGiven() throws {
        let plain = try renderer().render(RequestTemplate(name: "h", url: "http://example.com/"))
        #expect(values(plain.headers, "User-Agent") == ["portico/\(PorticoVersion.current)"])
        let own = try renderer().render(RequestTemplate(name: "h", url: "http://example.com/", headers: [KeyValueRow("user-agent", "mine/1")]))
        #expect(values(own.headers, "User-Agent") == ["mine/1"])
    }

    @Test func inheritUsesTheCollectionAuth() throws {
        let collection = Collection(name: "c", auth: .bearer(token: "{{token}}"))
        let request = try renderer([Variable("token", "abc", isSecret: true)], collection: collection)
            .render(RequestTemplate(name: "a", url: "http://example.com/", auth: .inherit))
        #expect(values(request.headers, "Authorization") == ["Bearer abc"])
    }

    @Test func inheritWithoutACollectionSendsNoCredentials() throws {
        let request = try renderer().render(RequestTemplate(name: "a", url: "http://example.com/", auth: .inherit))
        #expect(values(request.headers, "Authorization") == [])
    }

    @Test func noneOverridesTheCollectionAuth() throws {
        let collection = Collection(name: "c", auth: .basic(username: "u", password: "p"))
        let request = try renderer(collection: collection).render(RequestTemplate(name: "a", url: "http://example.com/", auth: .none))
        #expect(values(request.headers, "Authorization") == [])
    }

    @Test func basicAuthIsBase64OfUserColonPassword() throws {
        // The example of RFC 7617 §2.
        let template = RequestTemplate(name: "a", url: "http://example.com/", auth: .basic(username: "{{user}}", password: "open sesame"))
        let request = try renderer([Variable("user", "Aladdin")]).render(template)
        #expect(values(request.headers, "Authorization") == ["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="])
    }

    @Test func basicAuthEncodesUTF8() throws {
        let request = try renderer().render(RequestTemplate(name: "a", url: "http://example.com/", auth: .basic(username: "test", password: "123£")))
        #expect(values(request.headers, "Authorization") == ["Basic dGVzdDoxMjPCow=="])
    }

    @Test func bearerAuth() throws {
        let request = try renderer().render(RequestTemplate(name: "a", url: "http://example.com/", auth: .bearer(token: "t.o.k")))
        #expect(values(request.headers, "Authorization") == ["Bearer t.o.k"])
    }

    @Test func apiKeyInAHeader() throws {
        let template = RequestTemplate(name: "a", url: "http://example.com/", auth: .apiKey(name: "X-API-Key", value: "{{key}}", location: .header))
        let request = try renderer([Variable("key", "k-123")]).render(template)
        #expect(values(request.headers, "X-API-Key") == ["k-123"])
        #expect(request.url.query == nil)
    }

    @Test func apiKeyInTheQueryComesAfterTheParams() throws {
        let template = RequestTemplate(name: "a", url: "http://example.com/p?a=1", params: [KeyValueRow("b", "2")],
                                       auth: .apiKey(name: "api key", value: "v&v", location: .query))
        let request = try renderer().render(template)
        #expect(request.url.absoluteString == "http://example.com/p?a=1&b=2&api%20key=v%26v")
        #expect(values(request.headers, "api key") == [])
    }

    @Test func anExplicitAuthorizationHeaderWins() throws {
        for auth: Auth in [.bearer(token: "t"), .basic(username: "u", password: "p")] {
            let template = RequestTemplate(name: "a", url: "http://example.com/", headers: [KeyValueRow("authorization", "Custom xyz")], auth: auth)
            let request = try renderer().render(template)
            #expect(values(request.headers, "Authorization") == ["Custom xyz"])
        }
    }

    @Test func aLineBreakFromAVariableIsRejected() {
        for evil in ["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u{0}b"] {
            let template = RequestTemplate(name: "h", url: "http://example.com/", headers: [KeyValueRow("X-Note", "{{evil}}")])
            let error = renderError(renderer([Variable("evil", evil)]), template)
            #expect(error?.kind == .input)
            #expect(error?.message.contains("X-Note") == true)
        }
    }

    @Test func aLineBreakInAnAuthValueIsRejected() {
        let template = RequestTemplate(name: "h", url: "http://example.com/", auth: .bearer(token: "{{t}}"))
        #expect(renderError(renderer(overrides: [Variable("t", "x\r\nHost: evil")]), template)?.kind == .input)
    }

    @Test(arguments: ["Bad Header", "X:Y", "", "X-é", "{{empty}}"])
    func invalidHeaderNamesAreRejected(name: String) {
        let template = RequestTemplate(name: "h", url: "http://example.com/", headers: [KeyValueRow(name, "v")])
        let error = renderError(renderer([Variable("empty", "")]), template)
        #expect(error?.kind == .input)
        #expect(error?.message.contains("invalid header name") == true)
    }
}

@Suite("Rendering bodies")
struct RendererBodyTests {
    private static let url = "http://example.com/"

    @Test(arguments: [
        (RequestBody.json("{}"), "application/json"),
        (RequestBody.xml("<a/>"), "application/xml"),
        (RequestBody.raw(text: "a,b", contentType: "text/csv"), "text/csv"),
        (RequestBody.formURLEncoded([KeyValueRow("a", "b")]), "application/x-www-form-urlencoded"),
    ])
    func eachBodyKindHasADefaultContentType(body: RequestBody, contentType: String) throws {
        let request = try renderer().render(RequestTemplate(name: "b", method: .post, url: Self.url, body: body))
        #expect(values(request.headers, "Content-Type") == [contentType])
    }

    @Test func aFileBodyDefaultsToOctetStreamOrItsOwnType() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data([1, 2, 3]), to: "payload.bin")
        let plain = try renderer(baseDirectory: folder.url).render(RequestTemplate(name: "b", method: .post, url: Self.url, body: .binaryFile(path: "payload.bin", contentType: nil)))
        #expect(values(plain.headers, "Content-Type") == ["application/octet-stream"])
        let typed = try renderer(baseDirectory: folder.url).render(RequestTemplate(name: "b", method: .post, url: Self.url, body: .binaryFile(path: "payload.bin", contentType: "image/png")))
        #expect(values(typed.headers, "Content-Type") == ["image/png"])
    }

    @Test func noBodyMeansNoContentType() throws {
        let request = try renderer().render(RequestTemplate(name: "b", method: .post, url: Self.url))
        #expect(values(request.headers, "Content-Type") == [])
        #expect(request.body == .none)
    }

    @Test func anExplicitContentTypeWins() throws {
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, headers: [KeyValueRow("content-type", "application/vnd.api+json")], body: .json("{}"))
        let request = try renderer().render(template)
        #expect(values(request.headers, "Content-Type") == ["application/vnd.api+json"])
    }

    @Test func textBodiesAreRenderedAsUTF8() throws {
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .json(#"{"name": "{{name}}", "price": "$5"}"#))
        let request = try renderer([Variable("name", "Zoë")]).render(template)
        #expect(bodyData(request) == Data(#"{"name": "Zoë", "price": "$5"}"#.utf8))
    }

    @Test func formFieldsAreURLEncoded() throws {
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .formURLEncoded([
            KeyValueRow("a b&c", "x=y+z"), KeyValueRow("off", "1", isEnabled: false), KeyValueRow("name", "{{n}}"), KeyValueRow("u", "é~*-._"),
        ]))
        let request = try renderer([Variable("n", "Ada Lovelace")]).render(template)
        #expect(bodyData(request).map { String(decoding: $0, as: UTF8.self) } == "a+b%26c=x%3Dy%2Bz&name=Ada+Lovelace&u=%C3%A9%7E*-._")
    }

    @Test func multipartBodyHasTextAndFileParts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileBytes = Data([0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D]) + Data("photo bytes".utf8)
        try folder.write(fileBytes, to: "fixtures/beach.png")
        try folder.write(Data("plain".utf8), to: "notes.txt")
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .multipart([
            MultipartPart(name: "title", content: .text("Holiday {{year}}")),
            MultipartPart(name: "photo", content: .file(path: "fixtures/beach.png")),
            MultipartPart(name: "skipped", content: .text("no"), isEnabled: false),
            MultipartPart(name: "doc", content: .file(path: "notes.txt"), filename: "renamed.md", contentType: "text/x-custom"),
            MultipartPart(name: "meta", content: .text("{}"), contentType: "application/json"),
        ]))
        let request = try renderer([Variable("year", "2024")], baseDirectory: folder.url).render(template)

        let contentTypes = values(request.headers, "Content-Type")
        #expect(contentTypes.count == 1)
        #expect(contentTypes.first?.hasPrefix("multipart/form-data;") == true)
        let boundary = try #require(multipartBoundary(of: contentTypes.first))
        let body = try #require(bodyData(request))
        let parts = try #require(parseMultipart(body, boundary: boundary))
        #expect(parts.count == 4)
        guard parts.count == 4 else { return }

        #expect(parts[0].headers["content-disposition"] == #"form-data; name="title""#)
        #expect(parts[0].headers["content-type"] == nil)
        #expect(parts[0].text == "Holiday 2024")

        #expect(parts[1].headers["content-disposition"] == #"form-data; name="photo"; filename="beach.png""#)
        #expect(parts[1].headers["content-type"] == "image/png")
        #expect(parts[1].content == fileBytes)

        #expect(parts[2].headers["content-disposition"] == #"form-data; name="doc"; filename="renamed.md""#)
        #expect(parts[2].headers["content-type"] == "text/x-custom")
        #expect(parts[2].text == "plain")

        #expect(parts[3].headers["content-type"] == "application/json")
        #expect(parts[3].text == "{}")
    }

    @Test func multipartFilenamesMayUseVariables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data("x".utf8), to: "report.csv")
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .multipart([
            MultipartPart(name: "doc", content: .file(path: "{{file}}"), filename: "report-{{year}}.csv"),
        ]))
        let request = try renderer([Variable("year", "2024"), Variable("file", "report.csv")], baseDirectory: folder.url).render(template)
        let boundary = try #require(multipartBoundary(of: request.headers.first(named: "Content-Type")))
        let body = try #require(bodyData(request))
        let parts = try #require(parseMultipart(body, boundary: boundary))
        #expect(parts.first?.headers["content-disposition"] == #"form-data; name="doc"; filename="report-2024.csv""#)
    }

    @Test func multipartBoundariesDifferBetweenRenders() throws {
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .multipart([MultipartPart(name: "a", content: .text("b"))]))
        let first = multipartBoundary(of: try renderer().render(template).headers.first(named: "Content-Type"))
        let second = multipartBoundary(of: try renderer().render(template).headers.first(named: "Content-Type"))
        #expect(first != nil)
        #expect(first != second)
    }

    @Test func anExplicitMultipartTypeGetsTheBoundary() throws {
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, headers: [KeyValueRow("Content-Type", "multipart/mixed")],
                                       body: .multipart([MultipartPart(name: "a", content: .text("b"))]))
        let request = try renderer().render(template)
        let contentTypes = values(request.headers, "Content-Type")
        #expect(contentTypes.count == 1)
        #expect(contentTypes.first?.hasPrefix("multipart/mixed; boundary=") == true)
        let boundary = try #require(multipartBoundary(of: contentTypes.first))
        let body = try #require(bodyData(request))
        #expect(parseMultipart(body, boundary: boundary)?.map(\.text) == ["b"])
    }

    @Test func aMissingMultipartFileIsAnInputErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let template = RequestTemplate(name: "b", method: .post, url: Self.url, body: .multipart([MultipartPart(name: "photo", content: .file(path: "gone.png"))]))
        let error = renderError(renderer(baseDirectory: folder.url), template)
        #expect(error?.kind == .input)
        #expect(error?.message.contains(folder.url.appendingPathComponent("gone.png").path) == true)
        #expect(error?.message.contains("photo") == true)
    }

    @Test func aFileBodyIsStreamedFromItsPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write(Data([1, 2, 3]), to: "data/payload.bin")
        let relative = try renderer([Variable("name", "payload.bin")], baseDirectory: folder.url).render(RequestTemplate(name: "b", method: .put, url: Self.url, body: .binaryFile(path: "data/{{name}}", contentType: nil)))
        guard case .file(let url) = relative.body else {
            Issue.record("expected a file body, got \(relative.body)")
            return
        }
        #expect(url.standardizedFileURL.path == file.standardizedFileURL.path)

        let absolute = try renderer(baseDirectory: URL(fileURLWithPath: "/")).render(RequestTemplate(name: "b", method: .put, url: Self.url, body: .binaryFile(path: file.path, contentType: nil)))
        guard case .file(let absoluteURL) = absolute.body else {
            Issue.record("expected a file body, got \(absolute.body)")
            return
        }
        #expect(absoluteURL.standardizedFileURL.path == file.standardizedFileURL.path)
    }

    @Test func aMissingFileBodyIsAnInputErrorNamingThePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = renderError(renderer(baseDirectory: folder.url), RequestTemplate(name: "b", method: .post, url: Self.url, body: .binaryFile(path: "nope.bin", contentType: nil)))
        #expect(error?.kind == .input)
        #expect(error?.message.contains(folder.url.appendingPathComponent("nope.bin").path) == true)
    }

    @Test func aFolderIsNotAFileBody() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("dir"), withIntermediateDirectories: true)
        let error = renderError(renderer(baseDirectory: folder.url), RequestTemplate(name: "b", method: .post, url: Self.url, body: .binaryFile(path: "dir", contentType: nil)))
        #expect(error?.kind == .input)
    }

    @Test func aTildeMeansTheHomeFolder() {
        let name = "portico-missing-\(UUID().uuidString)"
        let error = renderError(renderer(), RequestTemplate(name: "b", method: .post, url: Self.url, body: .binaryFile(path: "~/\(name)", contentType: nil)))
        #expect(error?.message.contains(NSHomeDirectory() + "/" + name) == true)
    }

    @Test func getWithAnEmptyBodyIsFine() throws {
        let request = try renderer().render(RequestTemplate(name: "b", method: .get, url: Self.url, body: .json("")))
        #expect(request.body.isEmpty)
    }
}

@Suite("Rendering errors")
struct RendererErrorTests {
    @Test func everyUndefinedVariableIsReportedWithWhereItIs() {
        let template = RequestTemplate(
            name: "e", method: .post, url: "{{base}}/x",
            params: [KeyValueRow("p", "{{pv}}")],
            headers: [KeyValueRow("X", "{{tok}}")],
            body: .json(#"{"a": "{{bodyVar}}"}"#),
            auth: .basic(username: "{{user}}", password: "pw"))
        let error = renderError(renderer(), template)
        #expect(error?.kind == .template)
        let lines = error?.message.components(separatedBy: "\n") ?? []
        #expect(Set(lines) == [
            "undefined variable 'base' in url",
            "undefined variable 'pv' in param 'p'",
            "undefined variable 'tok' in header 'X'",
            "undefined variable 'bodyVar' in body",
            "undefined variable 'user' in auth username",
        ])
    }

    @Test func collectionHeadersAndFormFieldsNameTheirLocation() {
        let collection = Collection(name: "c", headers: [KeyValueRow("X-Team", "{{team}}")])
        let template = RequestTemplate(name: "e", method: .post, url: "http://example.com/", body: .formURLEncoded([KeyValueRow("f", "{{fv}}")]))
        let message = renderError(renderer(collection: collection), template)?.message ?? ""
        #expect(message.contains("undefined variable 'team' in collection header 'X-Team'"))
        #expect(message.contains("undefined variable 'fv' in form field 'f'"))
    }

    @Test func templateProblemsMakeATemplateErrorEvenWithAMissingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let template = RequestTemplate(name: "e", method: .post, url: "{{nope}}", body: .multipart([MultipartPart(name: "f", content: .file(path: "missing.bin"))]))
        let error = renderError(renderer(baseDirectory: folder.url), template)
        #expect(error?.kind == .template)
        #expect(error?.message.contains("undefined variable 'nope' in url") == true)
        #expect(error?.message.contains("missing.bin") == true)
    }

    @Test func syntaxErrorsAreTemplateErrors() {
        let error = renderError(renderer(), RequestTemplate(name: "e", url: "http://example.com/{{open"))
        #expect(error?.kind == .template)
        #expect(error?.message.contains("in url") == true)
    }
}

@Suite("Secrets of a rendered request")
struct RendererSecretTests {
    @Test func secretValuesIncludeTheScopesSecrets() throws {
        let r = renderer([Variable("token", "t0k3n", isSecret: true), Variable("host", "example.com")])
        let request = try r.render(RequestTemplate(name: "s", url: "http://{{host}}/", auth: .bearer(token: "{{token}}")))
        #expect(r.secretValues(for: request) == ["t0k3n"])
    }

    @Test func basicCredentialsWithASecretAreHiddenInTheirEncodedForm() throws {
        let r = renderer([Variable("pw", "hunter2", isSecret: true)])
        let request = try r.render(RequestTemplate(name: "s", url: "http://example.com/", auth: .basic(username: "demo", password: "{{pw}}")))
        let masker = SecretMasker(secrets: r.secretValues(for: request))
        let shown = request.headers.map { masker.mask($0.value) }
        #expect(!shown.contains { $0.contains(Data("demo:hunter2".utf8).base64EncodedString()) })
        #expect(shown.contains("Basic \(SecretMasker.mask)"))
    }

    @Test func aSecretPercentEncodedInTheURLIsHidden() throws {
        // Base64 API keys hold '+', '/' and '=', which are percent-encoded in a query.
        let secret = "abc+def/ghi=="
        let r = renderer([Variable("key", secret, isSecret: true)])
        let request = try r.render(RequestTemplate(name: "s", url: "http://example.com/", auth: .apiKey(name: "key", value: "{{key}}", location: .query)))
        let shown = SecretMasker(secrets: r.secretValues(for: request)).mask(request.url.absoluteString)
        #expect(!shown.contains("abc"), "\(shown)")
        #expect(!shown.contains("ghi"), "\(shown)")
    }
}
