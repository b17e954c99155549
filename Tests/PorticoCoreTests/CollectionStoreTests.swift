import Foundation
import PorticoCore
import Testing



private let trickyValues = [
    "true", "false", "yes", "no", "on", "off", "123", "-1.5e3", "0x1F", "0o17", "", "null", "Null", "~", ".inf", ".nan",
    "say \"hi\"", "it's", "key: value", "a #not a comment", "#starts with hash", "- dash", "? question", ": colon",
    "[1, 2]", "{a: 1}", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "|pipe", ">fold", "  leading", "trailing  ",
    "tab\there", "é € 😀", "back\\slash", "{{var}}", "$dollar", "2024-01-01", "12:30:00",
]

private func request(_ id: String, _ name: String, _ method: HTTPMethod = .get, url: String = "{{baseUrl}}/x", params: [KeyValueRow] = [], headers: [KeyValueRow] = [], body: RequestBody = .none, auth: Auth = .inherit, options: RequestOptions = RequestOptions(), description: String? = nil) -> RequestTemplate {
    RequestTemplate(id: id, name: name, description: description, method: method, url: url, params: params, headers: headers, body: body, auth: auth, options: options)
}

/// A collection with every feature the format has, in the order a load produces (plain variables
/// before secrets, groups and requests by file name), so that a save and load gives it back equal.
private func fullCollection() throws -> Collection {
    let trickyRows = trickyValues.enumerated().map { KeyValueRow("X-Tricky-\($0.offset)", $0.element) }
    let root = RequestGroup(
        name: "",
        groups: [
            RequestGroup(name: "admin", groups: [
                RequestGroup(name: "deep", requests: [
                    StoredRequest(relativePath: "admin/deep/x.yaml", template: request("deep-x", "Deep X")),
                ]),
            ], requests: [
                StoredRequest(relativePath: "admin/list.yaml", template: request("admin-list", "List: all # of them", description: "Lists \"everything\".\n\nSecond paragraph.\n")),
            ]),
            RequestGroup(name: "users", requests: [
                StoredRequest(relativePath: "users/get-user.yaml", template: request("users-get", "Get user", url: "{{baseUrl}}/users/{{id}}")),
            ]),
        ],
        requests: [
            StoredRequest(relativePath: "a-json.yaml", template: request(
                "a-json", "Create (JSON)", .post,
                params: [KeyValueRow("notify", "true"), KeyValueRow("count", "123"), KeyValueRow("empty", ""), KeyValueRow("nothing", "null"), KeyValueRow("debug", "1", isEnabled: false)],
                headers: trickyRows,
                body: .json("{\n  \"name\": \"Ada\",\n  \"price\": \"$5\",\n  \"nested\": {\"a\": {\"b\": 1}}\n}\n"),
                auth: .none)),
            StoredRequest(relativePath: "b-xml.yaml", template: request(
                "b-xml", "Put XML", .put,
                body: .xml("<?xml version=\"1.0\"?>\n<a b=\"c\">\n  <d>#text: yes</d>\n</a>"),
                auth: .basic(username: "demo", password: "{{password}}"))),
            StoredRequest(relativePath: "c-text.yaml", template: request(
                "c-text", "Patch CSV", .patch,
                body: .raw(text: "a,b\n1,2\n\n\n", contentType: "text/csv; charset=utf-8"),
                auth: .bearer(token: "{{token}}"),
                options: RequestOptions(timeout: 2.5, followRedirects: false, maxRedirects: 3, recordsHistory: false))),
            StoredRequest(relativePath: "d-plain.yaml", template: request(
                "d-plain", "Plain text", .post,
                body: .raw(text: "   indented first line\nsecond", contentType: "text/plain"),
                options: RequestOptions(timeout: 5, followRedirects: true, maxRedirects: 0))),
            StoredRequest(relativePath: "e-form.yaml", template: request(
                "e-form", "Form", .post,
                body: .formURLEncoded([KeyValueRow("a b", "c&d"), KeyValueRow("off", "1", isEnabled: false), KeyValueRow("n", "null")]),
                auth: .apiKey(name: "key", value: "{{apiKey}}", location: .query))),
            StoredRequest(relativePath: "f-multipart.yaml", template: request(
                "f-multipart", "Upload", .post,
                body: .multipart([
                    MultipartPart(name: "title", content: .text("Holiday: \"2024\"")),
                    MultipartPart(name: "typed", content: .text("{}"), contentType: "application/json"),
                    MultipartPart(name: "photo", content: .file(path: "../fixtures/beach.jpg"), filename: "beach #1.jpg", contentType: "image/jpeg"),
                    MultipartPart(name: "plain-file", content: .file(path: "notes.txt")),
                    MultipartPart(name: "off", content: .text("x"), isEnabled: false),
                ]),
                auth: .apiKey(name: "X-API-Key", value: "{{apiKey}}", location: .header))),
            StoredRequest(relativePath: "g-file.yaml", template: request(
                "g-file", "Purge with file", try HTTPMethod("PURGE"),
                body: .binaryFile(path: "~/payload.bin", contentType: nil),
                options: RequestOptions(timeout: 0.25, followRedirects: false, maxRedirects: 10))),
            StoredRequest(relativePath: "h-file-typed.yaml", template: request(
                "h-file-typed", "true", .delete, url: "http://localhost:8642/a b?x=1#frag",
                body: .binaryFile(path: "data/image.png", contentType: "image/png"))),
            StoredRequest(relativePath: "i-crlf.yaml", template: request(
                "i-crlf", "123", .options,
                body: .raw(text: "line one\r\nline two\r\n", contentType: "text/plain"))),
        ])
    var collection = Collection(
        id: "0d4f1a52-7c4e-4c41-9d55-0b2f6d3e8a10",
        name: "Shop: API #1",
        description: "The shop's \"public\" API.\nSee: https://example.com # docs\n",
        variables: trickyValues.enumerated().map { Variable("v\($0.offset)", $0.element) }
            + [Variable("baseUrl", "http://localhost:8642"), Variable("token", nil, isSecret: true), Variable("apiKey", nil, isSecret: true)],
        headers: [KeyValueRow("Accept", "application/json"), KeyValueRow("X-Off", "", isEnabled: false)],
        auth: .bearer(token: "{{token}}"),
        environments: [
            Environment(name: "local", variables: [Variable("baseUrl", ":8642"), Variable("password", nil, isSecret: true)]),
            Environment(name: "staging: eu", variables: [Variable("baseUrl", "https://staging.example.com")]),
            Environment(name: "only-secrets", variables: [Variable("password", nil, isSecret: true)]),
        ],
        root: root)
    collection.history = HistorySettings(record: false, redact: ["X-Session", "sig"], keep: ["Cookie"])
    return collection
}

private func load(_ folder: TemporaryFolder) throws -> LoadedCollection {
    try CollectionStore.load(folder.url)
}

@Suite("Saving and loading collections")
struct CollectionRoundTripTests {
    @Test func aSavedCollectionLoadsBackEqual() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try fullCollection()
        let written = try CollectionStore.save(original, to: folder.url)
        #expect(Set(written) == Set(["portico.yaml"] + original.allRequests.map(\.relativePath)))

        let loaded = try load(folder)
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.collection == original)
        // Field by field, so a difference is easy to read.
        #expect(loaded.collection.variables == original.variables)
        #expect(loaded.collection.environments == original.environments)
        for (loadedRequest, originalRequest) in zip(loaded.collection.allRequests, original.allRequests) {
            #expect(loadedRequest == originalRequest)
        }
    }

    @Test func loadSaveLoadIsStable() throws {
        let first = try TemporaryFolder()
        defer { first.remove() }
        try CollectionStore.save(try fullCollection(), to: first.url)
        let once = try load(first)

        let second = try TemporaryFolder()

        defer { second.remove() }
        try CollectionStore.save(once.collection, to: second.url)
        let twice = try load(second)
        #expect(twice.collection == once.collection)
        #expect(twice.diagnostics.isEmpty)
        for file in first.allFiles() {
            #expect(try first.read(file) == second.read(file), "\(file) differs after a second save")
        }
        #expect(first.allFiles() == second.allFiles())
    }

    @Test func defaultsAreLeftOutOfRequestFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let collection = Collection(id: "c", name: "c", root: RequestGroup(name: "", requests: [
            StoredRequest(relativePath: "simple.yaml", template: request("r1", "Simple", url: "http://example.com/")),
        ]))
        try CollectionStore.save(collection, to: folder.url)
        let text = String(decoding: try folder.read("simple.yaml"), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 3)
        for key in ["method", "auth", "options", "body", "params", "headers"] {
            #expect(!text.contains(key))
        }
    }

    @Test func multiLineTextIsWrittenAsABlockThatDiffsByLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let body = "{\n  \"a\": 1,\n  \"b\": 2\n}\n"
        let collection = Collection(id: "c", name: "c", root: RequestGroup(name: "", requests: [
            StoredRequest(relativePath: "r.yaml", template: request("r", "r", .post, body: .json(body))),
        ]))
        try CollectionStore.save(collection, to: folder.url)
        let text = String(decoding: try folder.read("r.yaml"), as: UTF8.self)
        #expect(text.contains("  json: |\n    {\n      \"a\": 1,\n      \"b\": 2\n    }\n"))
        #expect(try load(folder).collection.allRequests.first?.template.body == .json(body))
    }

    @Test func savingAnUnchangedCollectionTouchesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try CollectionStore.save(try fullCollection(), to: folder.url)
        let loaded = try load(folder)
        let before = try folder.identities()

        #expect(try CollectionStore.save(loaded.collection, to: folder.url, baseline: loaded.collection) == [])
        #expect(try folder.identities() == before)

        // Without a baseline the bytes are compared, and they are the same.
        #expect(try CollectionStore.save(loaded.collection, to: folder.url) == [])
        #expect(try folder.identities() == before)
    }

    @Test func aHandFormattedFileIsKeptWhenItsRequestDidNotChange() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: Hand made\n", to: "portico.yaml")
        let handMade = """
        # Written by hand; the comment must survive a save.
        id:   hand-1
        url: 'http://example.com/{{x}}'   # trailing comment
        headers: [{name: A, value: b}]

        """
        try folder.write(handMade, to: "hand.yaml")
        try folder.write("id: other\nurl: http://example.com/other\n", to: "other.yaml")
        let loaded = try load(folder)
        #expect(loaded.diagnostics.isEmpty)
        let before = try folder.identities()

        var changed = loaded.collection
        changed.root.requests[1].template.url = "http://example.com/changed"
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection) == ["other.yaml"])
        let after = try folder.identities()
        #expect(after["hand.yaml"] == before["hand.yaml"])
        #expect(after["portico.yaml"] == before["portico.yaml"])
        #expect(String(decoding: try folder.read("hand.yaml"), as: UTF8.self) == handMade)
        #expect(after["other.yaml"]?.inode != before["other.yaml"]?.inode)
        #expect(try load(folder).collection.root.requests[1].template.url == "http://example.com/changed")
    }

    @Test func changingOneRequestRewritesOnlyItsFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try CollectionStore.save(try fullCollection(), to: folder.url)
        let loaded = try load(folder)
        let before = try folder.identities()

        var changed = loaded.collection
        changed.root.groups[0].groups[0].requests[0].template.headers = [KeyValueRow("X-New", "1")]
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection) == ["admin/deep/x.yaml"])

        let after = try folder.identities()
        #expect(Set(after.keys) == Set(before.keys))
        for (file, identity) in before where file != "admin/deep/x.yaml" {
            #expect(after[file] == identity, "\(file) was rewritten")
        }
        #expect(after["admin/deep/x.yaml"]?.bytes != before["admin/deep/x.yaml"]?.bytes)
        #expect(try load(folder).collection == changed)
    }

    @Test func changingCollectionSettingsRewritesOnlyPorticoYAML() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try CollectionStore.save(try fullCollection(), to: folder.url)
        let loaded = try load(folder)
        let before = try folder.identities()

        var changed = loaded.collection
        changed.variables[0].value = "changed"
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection) == ["portico.yaml"])
        let after = try folder.identities()
        for (file, identity) in before where file != "portico.yaml" {
            #expect(after[file] == identity, "\(file) was rewritten")
        }
        #expect(try load(folder).collection == changed)
    }

    @Test func removingARequestDeletesItsFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try CollectionStore.save(try fullCollection(), to: folder.url)
        let loaded = try load(folder)

        var changed = loaded.collection
        changed.root.requests.removeAll { $0.relativePath == "b-xml.yaml" }
        changed.root.groups[1].requests.removeAll()
        let written = try CollectionStore.save(changed, to: folder.url, baseline: loaded.collection)
        #expect(Set(written) == ["b-xml.yaml", "users/get-user.yaml"])
        #expect(!FileManager.default.fileExists(atPath: folder.path("b-xml.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.path("users/get-user.yaml").path))

        let reloaded = try load(folder)
        #expect(!reloaded.collection.allRequests.contains { $0.template.id == "b-xml" || $0.template.id == "users-get" })
        #expect(reloaded.collection.allRequests.count == loaded.collection.allRequests.count - 2)
    }

    @Test func addingARequestInANewGroupCreatesItsFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let collection = Collection(id: "c", name: "c")
        try CollectionStore.save(collection, to: folder.url)
        var changed = collection
        changed.root.groups = [RequestGroup(name: "new", groups: [RequestGroup(name: "sub", requests: [
            StoredRequest(relativePath: "new/sub/r.yaml", template: request("r", "R", url: "http://example.com/")),
        ])])]
        #expect(try CollectionStore.save(changed, to: folder.url, baseline: collection) == ["new/sub/r.yaml"])
        #expect(try load(folder).collection == changed)
    }

    @Test func secretValuesAreNeverWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var collection = try fullCollection()
        let secrets = ["Sup3r-Secret-Token", "env-password-9f8e", "api-key-7d6c"]
        collection.variables = collection.variables.map { variable in
            switch variable.name {
            case "token": Variable("token", secrets[0], isSecret: true)
            case "apiKey": Variable("apiKey", secrets[2], isSecret: true)
            default: variable
            }
        }
        collection.environments[0].variables[1] = Variable("password", secrets[1], isSecret: true)
        try CollectionStore.save(collection, to: folder.url)

        let files = folder.allFiles()
        #expect(files.count == collection.allRequests.count + 1)
        for file in files {
            let text = String(decoding: try folder.read(file), as: UTF8.self)
            for secret in secrets {
                #expect(!text.contains(secret), "\(file) holds a secret value")
            }
        }
        let loaded = try load(folder)
        #expect(loaded.collection.variables.filter(\.isSecret).map(\.name) == ["token", "apiKey"])
        #expect(loaded.collection.variables.filter(\.isSecret).allSatisfy { $0.value == nil })
        #expect(loaded.collection.environments[0].variables[1] == Variable("password", nil, isSecret: true))
    }

    @Test func fileNamesForNewRequestsAreSlugsMadeUnique() {
        #expect(CollectionStore.fileName(for: "Create a User!", existing: []) == "create-a-user.yaml")
        #expect(CollectionStore.fileName(for: "Create a User", existing: ["create-a-user.yaml", "create-a-user-2.yaml"]) == "create-a-user-3.yaml")
        #expect(CollectionStore.fileName(for: "😀", existing: []) == "request.yaml")
    }
}

@Suite("Loading broken collections")
struct CollectionDiagnosticTests {
    private static let good = "id: good-1\nname: Good\nurl: http://example.com/good\n"

    /// A collection folder with one good request and one broken one; returns the one diagnostic.
    private func diagnose(_ broken: String) throws -> (CollectionDiagnostic?, LoadedCollection, TemporaryFolder) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write(Self.good, to: "good.yaml")
        try folder.write(broken, to: "group/broken.yaml")
        let loaded = try load(folder)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.collection.allRequests.map(\.template.id) == ["good-1"])
        return (loaded.diagnostics.first, loaded, folder)
    }

    private func expectDiagnostic(_ broken: String, line: Int, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (diagnostic, _, folder) = try diagnose(broken)
        let path = folder.path("group/broken.yaml").path
        #expect(diagnostic?.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic?.path == path, sourceLocation: sourceLocation)
        #expect(diagnostic?.line == line, sourceLocation: sourceLocation)
        let description = diagnostic?.description ?? ""
        #expect(description.hasPrefix("\(path):\(line): error: "), "\(description)", sourceLocation: sourceLocation)
        #expect(description.contains(fragment), "\(description)", sourceLocation: sourceLocation)
    }

    @Test func badIndentation() throws {
        try expectDiagnostic("""
        id: r1
        url: http://example.com/
        headers:
          - name: A
            value: b
           - name: C
            value: d

        """, line: 6, containing: "invalid YAML")
    }

    @Test func aTabForIndentation() throws {
        try expectDiagnostic("id: r1\nurl: http://example.com/\nheaders:\n\t- name: A\n", line: 4, containing: "invalid YAML")
    }

    @Test func unknownKeyTypo() throws {
        try expectDiagnostic("""
        id: r2
        name: typo
        url: http://example.com/
        hedaers:
          - name: A
            value: b

        """, line: 4, containing: "unknown key 'hedaers'")
    }

    @Test func wrongTypeForABoolean() throws {
        try expectDiagnostic("""
        id: r3
        url: http://example.com/
        options:
          timeout: 3
          followRedirects: maybe

        """, line: 5, containing: "options.followRedirects must be true or false")
    }

    @Test func missingURL() throws {
        try expectDiagnostic("id: r4\nname: no url\nmethod: POST\n", line: 1, containing: "no 'url'")
    }

    @Test func missingURLAfterAComment() throws {
        try expectDiagnostic("# a comment\n\nid: r4\nname: no url\n", line: 3, containing: "no 'url'")
    }

    @Test func invalidMethod() throws {
        try expectDiagnostic("id: r5\nurl: http://example.com/\n\nmethod: GE T\n", line: 4, containing: "invalid method 'GE T'")
    }

    @Test func unknownKeyDeepInside() throws {
        try expectDiagnostic("""
        id: r6
        url: http://example.com/
        body:
          multipart:
            - name: a
              value: b
            - name: c
              fiel: x.txt

        """, line: 8, containing: "unknown key 'fiel'")
    }

    @Test func duplicateKey() throws {
        try expectDiagnostic("id: r7\nurl: http://example.com/\nurl: http://example.com/again\n", line: 3, containing: "duplicate")
    }

    @Test func missingID() throws {
        try expectDiagnostic("url: http://example.com/\n", line: 1, containing: "no 'id'")
    }

    @Test func aBrokenCollectionFileIsReportedAndRequestsStillLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\nvariabels:\n  a: b\n", to: "portico.yaml")
        try folder.write(Self.good, to: "good.yaml")
        let loaded = try load(folder)
        #expect(loaded.diagnostics.map(\.description) == ["\(folder.path("portico.yaml").path):3: error: unknown key 'variabels' in the collection; expected one of: id, name, description, variables, secrets, headers, auth, options, environments, history"])
        #expect(loaded.collection.allRequests.map(\.template.id) == ["good-1"])
    }

    @Test func aSecretWithAValueInTheCollectionFileIsAWarningAndTheValueIsDropped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("""
        id: c
        name: c
        variables:
          host: example.com
          token: leaked-value
        secrets:
          - token
        environments:
          staging:
            variables:
              pw: also-leaked
            secrets: [pw]

        """, to: "portico.yaml")
        let loaded = try load(folder)
        let path = folder.path("portico.yaml").path
        #expect(loaded.diagnostics.count == 2)
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(loaded.diagnostics.first?.description.hasPrefix("\(path):5: warning: secret 'token'") == true)
        #expect(loaded.diagnostics.last?.description.hasPrefix("\(path):11: warning: secret 'pw'") == true)
        #expect(loaded.collection.variables == [Variable("host", "example.com"), Variable("token", nil, isSecret: true)])
        #expect(loaded.collection.environments == [Environment(name: "staging", variables: [Variable("pw", nil, isSecret: true)])])
    }

    @Test func duplicateRequestIDsAreAWarning() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write("id: same\nurl: http://example.com/a\n", to: "a.yaml")
        try folder.write("id: same\nurl: http://example.com/b\n", to: "sub/b.yaml")
        let loaded = try load(folder)
        #expect(loaded.collection.allRequests.count == 2)
        #expect(loaded.diagnostics.count == 1)
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.severity == .warning)
        #expect(diagnostic?.path == folder.path("sub/b.yaml").path)
        #expect(diagnostic?.message.contains("'same'") == true)
        #expect(diagnostic?.message.contains("a.yaml") == true)
    }

    @Test func aFIFOOrAFolderLinkNamedLikeARequestNeitherHangsNorLoops() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write(Self.good, to: "good.yaml")
        // Reading a FIFO without a writer would wait forever.
        #expect(mkfifo(folder.path("pipe.yaml").path, 0o600) == 0)
        // A link back to the collection folder would make the walk endless if it were followed.
        try FileManager.default.createSymbolicLink(atPath: folder.path("loop").path, withDestinationPath: folder.url.path)
        let loaded = try load(folder)
        #expect(loaded.collection.allRequests.map(\.template.id) == ["good-1"])
        #expect(loaded.collection.root.groups.isEmpty)
        #expect(loaded.diagnostics.map(\.message) == ["cannot read: not a regular file"])
        #expect(loaded.diagnostics.first?.path == folder.path("pipe.yaml").path)
    }

    @Test func aFileThatIsNotUTF8IsReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: folder.path("latin.yaml"))
        let loaded = try load(folder)
        #expect(loaded.diagnostics.map(\.message) == ["not UTF-8 text"])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data([0xEF, 0xBB, 0xBF] + Array("id: c\nname: With BOM\n".utf8)).write(to: folder.path("portico.yaml"))
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.good.utf8)).write(to: folder.path("good.yaml"))
        let loaded = try load(folder)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection.name == "With BOM")
        #expect(loaded.collection.allRequests.map(\.template.id) == ["good-1"])
    }

    @Test func aNameThatIsNotUTF8IsReportedNotLostSilently() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write(Self.good, to: "good.yaml")
        // "café" in Latin-1, as an old archive may hold it.
        let name = folder.url.path + "/caf\u{FFFD}"
        var latin1 = Array(folder.url.path.utf8) + Array("/caf".utf8) + [0xE9, 0]
        #expect(latin1.withUnsafeMutableBufferPointer { mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o700) } == 0)
        let loaded = try load(folder)
        #expect(loaded.collection.root.groups.isEmpty)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.path == name)
        #expect(loaded.diagnostics.first?.message.contains("not UTF-8") == true)
    }

    @Test func aRequestFileNamedOnTheCommandLineMayBeAPipe() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.path("from-shell.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // What `portico send <(…)` gives: a writer on the other end of a FIFO.
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(Self.good.utf8))
            try? handle?.close()
        }
        writer.start()
        let template = try CollectionStore.loadRequestFile(URL(fileURLWithPath: fifo))
        #expect(template.id == "good-1")
    }

    @Test func hiddenAndNonYAMLFilesAreIgnored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write(Self.good, to: "good.yml")
        try folder.write("not yaml at all: [", to: ".hidden.yaml")
        try folder.write("not yaml at all: [", to: ".git/config.yaml")
        try folder.write("notes", to: "README.md")
        let loaded = try load(folder)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection.allRequests.map(\.relativePath) == ["good.yml"])
    }

    @Test func symbolicLinksToFoldersAreNotFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write(Self.good, to: "sub/good.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.path("sub/loop").path, withDestinationPath: "..")
        let loaded = try load(folder)
        #expect(loaded.collection.allRequests.map(\.relativePath) == ["sub/good.yaml"])
    }

    @Test func aFolderWithoutPorticoYAMLIsNotACollection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = #expect(throws: PorticoError.self) { try CollectionStore.load(folder.url) }
        #expect(error?.kind == .input)
    }
}

@Suite("Finding a collection folder")
struct CollectionFolderTests {
    @Test func theRootIsFoundFromANestedRequestFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: c\nname: c\n", to: "portico.yaml")
        try folder.write("id: r\nurl: http://example.com/\n", to: "a/b/c/request.yaml")
        #expect(CollectionStore.folder(containing: folder.path("a/b/c/request.yaml"))?.standardizedFileURL.path == folder.url.path)
        #expect(CollectionStore.folder(containing: folder.path("top.yaml"))?.standardizedFileURL.path == folder.url.path)
    }

    @Test func theNearestCollectionWins() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: outer\nname: outer\n", to: "portico.yaml")
        try folder.write("id: inner\nname: inner\n", to: "inner/portico.yaml")
        #expect(CollectionStore.folder(containing: folder.path("inner/x/r.yaml"))?.standardizedFileURL.path == folder.path("inner").path)
    }

    @Test func aFileOutsideAnyCollectionHasNone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(CollectionStore.folder(containing: folder.path("a/request.yaml")) == nil)
    }
}

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test func writingOverAFileReplacesItWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.path("file.txt")
        try AtomicFile.write(Data(String(repeating: "long old content\n", count: 1000).utf8), to: target)
        try AtomicFile.write(Data("short".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("short".utf8))
        #expect(folder.allFiles() == ["file.txt"])
    }

    @Test func theModeIsApplied() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.path("private.txt")
        try AtomicFile.write(Data("x".utf8), to: target, permissions: 0o600)
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func aFailedRenameLeavesTheTargetAndNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("keep me", to: "target/inside.txt")
        let error = #expect(throws: PorticoError.self) {
            try AtomicFile.write(Data("new".utf8), to: folder.path("target"))
        }
        #expect(error?.kind == .input)
        #expect(error?.message.contains(folder.path("target").path) == true)
        #expect(try folder.read("target/inside.txt") == Data("keep me".utf8))
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(entries == ["target"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("target").path) == ["inside.txt"])
    }

    @Test func writingIntoAMissingFolderIsAnInputError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = #expect(throws: PorticoError.self) {
            try AtomicFile.write(Data("x".utf8), to: folder.path("missing/file.txt"))
        }
        #expect(error?.kind == .input)
        #expect(folder.allFiles() == [])
    }
}
