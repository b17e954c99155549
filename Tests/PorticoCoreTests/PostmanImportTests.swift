import Foundation
import PorticoCore
import Testing

/// Reads a hand-written export under `Fixtures/`.
func importFixture(_ path: String) throws -> String {
    try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + path), encoding: .utf8)
}

extension ImportedCollection {
    /// The imported request named `name`, its id put into `expected` so the two compare whole.
    func request(_ name: String) throws -> RequestTemplate {
        try #require(collection.allRequests.first { $0.template.name == name }?.template, "no request \(name)")
    }
}

/// `expected` with the id of `actual`, which an import makes up.
func sameID(_ expected: RequestTemplate, as actual: RequestTemplate) -> RequestTemplate {
    var expected = expected
    expected.id = actual.id
    return expected
}

@Suite("Postman import")
struct PostmanImportTests {
    static func shop() throws -> ImportedCollection {
        try PostmanImport.parse(
            importFixture("postman/shop.postman_collection.json"),
            environments: [(source: "staging.json", text: try importFixture("postman/staging.postman_environment.json"))])
    }

    @Test func foldersAndRequestPaths() throws {
        let imported = try Self.shop()
        #expect(imported.collection.name == "Shop API")
        #expect(imported.collection.description == "Orders and users of the **shop**.")
        #expect(imported.collection.folderPaths == ["", "Orders", "Users", "Users/Admin"])
        #expect(imported.collection.allRequests.map(\.relativePath) == [
            "health.yaml", "Orders/add-note.yaml", "Orders/export-order.yaml", "Orders/order-by-graphql.yaml",
            "Orders/order-status-page.yaml", "Orders/refund.yaml", "Orders/search-orders.yaml", "Orders/upload-invoice.yaml",
            "Orders/upload-receipt.yaml", "Users/list-users.yaml", "Users/Admin/create-user.yaml", "Users/Admin/delete-user.yaml",
        ])
        #expect(imported.summary == "12 requests, 3 folders, 1 environment, 5 secrets (kept in the secret store), 11 warnings")
    }

    @Test func requestsWithURLsRowsAndAuthAtEachLevel() throws {
        let imported = try Self.shop()
        // The collection's basic auth; its password moved to the secret store.
        #expect(imported.collection.auth == .basic(username: "ada", password: "{{password}}"))
        let list = try imported.request("List users")
        #expect(list == sameID(RequestTemplate(
            name: "List users", description: "Lists users, newest first.", method: .get,
            url: "{{baseUrl}}/users?page=1&per_page={{pageSize}}", params: [KeyValueRow("sort", "name", isEnabled: false)],
            headers: [KeyValueRow("Accept", "application/json"), KeyValueRow("X-Debug", "1", isEnabled: false)]), as: list))
        // Folder auth stays on the folder (its _folder.yaml); the requests inherit it.
        #expect(imported.collection.folder(at: "Users")?.auth == .apiKey(name: "X-Api-Key", value: "{{apiKey}}", location: .header))
        #expect(imported.collection.effectiveAuth(of: list) == .apiKey(name: "X-Api-Key", value: "{{apiKey}}", location: .header))
        let create = try imported.request("Create user")
        #expect(create == sameID(RequestTemplate(
            name: "Create user", method: .post, url: "{{baseUrl}}/users", headers: [KeyValueRow("Content-Type", "application/json")],
            body: .json("{\n    \"id\": \"{{$uuid}}\",\n    \"name\": \"Ada Lovelace\",\n    \"createdAt\": {{$timestamp}}\n}"),
            auth: .bearer(token: "{{token}}")), as: create))
        // "inherit" in a sub-folder reaches the Users folder's API key; the path variable is filled in.
        let delete = try imported.request("Delete user")
        #expect(delete == sameID(RequestTemplate(name: "Delete user", method: .delete, url: "{{baseUrl}}/users/{{userId}}"), as: delete))
        #expect(imported.collection.effectiveAuth(of: delete) == .apiKey(name: "X-Api-Key", value: "{{apiKey}}", location: .header))
        // Orders says "No auth": its requests must not send the collection's password.
        #expect(imported.collection.folder(at: "Orders")?.auth == Auth.none)
        #expect(imported.collection.effectiveAuth(of: try imported.request("Search orders")) == Auth.none)
        #expect(try imported.request("Refund").auth == .oauth2(OAuth2Settings(
            grant: .clientCredentials, tokenURL: "https://auth.example.com/token", clientID: "shop-cli", clientSecret: "{{clientSecret}}", clientAuthentication: .body)))
        #expect(try imported.request("Health") == sameID(RequestTemplate(name: "Health", url: "{{baseUrl}}/health"), as: imported.request("Health")))
    }

    @Test func everyBodyKind() throws {
        let imported = try Self.shop()
        let search = try imported.request("Search orders")
        #expect(search.url == "{{baseUrl}}/orders/search?limit={{$randomInt 0 1000}}&email=\\{{$randomEmail}}")
        #expect(search.body == .formURLEncoded([KeyValueRow("q", "{{query}}"), KeyValueRow("status", "open"), KeyValueRow("debug", "1", isEnabled: false)]))
        #expect(try imported.request("Upload invoice").body == .multipart([
            MultipartPart(name: "orderId", content: .text("{{orderId}}")),
            MultipartPart(name: "invoice", content: .file(path: "/home/ada/invoices/2024-001.pdf"), contentType: "application/pdf"),
            MultipartPart(name: "attachments", content: .file(path: "/home/ada/a.png")),
            MultipartPart(name: "attachments", content: .file(path: "/home/ada/b.png")),
            MultipartPart(name: "signature", content: .file(path: ""), isEnabled: false),
            MultipartPart(name: "note", content: .text("{\"rush\": true}"), contentType: "application/json", isEnabled: false),
        ]))
        let receipt = try imported.request("Upload receipt")
        #expect(receipt.method == .put)
        #expect(receipt.headers == [KeyValueRow("Content-Type", "image/png")])
        #expect(receipt.body == .binaryFile(path: "receipts/r-1.png", contentType: nil))
        #expect(try imported.request("Export order").body == .xml("<export><order id=\"{{orderId}}\"/></export>"))
        // An unclosed {{ was text in Postman and stays text.
        #expect(try imported.request("Add note").body == .raw(text: "Deliver after 5pm \\{{ not a var", contentType: "text/plain"))
        #expect(try imported.request("Order status page").body == .raw(text: "<p>Order {{orderId}}</p>", contentType: "text/html"))
        #expect(try imported.request("Order by GraphQL").body == .graphQL(GraphQLBody(
            query: "query Order($id: ID!) {\n  order(id: $id) { id total }\n}", variables: #"{"id": "{{orderId}}"}"#)))
        for stored in imported.collection.allRequests {
            #expect(throws: Never.self, "\(stored.relativePath) renders") { try Template(parsing: stored.template.url) }
        }
    }

    @Test func variablesEnvironmentsAndSecrets() throws {
        let imported = try Self.shop()
        #expect(imported.collection.variables == [
            Variable("baseUrl", "https://shop.example.com/api"), Variable("pageSize", "20"), Variable("user_id", "42"),
            Variable("userId", "{{user_id}}"),
            Variable("password", nil, isSecret: true), Variable("clientSecret", nil, isSecret: true), Variable("apiKey", nil, isSecret: true),
            Variable("token", nil, isSecret: true),
        ])
        #expect(imported.collection.environments == [Environment(name: "Staging", variables: [
            Variable("baseUrl", "https://staging.shop.example.com/api"), Variable("apiToken", nil, isSecret: true), Variable("orderId", "o-1001"),
        ])])
        #expect(Set(imported.secrets) == [
            ImportedSecret(name: "apiToken", environment: "Staging", value: "stg-tok-31337"),
            ImportedSecret(name: "password", environment: nil, value: "s3cret-pw"),
            ImportedSecret(name: "apiKey", environment: nil, value: "users-key-42"),
            ImportedSecret(name: "token", environment: nil, value: "admin-token-7"),
            ImportedSecret(name: "clientSecret", environment: nil, value: "cs-postman-42"),
        ])
    }

    @Test func whatIsNotImportedIsWarnedWithItsPlace() throws {
        #expect(try Self.shop().warnings.map(\.description) == [
            "collection: test script not imported",
            "collection variable legacyHost: disabled in Postman; not imported",
            "collection variable user id: variable 'user id' is renamed 'user_id' (a Portico name holds letters, digits, '_', '-' and '.')",
            "Users: folder description not imported (Portico folders have none)",
            "Users/List users: 1 saved example response not imported",
            "Users/Admin/Create user: test script not imported",
            "Orders: pre-request script not imported",
            "Orders/Search orders: Postman dynamic variable {{$randomEmail}} has no Portico equivalent; it is kept as literal text",
            "Orders/Upload invoice: form field 'signature' has no file chosen; imported switched off",
            "Health: Postman request settings not imported: disableBodyPruning",
            "environment Staging/debugHost: disabled in Postman; not imported",
        ])
    }

    @Test func writtenFilesHoldNoSecretAndLoadBack() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let imported = try Self.shop()
        let secrets = SecretStore(folder: temporary.path("secrets"))
        try imported.write(to: temporary.path("shop"), secretStore: secrets)
        for file in temporary.allFiles() where file.hasPrefix("shop/") {
            let text = try temporary.text(file)
            for secret in ["s3cret-pw", "users-key-42", "admin-token-7", "stg-tok-31337"] {
                #expect(!text.contains(secret), "\(file) holds \(secret)")
            }
        }
        let loaded = try CollectionStore.load(temporary.path("shop"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection.allRequests.count == 12)
        #expect(try loaded.collection.request(at: "Users/Admin/create-user.yaml")?.template == imported.request("Create user"))
        let withSecrets = try secrets.applying(to: loaded.collection)
        #expect(withSecrets.environment(named: "Staging")?.variables.first { $0.name == "apiToken" }?.value == "stg-tok-31337")
        #expect(withSecrets.variables.first { $0.name == "password" }?.value == "s3cret-pw")
    }

    @Test func version2Point0() throws {
        let imported = try PostmanImport.parse(importFixture("postman/legacy.postman_collection_v2.0.json"))
        #expect(imported.collection.name == "Legacy Billing")
        #expect(imported.collection.description == "The old billing API.")
        #expect(imported.collection.auth == .basic(username: "billing", password: "{{password}}"))
        #expect(imported.secrets == [ImportedSecret(name: "password", environment: nil, value: "b1ll-pw"), ImportedSecret(name: "password2", environment: nil, value: "aud1t")])
        #expect(imported.collection.allRequests.map(\.relativePath) == ["ping.yaml", "Invoices/audit-log.yaml", "Invoices/pay-invoice.yaml"])
        #expect(try imported.request("Ping") == sameID(RequestTemplate(name: "Ping", url: "https://billing.example.com/ping"), as: imported.request("Ping")))
        let pay = try imported.request("Pay invoice")
        #expect(pay == sameID(RequestTemplate(
            name: "Pay invoice", description: "Pays an invoice in full.", method: .post, url: "https://billing.example.com/invoices/{{invoice}}/pay",
            headers: [KeyValueRow("Content-Type", "application/x-www-form-urlencoded")],
            body: .formURLEncoded([KeyValueRow("amount", "{{$randomInt 0 1000}}")]), auth: .bearer(token: "{{billingToken}}")), as: pay))
        let audit = try imported.request("Audit log")
        #expect(audit.headers == [KeyValueRow("Accept", "text/csv"), KeyValueRow("X-Trace", "on")])
        #expect(audit.auth == .digest(username: "auditor", password: "{{password2}}"), "the realm comes from the server's challenge")
        #expect(imported.warnings.isEmpty)
    }

    @Test func errorsSayWhatWasExpected() throws {
        func message(_ text: String, environments: [(source: String, text: String)] = []) -> String {
            do {
                _ = try PostmanImport.parse(text, environments: environments)
                return "no error"
            } catch {
                return error.message
            }
        }
        #expect(message("{\n  \"info\": ,\n}") == "the collection is not JSON: line 2, column 11: expected a JSON value but found ','")
        #expect(message(#"{"id": "a1", "name": "Old", "order": [], "requests": []}"#).contains("Postman v1 collection, which is not supported"))
        #expect(message(#"{"info": {"name": "Old", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []}"#).contains("export it again as Collection v2.1"))
        #expect(message(#"{"name": "Staging", "values": []}"#).contains("this is a Postman environment, not a collection"))
        #expect(message(#"{"openapi": "3.0.3", "paths": {}}"#).hasPrefix("this is not a Postman collection: expected a JSON object with \"info\""))
        let collection = #"{"info": {"name": "A"}, "item": []}"#
        #expect(message(collection, environments: [(source: "env.json", text: collection)]).hasPrefix("env.json is not a Postman environment"))
        #expect(message(collection, environments: [(source: "env.json", text: "[")]).hasPrefix("env.json is not JSON: line 1"))
    }

    @Test func survivesMutatedCollections() throws {
        let seed = try importFixture("postman/shop.postman_collection.json")
        let environment = try importFixture("postman/staging.postman_environment.json")
        var random = SeededRandom(seed: 0x5EED_0F0A)
        var imported = 0
        for _ in 0..<1500 {
            if (try? PostmanImport.parse(random.mutate(seed), environments: [(source: "env", text: random.mutate(environment))])) != nil { imported += 1 }
        }
        #expect(imported > 0, "some mutations still import, so the importer itself was reached")
    }
}
