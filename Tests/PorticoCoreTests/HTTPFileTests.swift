import Foundation
import PorticoCore
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/http")

private func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
}

@Suite(".http files")
struct HTTPFileTests {
    @Test func readsTheRESTClientDialect() throws {
        let document = try HTTPFileParser.parse(try fixture("rest-client.http"))
        #expect(document.variables.map(\.name) == ["baseUrl", "contentType"])
        #expect(document.variables.map(\.value) == ["http://localhost:8080", "application/json"])
        let requests = document.requests.map(\.template)
        #expect(requests.map(\.name) == ["listUsers", "login", "PUT {{baseUrl}}/avatar", "me"])
        #expect(requests[0].method == .get)
        #expect(requests[0].url == "{{baseUrl}}/users?page=2&pageSize=10")
        #expect(requests[0].headers == [KeyValueRow("Accept", "application/json"), KeyValueRow("X-Debug", "1", isEnabled: false)])
        #expect(requests[1].method == .post)
        #expect(requests[1].auth == .basic(username: "admin", password: "s3cret"))
        #expect(requests[1].headers == [KeyValueRow("Content-Type", "{{contentType}}")])
        #expect(requests[1].options.followRedirects == false)
        #expect(requests[1].body == .raw(text: "{\n  \"user\": \"admin\",\n  \"id\": \"{{$guid}}\"\n}", contentType: "{{contentType}}"))
        #expect(requests[2].body == .binaryFile(path: "./avatar.png", contentType: "image/png"))
        #expect(requests[3].headers == [KeyValueRow("Authorization", "Bearer {{login.response.body.$.token}}")])
        #expect(document.warnings.isEmpty)
        #expect(document.requests.map(\.template.id) == ["http-listusers", "http-login", "http-3", "http-me"])
    }

    @Test func readsTheJetBrainsDialectWithItsScriptsAndEnvironments() throws {
        let document = try HTTPFileParser.parse(try fixture("jetbrains.http"))
        let requests = document.requests.map(\.template)
        #expect(requests.map(\.name) == ["Create order", "Health"])
        #expect(requests[0].body == .json("{\"item\": \"book\", \"qty\": {{$randomInt}}}"))
        #expect(requests[0].headers == [KeyValueRow("Content-Type", "application/json"), KeyValueRow("X-Api-Key", "{{apiKey}}")])
        #expect(document.warnings.map(\.location) == ["line 2", "line 11"])

        let loaded = try HTTPFileStore.load(fixtures.appendingPathComponent("jetbrains.http"))
        let dev = try #require(loaded.collection.environment(named: "dev"))
        #expect(dev.variables == [Variable("host", "http://localhost:8080"), Variable("region", "eu"), Variable("apiKey", "dev-key-123", isSecret: true)])
        #expect(loaded.collection.environment(named: "prod")?.variables.first { $0.name == "host" }?.value == "https://shop.example")
    }

    @Test func rendersWhatTheOtherToolsWouldSend() throws {
        let document = try HTTPFileParser.parse(try fixture("jetbrains.http"))
        var collection = document.collection(id: "x", name: "shop")
        collection.environments = [Environment(name: "dev", variables: [Variable("host", "http://h"), Variable("apiKey", "k", isSecret: true)])]
        let scope = try VariableScope.make(collection: collection, environmentName: "dev", overrides: [])
        #expect(try scope.render("{{$guid}}").count == 36)
        #expect(try Int(scope.render("{{$randomInt}}")).map { (0...1000).contains($0) } == true)
        #expect(try scope.render("{{$datetime rfc1123}}").hasSuffix(" GMT"))
    }

    @Test func aBodyWithoutAContentTypeIsSentWithoutOneAndWrittenBackWithoutOne() throws {
        let text = "POST http://x/notes\n\nremember the milk\n"
        let document = try HTTPFileParser.parse(text)
        let baseline = document.collection(id: "x", name: "x")
        let template = try #require(baseline.allRequests.first).template
        let request = try RequestRenderer(scope: VariableScope(), collection: baseline, baseDirectory: fixtures).render(template)
        #expect(!request.headers.contains { $0.name.lowercased() == "content-type" }, "\(request.headers)")
        var collection = baseline
        var edited = template
        edited.url = "http://x/todo"
        try collection.replaceRequest(at: try #require(collection.allRequests.first).relativePath, with: edited)
        #expect(try document.text(applying: collection, baseline: baseline) == "POST http://x/todo\n\nremember the milk\n")
    }

    @Test func anUnchangedCollectionWritesTheFileBackByteForByte() throws {
        for name in ["rest-client.http", "jetbrains.http"] {
            let text = try fixture(name)
            let document = try HTTPFileParser.parse(text)
            let collection = document.collection(id: "x", name: "x")
            #expect(try document.text(applying: collection, baseline: collection) == text)
        }
    }

    @Test func anEditRewritesOnlyThatRequestAndKeepsEverythingElse() throws {
        let text = try fixture("rest-client.http")
        let document = try HTTPFileParser.parse(text)
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        let login = try #require(collection.allRequests.first { $0.template.name == "login" })
        var edited = login.template
        edited.body = .raw(text: "{\"user\": \"root\"}", contentType: "{{contentType}}")
        edited.headers.append(KeyValueRow("X-Trace", "on"))
        try collection.replaceRequest(at: login.relativePath, with: edited)
        collection.variables[0].value = "https://shop.example"

        let written = try document.text(applying: collection, baseline: baseline)
        #expect(written == text
            .replacingOccurrences(of: "@baseUrl = http://localhost:8080", with: "@baseUrl = https://shop.example")
            .replacingOccurrences(of: """
            POST {{baseUrl}}/login HTTP/1.1
            Content-Type: {{contentType}}
            Authorization: Basic admin:s3cret

            {
              "user": "admin",
              "id": "{{$guid}}"
            }
            """, with: """
            POST {{baseUrl}}/login HTTP/1.1
            Content-Type: {{contentType}}
            Authorization: Basic admin:s3cret
            X-Trace: on

            {"user": "root"}
            """))
        let reread = try HTTPFileParser.parse(written).collection(id: "x", name: "x")
        #expect(Set(reread.allRequests.map(\.template)) == Set(collection.allRequests.map(\.template)))
    }

    @Test func renamesRemovalsAndNewRequestsLandWhereTheyBelong() throws {
        let text = try fixture("jetbrains.http")
        let document = try HTTPFileParser.parse(text)
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        let health = try #require(collection.allRequests.first { $0.template.name == "Health" })
        try collection.removeRequest(at: health.relativePath)
        let create = try #require(collection.allRequests.first { $0.template.name == "Create order" })
        _ = try collection.renameRequest(at: create.relativePath, to: "Place order")
        try collection.addRequest(RequestTemplate(name: "Cancel", method: .delete, url: "{{host}}/orders/1"), inFolder: "")
        collection.variables.append(Variable("version", "2"))

        let written = try document.text(applying: collection, baseline: baseline)
        #expect(written == """
        @version = 2

        ### Place order
        < {%
            request.variables.set("now", $timestamp)
        %}
        POST {{host}}/orders
        Content-Type: application/json
        X-Api-Key: {{apiKey}}

        {"item": "book", "qty": {{$randomInt}}}

        > {%
            client.test("created", function() { client.assert(response.status === 201) })
        %}

        ### Cancel
        # @name Cancel
        DELETE {{host}}/orders/1

        """)
    }

    @Test func aWindowsFileKeepsItsLineEndings() throws {
        let text = "@host = http://x\r\n\r\n### One\r\nGET {{host}}/a\r\nAccept: */*\r\n"
        let document = try HTTPFileParser.parse(text)
        #expect(document.requests.map(\.template.url) == ["{{host}}/a"])
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        let one = try #require(collection.allRequests.first)
        var edited = one.template
        edited.url = "{{host}}/b"
        try collection.replaceRequest(at: one.relativePath, with: edited)
        #expect(try document.text(applying: collection, baseline: baseline) == "@host = http://x\r\n\r\n### One\r\nGET {{host}}/b\r\nAccept: */*\r\n")
    }

    @Test func savesInARowFollowTheFileAndAnOutsideChangeIsNotWrittenOver() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try temporary.write("# Shop\nGET http://x/one\n\n###\nGET http://x/two\n\n###\nGET http://x/three\n", to: "api.http")
        let file = temporary.path("api.http")
        var collection = try HTTPFileStore.load(file).collection
        // Unnamed requests are known by position: after a deletion every later one moves up.
        var edited = collection
        try edited.removeRequest(at: try #require(edited.allRequests.first { $0.template.url.hasSuffix("one") }).relativePath)
        collection = try HTTPFileStore.save(edited, baseline: collection, to: file)
        edited = collection
        let three = try #require(edited.allRequests.first { $0.template.url.hasSuffix("three") })
        var template = three.template
        template.url = "http://x/3"
        try edited.replaceRequest(at: three.relativePath, with: template)
        collection = try HTTPFileStore.save(edited, baseline: collection, to: file)
        #expect(try temporary.text("api.http") == "# Shop\n###\nGET http://x/two\n\n###\nGET http://x/3\n")
        #expect(collection.allRequests.map(\.template.url) == ["http://x/two", "http://x/3"])

        try temporary.write("GET http://x/changed-elsewhere\n", to: "api.http")
        #expect(throws: PorticoError.input("api.http was changed since it was opened (by another program?); reopen it, then make your change again")) {
            try HTTPFileStore.save(edited, baseline: collection, to: file)
        }
        #expect(try temporary.text("api.http") == "GET http://x/changed-elsewhere\n")
    }

    @Test func commentsAmongTheHeadersStayWhereTheyAre() throws {
        let text = "GET http://x/a\nAccept: */*\n# the token expires daily\nX-Token: t\n// trailing note\n"
        let document = try HTTPFileParser.parse(text)
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        let stored = try #require(collection.allRequests.first)
        var template = stored.template
        template.url = "http://x/b"
        try collection.replaceRequest(at: stored.relativePath, with: template)
        #expect(try document.text(applying: collection, baseline: baseline) == text.replacingOccurrences(of: "/a", with: "/b"))
    }

    @Test func anEmptyFileIsAnEmptyCollectionThatRequestsCanBeAddedTo() throws {
        let document = try HTTPFileParser.parse("")
        #expect(document.requests.isEmpty && document.variables.isEmpty)
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        try collection.addRequest(RequestTemplate(name: "ping", url: "http://x/ping"), inFolder: "")
        #expect(try document.text(applying: collection, baseline: baseline) == "### ping\n# @name ping\nGET http://x/ping\n")
    }

    @Test func aBodyTheFormatWouldMisreadIsRefused() throws {
        let document = try HTTPFileParser.parse("GET http://x/\n")
        let baseline = document.collection(id: "x", name: "x")
        var collection = baseline
        var template = try #require(collection.allRequests.first).template
        template.body = .raw(text: "a\n### not a separator", contentType: "text/plain")
        try collection.replaceRequest(at: try #require(collection.allRequests.first).relativePath, with: template)
        #expect(throws: PorticoError.self) { try document.text(applying: collection, baseline: baseline) }
    }

    @Test func malformedFilesGetTheirLine() {
        #expect(throws: PorticoError.input("line 3: 'not a header' is not a header (Name: value); leave a blank line before the body")) {
            try HTTPFileParser.parse("###\nGET http://x/\nnot a header\n")
        }
        #expect(throws: PorticoError.input("line 2: 'get me that' is not a request line (METHOD URL [HTTP/VERSION])")) {
            try HTTPFileParser.parse("# hello\nget me that\n")
        }
    }

    @Test func importMovesCredentialsToSecretsAndPointsAtBodyFiles() throws {
        let file = fixtures.appendingPathComponent("rest-client.http")
        let imported = try HTTPFileImport.parse(try fixture("rest-client.http"), file: file)
        let login = try #require(imported.collection.allRequests.first { $0.template.name == "login" }?.template)
        #expect(login.auth == .basic(username: "admin", password: "{{password}}"))
        #expect(imported.secrets == [
            ImportedSecret(name: "apiKey", environment: "dev", value: "dev-key-123"), ImportedSecret(name: "apiKey", environment: "prod", value: "prod-key-456"),
            ImportedSecret(name: "password", environment: nil, value: "s3cret"),
        ], "the JetBrains private environment file beside it holds secrets too")
        let avatar = try #require(imported.collection.allRequests.first { $0.template.method == .put }?.template)
        #expect(avatar.body == .binaryFile(path: fixtures.appendingPathComponent("avatar.png").path, contentType: "image/png"))
        #expect(imported.collection.variables.map(\.name) == ["baseUrl", "contentType", "password"])
    }

    @Test func exportReadsBackAsTheSameRequests() throws {
        var collection = Collection(name: "Shop", variables: [Variable("host", "http://localhost:1"), Variable("token", nil, isSecret: true)], auth: .bearer(token: "{{token}}"))
        try collection.addFolder(named: "Orders", inFolder: "")
        try collection.addRequest(RequestTemplate(name: "Create", method: .post, url: "{{host}}/orders", params: [KeyValueRow("dry run", "yes & no")],
                                                  headers: [KeyValueRow("X-Off", "1", isEnabled: false)], body: .json("{\"a\": 1}")), inFolder: "Orders")
        try collection.addRequest(RequestTemplate(name: "search", url: "{{host}}/search", body: .formURLEncoded([KeyValueRow("q", "a b")]), auth: .basic(username: "u", password: "{{pw}}")), inFolder: "")
        let text = try HTTPFileExport.text(of: collection)
        #expect(!text.contains("{{token}}") || text.contains("Bearer {{token}}"))
        let reread = try HTTPFileParser.parse(text)
        #expect(reread.variables.map(\.name) == ["host"])
        let requests = reread.requests.map(\.template)
        #expect(requests.map(\.name) == ["search", "Orders / Create"])
        #expect(requests[1].url == "{{host}}/orders?dry+run=yes+%26+no")
        #expect(requests[1].headers == [KeyValueRow("Authorization", "Bearer {{token}}"), KeyValueRow("X-Off", "1", isEnabled: false), KeyValueRow("Content-Type", "application/json")])
        #expect(requests[1].body == .json("{\"a\": 1}"))
        #expect(requests[0].auth == .basic(username: "u", password: "{{pw}}"))
        #expect(requests[0].body == .raw(text: "q=a+b", contentType: "application/x-www-form-urlencoded"))
    }
}
