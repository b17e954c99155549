import Foundation
import PorticoCore
import Testing

@Suite("Writing an imported collection")
struct CollectionImportTests {
    @Test func namesFromOtherToolsBecomeValidUniqueFoldersAndFiles() {
        var builder = CollectionBuilder(name: "Shop\nAPI")
        let first = builder.addFolder(named: "Users / Admin")
        let second = builder.addFolder(named: "users - admin")
        let hidden = builder.addFolder(named: "..secret", in: first)
        builder.addRequest(RequestTemplate(name: "List\nusers", url: "http://x/users"), in: first)
        builder.addRequest(RequestTemplate(name: "List users", url: "http://x/users?page=2"), in: first)
        builder.addRequest(RequestTemplate(name: "", url: "http://x/"))
        let imported = builder.finish()
        #expect(imported.collection.name == "Shop API")
        #expect(first == "Users - Admin")
        #expect(second == "users - admin 2")
        #expect(hidden == "Users - Admin/secret")
        #expect(imported.collection.allRequests.map(\.relativePath).sorted() == ["Users - Admin/list-users-2.yaml", "Users - Admin/list-users.yaml", "request.yaml"])
        #expect(imported.collection.allRequests.map(\.template.name).sorted() == ["List users", "List users", "Request"])
    }

    @Test func credentialsWrittenInClearBecomeSecretVariables() {
        var builder = CollectionBuilder(name: "Shop")
        builder.update { $0.auth = .bearer(token: "abc123") }
        builder.addRequest(RequestTemplate(name: "One", url: "http://x/", headers: [KeyValueRow("Authorization", "Basic dXNlcjpwdw=="), KeyValueRow("Accept", "text/plain")], auth: .basic(username: "ann", password: "pw")))
        builder.addRequest(RequestTemplate(name: "Two", url: "http://x/", auth: .bearer(token: "abc123")))
        builder.addRequest(RequestTemplate(name: "Three", url: "http://x/", auth: .apiKey(name: "X-Key", value: "{{key}}", location: .header)))
        let imported = builder.finish()
        let requests = ["One", "Two", "Three"].compactMap { name in imported.collection.allRequests.first { $0.template.name == name }?.template }
        #expect(imported.collection.auth == .bearer(token: "{{token}}"))
        #expect(requests[0].auth == .basic(username: "ann", password: "{{password}}"))
        #expect(requests[0].headers == [KeyValueRow("Authorization", "{{authorization}}"), KeyValueRow("Accept", "text/plain")])
        #expect(requests[1].auth == .bearer(token: "{{token}}"), "the same value is kept once")
        #expect(requests[2].auth == .apiKey(name: "X-Key", value: "{{key}}", location: .header), "a reference stays a reference")
        #expect(Set(imported.secrets.map(\.value)) == ["abc123", "pw", "Basic dXNlcjpwdw=="])
        #expect(imported.collection.variables.filter(\.isSecret).map(\.name).sorted() == ["authorization", "password", "token"])
        #expect(imported.collection.variables.allSatisfy { $0.value == nil })
    }

    @Test func formFieldsAndQueryParametersNamedLikeCredentialsBecomeSecrets() {
        var builder = CollectionBuilder(name: "Shop")
        builder.addRequest(RequestTemplate(name: "Login", method: .post, url: "http://x/login", params: [KeyValueRow("api_key", "k-1"), KeyValueRow("page", "2")],
                                           body: .formURLEncoded([KeyValueRow("user", "ann"), KeyValueRow("password", "pw-9")])))
        builder.addRequest(RequestTemplate(name: "Upload", method: .post, url: "http://x/up",
                                           body: .multipart([MultipartPart(name: "client secret", content: .text("cs-3")), MultipartPart(name: "token", content: .file(path: "t.txt"))])))
        let imported = builder.finish()
        let login = imported.collection.allRequests.first { $0.template.name == "Login" }?.template
        #expect(login?.params == [KeyValueRow("api_key", "{{api_key}}"), KeyValueRow("page", "2")])
        #expect(login?.body == .formURLEncoded([KeyValueRow("user", "ann"), KeyValueRow("password", "{{password}}")]))
        let upload = imported.collection.allRequests.first { $0.template.name == "Upload" }?.template
        #expect(upload?.body == .multipart([MultipartPart(name: "client secret", content: .text("{{clientSecret}}")), MultipartPart(name: "token", content: .file(path: "t.txt"))]),
                "a file part's path is not a credential")
        #expect(Set(imported.secrets.map(\.value)) == ["k-1", "pw-9", "cs-3"])
    }

    @Test func writesTheFolderAndSecretsButNoCredentialInTheFiles() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        var builder = CollectionBuilder(name: "Shop")
        builder.addVariable("host", "shop.example")
        builder.addVariable("password", "staging-pw", isSecret: true, environment: "staging")
        let folder = builder.addFolder(named: "Orders")
        builder.addRequest(RequestTemplate(name: "Create", method: .post, url: "https://{{host}}/orders", auth: .bearer(token: "tok-9f2")), in: folder)
        let imported = builder.finish()
        let secrets = SecretStore(folder: temporary.path("secrets"))
        try imported.write(to: temporary.path("shop"), secretStore: secrets)

        let loaded = try CollectionStore.load(temporary.path("shop"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.collection.allRequests.map(\.relativePath) == ["Orders/create.yaml"])
        let withSecrets = try secrets.applying(to: loaded.collection)
        #expect(withSecrets.variables.first { $0.name == "token" }?.value == "tok-9f2")
        #expect(withSecrets.environment(named: "staging")?.variables.first { $0.name == "password" }?.value == "staging-pw")
        let files = try FileManager.default.subpathsOfDirectory(atPath: temporary.path("shop").path)
        for file in files where file.hasSuffix(".yaml") {
            let text = try temporary.text("shop/" + file)
            #expect(!text.contains("tok-9f2") && !text.contains("staging-pw"), "\(file) holds a secret")
        }
        // The key that seals the secrets sits beside their folder (SecretStore(folder:) puts it there).
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).sorted() == ["secret.key", "secrets", "shop"], "no staging folder is left")
    }

    @Test func refusesAFolderThatHoldsSomethingAndLeavesItAlone() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try temporary.write("mine", to: "shop/notes.txt")
        var builder = CollectionBuilder(name: "Shop")
        builder.addRequest(RequestTemplate(name: "One", url: "http://x/"))
        #expect(throws: PorticoError.self) { try builder.finish().write(to: temporary.path("shop"), secretStore: SecretStore(folder: temporary.path("secrets"))) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path("shop").path) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["shop"])
    }

    @Test func aFailedWriteLeavesNothingHalfWritten() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        // The secret store cannot be written (its folder is a file), after the collection's files were.
        try temporary.write("not a folder", to: "secrets")
        var builder = CollectionBuilder(name: "Shop")
        builder.addRequest(RequestTemplate(name: "One", url: "http://x/", auth: .bearer(token: "t")))
        #expect(throws: PorticoError.self) { try builder.finish().write(to: temporary.path("shop"), secretStore: SecretStore(folder: temporary.path("secrets"))) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["secrets"])
    }
}
