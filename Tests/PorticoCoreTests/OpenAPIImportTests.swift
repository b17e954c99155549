import Foundation
import PorticoCore
import Testing

@Suite("Importing OpenAPI")
struct OpenAPIImportTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/openapi/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func request(_ name: String, in imported: ImportedCollection) throws -> StoredRequest {
        try #require(imported.collection.allRequests.first { $0.template.name == name }, "no request named \(name)")
    }

    @Test func petstoreInOpenAPI30YAML() throws {
        let imported = try OpenAPIImport.parse(try Self.fixture("petstore-3.0.yaml"))
        let collection = imported.collection
        #expect(collection.name == "Pet Store")
        #expect(collection.description == "Pets, their owners and their orders.")
        #expect(collection.auth == .bearer(token: "{{token}}"))
        #expect(collection.variables == [
            Variable("baseUrl", "https://eu.petstore.example/v1"),
            Variable("token", nil, isSecret: true),
            Variable("apiKey", nil, isSecret: true),
            Variable("petId", "42"),
        ])
        #expect(Set(imported.secrets) == [ImportedSecret(name: "token", environment: nil, value: ""), ImportedSecret(name: "apiKey", environment: nil, value: "")])
        #expect(collection.environments == [
            Environment(name: "production-eu", variables: [Variable("baseUrl", "https://eu.petstore.example/v1")]),
            Environment(name: "localhost", variables: [Variable("baseUrl", "http://localhost:8080")]),
        ])
        #expect(collection.allRequests.map(\.relativePath).sorted() == [
            "get-health.yaml", "pets/createpet.yaml", "pets/delete-pets-petid.yaml", "pets/get-a-pet.yaml", "pets/list-pets.yaml", "store/place-an-order.yaml",
        ])

        let list = try Self.request("List pets", in: imported).template
        #expect(list.method == .get)
        #expect(list.url == "{{baseUrl}}/pets")
        #expect(list.description == "List pets\n\nPets in the store, newest first.")
        #expect(list.params == [KeyValueRow("limit", "20", isEnabled: false), KeyValueRow("status", "available")])
        #expect(list.headers == [KeyValueRow("X-Request-ID", "9b2f0c1e-4a51-4d8e-a3a5-0f7f1c2d3e4a", isEnabled: false)])
        #expect(list.body == .none)
        #expect(list.auth == .inherit)

        let create = try Self.request("createPet", in: imported).template
        #expect(create.method == .post)
        #expect(create.description == nil)
        #expect(create.body == .json("""
        {
          "name": "string",
          "tag": "string",
          "birthday": "2026-01-01",
          "status": "available",
          "weight": 0.5,
          "owner": {
            "email": "user@example.com",
            "website": "https://example.com",
            "since": "2026-01-01T12:00:00Z"
          },
          "friends": []
        }
        """), "JSON is preferred to the XML listed first; readOnly id is left out; the recursive friends stop at Pet's first repeat")

        let get = try Self.request("Get a pet", in: imported).template
        #expect(get.url == "{{baseUrl}}/pets/{{petId}}")
        #expect(get.headers == [KeyValueRow("X-Trace", "own")], "the operation's parameter replaces the path item's")

        let delete = try Self.request("DELETE /pets/{petId}", in: imported).template
        #expect(delete.method == .delete)
        #expect(delete.headers == [KeyValueRow("X-Trace", "shared")])
        #expect(delete.auth == Auth.none, "security: [] turns auth off")

        let order = try Self.request("Place an order", in: imported).template
        #expect(order.body == .formURLEncoded([KeyValueRow("petId", "1"), KeyValueRow("quantity", "1")]))
        #expect(order.auth == .apiKey(name: "X-API-Key", value: "{{apiKey}}", location: .header))

        let health = try Self.request("GET /health", in: imported).template
        #expect(health.auth == Auth.none)

        #expect(imported.warnings.map(\.description) == [
            "paths./pets.get.parameters.session: cookie parameters are not carried over; add a Cookie header if the server needs 'session'",
            "components.securitySchemes.oauth: OAuth 2.0 is not supported yet; requests that use it have no auth (set a bearer token by hand)",
        ])
    }

    @Test func eventsInOpenAPI31JSON() throws {
        let imported = try OpenAPIImport.parse(try Self.fixture("events-3.1.json"))
        let collection = imported.collection
        #expect(collection.name == "Events API")
        #expect(collection.auth == Auth.none)
        #expect(collection.variables == [Variable("baseUrl", "http://localhost"), Variable("eventId", "")])
        #expect(collection.environments.isEmpty)
        #expect(collection.folderPaths == [""])

        let create = try Self.request("Create an event", in: imported).template
        #expect(create.body == .json("""
        {
          "kind": "launch",
          "title": "Launch party"
        }
        """), "the first of the examples, through its $ref")

        let list = try Self.request("listEvents", in: imported).template
        #expect(list.url == "{{baseUrl}}/events")
        #expect(list.params == [KeyValueRow("since", "2026-03-01T00:00:00Z", isEnabled: false), KeyValueRow("tags", "music,tech")])

        let tickets = try Self.request("replaceTickets", in: imported).template
        #expect(tickets.method == .put)
        #expect(tickets.url == "{{baseUrl}}/events/{{eventId}}/tickets")
        #expect(tickets.body == .raw(text: """
        {
          "price": 1,
          "seat": {
            "row": 1,
            "number": 0
          },
          "holder": {
            "name": "string",
            "manager": {}
          },
          "notes": "string"
        }
        """, contentType: "application/merge-patch+json"), "nullable type arrays keep their type, oneOf/anyOf take the first choice, recursion stops")

        let upload = try Self.request("upload", in: imported).template
        #expect(upload.body == .multipart([
            MultipartPart(name: "caption", content: .text("Stage")),
            MultipartPart(name: "file", content: .file(path: ""), isEnabled: false),
        ]))

        #expect(imported.warnings.map(\.description) == [
            "servers: the document names no server: baseUrl is http://localhost, change it to where the API runs",
        ])
    }

    @Test func theImportedCollectionIsWrittenAndReadBack() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let imported = try OpenAPIImport.parse(try Self.fixture("events-3.1.json"))
        try imported.write(to: temporary.path("events"), secretStore: SecretStore(folder: temporary.path("secrets")))
        let loaded = try CollectionStore.load(temporary.path("events"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection.allRequests.map(\.template.body).sorted { "\($0)" < "\($1)" } == imported.collection.allRequests.map(\.template.body).sorted { "\($0)" < "\($1)" })
    }

    @Test func securityAlternativesAndServerNames() throws {
        let spec = """
        openapi: 3.0.0
        info: {title: Auth, version: "1"}
        servers:
          - url: /api
          - url: https://staging.example.com
            description: Staging
          - url: https://other.example.com
            description: Staging
        security:
          - negotiate: []
          - {}
        paths:
          /basic:
            get:
              security: [{basic: []}]
              responses: {'200': {description: ok}}
          /query-key:
            get:
              security: [{negotiate: [], queryKey: []}]
              responses: {'200': {description: ok}}
          /cookie-key:
            get:
              security: [{cookieKey: []}]
              responses: {'200': {description: ok}}
        components:
          securitySchemes:
            basic: {type: http, scheme: basic}
            negotiate: {type: http, scheme: negotiate}
            queryKey: {type: apiKey, in: query, name: api_key}
            cookieKey: {type: apiKey, in: cookie, name: session_key}
        """
        let imported = try OpenAPIImport.parse(spec)
        #expect(imported.collection.auth == Auth.none, "negotiate cannot be sent, and {} makes auth optional")
        #expect(try Self.request("GET /basic", in: imported).template.auth == .basic(username: "{{username}}", password: "{{password}}"))
        #expect(try Self.request("GET /query-key", in: imported).template.auth == .apiKey(name: "api_key", value: "{{apiKey}}", location: .query))
        #expect(try Self.request("GET /cookie-key", in: imported).template.auth == .apiKey(name: "session_key", value: "{{apiKey}}", location: .cookie))
        #expect(imported.collection.variables.map(\.name) == ["baseUrl", "username", "password", "apiKey"])
        #expect(imported.collection.variables.filter(\.isSecret).map(\.name) == ["password", "apiKey"])
        #expect(imported.collection.variables.first?.value == "http://localhost/api")
        #expect(imported.collection.environments.map(\.name) == ["localhost", "staging", "staging-2"])
        #expect(imported.warnings.map(\.description) == [
            "servers[0]: the server URL '/api' is relative to where the document is served; it was made http://localhost/api",
            "components.securitySchemes.negotiate: HTTP 'negotiate' authentication is not supported (basic, digest and bearer are); requests that use it have no auth",
            "paths./query-key.get.security: the API asks for 'negotiate' and 'queryKey' together; only 'queryKey' was applied",
        ])
    }

    @Test func aSpecWithThousandsOfOperationsImports() throws {
        let spec = Self.generatedSpec(operations: 3_000)
        let imported = try OpenAPIImport.parse(spec)
        #expect(imported.collection.root.allRequestCount == 3_000)
        #expect(imported.collection.folderPaths.count == 1 + 30)
        #expect(imported.warnings.isEmpty)
        let last = try Self.request("Update item 2999", in: imported).template
        #expect(last.url == "{{baseUrl}}/resources-29/items/{{itemId}}/variant-2999")
        #expect(last.body == .json("{\n  \"name\": \"string\",\n  \"count\": 0\n}"))
    }

    /// A JSON spec of `operations` operations over 30 tags, each with a path parameter, a query
    /// parameter and (every other one) a body from a shared schema.
    static func generatedSpec(operations: Int) -> String {
        var paths: [String] = []
        for index in 0..<operations {
            let method = index.isMultiple(of: 2) ? "get" : "patch"
            let body = method == "patch" ? ##", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}"## : ""
            paths.append("""
            "/resources-\(index % 30)/items/{itemId}/variant-\(index)": {"\(method)": {"tags": ["resources-\(index % 30)"], "summary": "\(method == "get" ? "Read" : "Update") item \(index)", \
            "parameters": [{"name": "itemId", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "page", "in": "query", "schema": {"type": "integer", "default": 1}}]\(body), \
            "responses": {"200": {"description": "ok"}}}}
            """)
        }
        return """
        {"openapi": "3.1.0", "info": {"title": "Big", "version": "1"}, "servers": [{"url": "https://big.example"}],
        "paths": {\(paths.joined(separator: ",\n"))},
        "components": {"schemas": {"Item": {"type": "object", "properties": {"name": {"type": "string"}, "count": {"type": "integer"}}}}}}
        """
    }

    @Test("broken documents are refused with where they are broken", arguments: [
        ("openapi: 3.0.0\ninfo: {title: x\npaths: {}\n", "invalid YAML at line 3"),
        ("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"x\",}}", "invalid JSON at line 1, column 44"),
        ("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "Swagger 2 (OpenAPI 2.0) documents are not supported"),
        ("{\"swagger\": \"2.0\", \"paths\": {}}", "Swagger 2 (OpenAPI 2.0) documents are not supported"),
        ("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "OpenAPI version '4.0.0' is not supported"),
        ("title: not a spec\n", "not an OpenAPI document"),
        ("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /users:\n    get:\n      responses: 12\n", "invalid OpenAPI document at line 6 (paths./users.get.responses)"),
    ])
    func brokenDocuments(text: String, expected: String) {
        #expect {
            _ = try OpenAPIImport.parse(text)
        } throws: { error in
            guard let error = error as? PorticoError else { return false }
            return error.kind == .input && error.message.hasPrefix(expected)
        }
    }
}
