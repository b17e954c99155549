import Foundation
import PorticoCore
import Testing

@Suite("Insomnia import")
struct InsomniaImportTests {
    static func shop() throws -> ImportedCollection {
        try InsomniaImport.parse(importFixture("insomnia/shop.insomnia.json"))
    }

    @Test func requestGroupsBecomeFolders() throws {
        let imported = try Self.shop()
        #expect(imported.collection.name == "Shop (Insomnia)")
        #expect(imported.collection.description == "The shop, as kept in Insomnia.")
        #expect(imported.collection.auth == Auth.none)
        #expect(imported.collection.folderPaths == ["", "Users", "Users/Admin"])
        #expect(imported.collection.allRequests.map(\.relativePath) == [
            "ping.yaml", "upload-file.yaml", "Users/create-user.yaml", "Users/list-users.yaml",
            "Users/Admin/sso-login.yaml", "Users/Admin/upload-avatar.yaml",
        ])
    }

    @Test func requestsWithTheirTemplatesBodiesAndAuth() throws {
        let imported = try Self.shop()
        // The folder's bearer token reaches the request that sets no auth of its own.
        let create = try imported.request("Create user")
        #expect(create == sameID(RequestTemplate(
            name: "Create user", description: "Creates a user.", method: .post, url: "{{base_url}}/users",
            headers: [
                KeyValueRow("Content-Type", "application/json"),
                KeyValueRow("X-Request-Token", "{% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %}", isEnabled: false),
            ],
            body: .json("{\n  \"id\": \"{{$uuid}}\",\n  \"name\": \"Ada\",\n  \"at\": \"{{$isoTimestamp}}\"\n}")), as: create))
        #expect(imported.collection.folder(at: "Users")?.auth == .bearer(token: "{{user_token}}"))
        #expect(imported.collection.effectiveAuth(of: create) == .bearer(token: "{{user_token}}"))
        let list = try imported.request("List users")
        #expect(list == sameID(RequestTemplate(
            name: "List users", url: "{{base_url}}/users",
            params: [KeyValueRow("page", "{{paging.first}}"), KeyValueRow("q", "a b&c", isEnabled: false)],
            auth: .apiKey(name: "api_key", value: "{{apiKey}}", location: .query)), as: list))
        let avatar = try imported.request("Upload avatar")
        #expect(avatar == sameID(RequestTemplate(
            name: "Upload avatar", method: .put, url: "{{base_url}}/users/{{user_id}}/avatar",
            body: .multipart([
                MultipartPart(name: "caption", content: .text("Me \\{{ _.user_id | upper }}")),
                MultipartPart(name: "image", content: .file(path: "/home/ada/avatar.png")),
            ]),
            auth: .basic(username: "admin", password: "{{password}}")), as: avatar))
        let sso = try imported.request("SSO login")
        #expect(sso.body == .formURLEncoded([KeyValueRow("user", "{{user_id}}"), KeyValueRow("remember", "1", isEnabled: false)]))
        #expect(sso.auth == .oauth2(OAuth2Settings(grant: .authorizationCode, tokenURL: "https://auth.example.com/token", clientID: "")))
        let ping = try imported.request("Ping")
        #expect(ping == sameID(RequestTemplate(name: "Ping", url: "{{base_url}}/ping", body: .raw(text: "ping", contentType: "text/plain"), auth: Auth.none), as: ping))
        let upload = try imported.request("Upload file")
        #expect(upload == sameID(RequestTemplate(name: "Upload file", method: .post, url: "{{base_url}}/files", body: .binaryFile(path: "/home/ada/data.bin", contentType: nil)), as: upload))
    }

    @Test func environmentsBecomeVariablesAndEnvironments() throws {
        let imported = try Self.shop()
        #expect(imported.collection.variables == [
            Variable("base_url", "https://shop.example.com/api"), Variable("paging.first", "1"), Variable("paging.size", "20"),
            Variable("apiKey", nil, isSecret: true), Variable("password", nil, isSecret: true),
        ])
        #expect(imported.collection.environments == [
            Environment(name: "Staging", variables: [Variable("base_url", "https://staging.shop.example.com/api"), Variable("user_id", "u-7")]),
            Environment(name: "My keys", variables: [Variable("user_token", nil, isSecret: true)]),
        ])
        #expect(Set(imported.secrets) == [
            ImportedSecret(name: "user_token", environment: "My keys", value: "my-private-token"),
            ImportedSecret(name: "apiKey", environment: nil, value: "ins-key-99"),
            ImportedSecret(name: "password", environment: nil, value: "adm1n-pw"),
        ])
    }

    @Test func whatIsNotImportedIsWarnedWithItsPlace() throws {
        #expect(try Self.shop().warnings.map(\.description) == [
            "Users/Create user: Insomnia tag {% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %} not imported; it is kept as literal text",
            "Users/List users: pre-request script not imported",
            "Users/Admin: folder environment not imported (Portico folders have no variables)",
            "Users/Admin/Upload avatar: Insomnia expression {{ _.user_id | upper }} not imported; it is kept as literal text",
            "Users/Admin/SSO login: OAuth 2.0 authorization code: Portico's redirect URI is http://127.0.0.1:<port>/callback (set redirectPort); register it with the provider",
            "cookie jar: 1 cookie not imported",
            "workspace: API spec not imported",
        ])
    }

    @Test func writtenFilesHoldNoSecret() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let secrets = SecretStore(folder: temporary.path("secrets"))
        try Self.shop().write(to: temporary.path("shop"), secretStore: secrets)
        for file in temporary.allFiles() where file.hasPrefix("shop/") {
            let text = try temporary.text(file)
            for secret in ["my-private-token", "ins-key-99", "adm1n-pw"] {
                #expect(!text.contains(secret), "\(file) holds \(secret)")
            }
        }
        let loaded = try CollectionStore.load(temporary.path("shop"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(try secrets.applying(to: loaded.collection).environment(named: "My keys")?.variables.first?.value == "my-private-token")
    }

    @Test func errorsSayWhatWasExpected() {
        func message(_ text: String) -> String {
            do {
                _ = try InsomniaImport.parse(text)
                return "no error"
            } catch {
                return error.message
            }
        }
        #expect(message("{\"_type\": \"export\",\n \"resources\": [}").hasPrefix("the export is not JSON: line 2, column"))
        #expect(message(#"{"_type": "export", "__export_format": 3, "resources": []}"#).hasPrefix("Insomnia export format 3 is not supported"))
        #expect(message(#"{"info": {}, "item": []}"#).hasPrefix("this is not an Insomnia export"))
        #expect(message("type: collection.insomnia.rest/5.0\nname: Shop\n").hasPrefix("this is an Insomnia v5 (YAML) export"))
    }

    @Test func survivesMutatedExports() throws {
        let seed = try importFixture("insomnia/shop.insomnia.json")
        var random = SeededRandom(seed: 0x5EED_0F0B)
        var imported = 0
        for _ in 0..<1500 {
            if (try? InsomniaImport.parse(random.mutate(seed))) != nil { imported += 1 }
        }
        #expect(imported > 0, "some mutations still import, so the importer itself was reached")
    }

    /// An Insomnia export with one request whose body is `body` (the JSON of its `body` member).
    private static func exportWith(body: String) throws -> RequestTemplate {
        let export = """
        {"_type": "export", "__export_format": 4, "resources": [
          {"_id": "wrk_1", "parentId": null, "name": "G", "_type": "workspace"},
          {"_id": "req_1", "parentId": "wrk_1", "name": "Query", "method": "POST", "url": "{{ _.base }}/graphql", "body": \(body), "_type": "request"}
        ]}
        """
        return try InsomniaImport.parse(export).request("Query")
    }

    @Test("a GraphQL body becomes a GraphQL body: query, variables and operation name, templates converted")
    func graphQL() throws {
        let query = try Self.exportWith(body: #"{"mimeType": "application/graphql", "text": "{\"query\":\"query U($id: Int!) { user(id: $id) { name } }\",\"variables\":{\"id\":\"{{ _.user_id }}\"},\"operationName\":\"U\"}"}"#)
        #expect(query.body == .graphQL(GraphQLBody(query: "query U($id: Int!) { user(id: $id) { name } }", variables: "{\n  \"id\": \"{{user_id}}\"\n}", operationName: "U")))
        let bare = try Self.exportWith(body: #"{"mimeType": "application/graphql", "text": "{\"query\":\"{ users { id } }\",\"variables\":{}}"}"#)
        #expect(bare.body == .graphQL(GraphQLBody(query: "{ users { id } }")))
    }
}
