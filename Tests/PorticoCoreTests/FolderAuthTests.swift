import Foundation
@testable import PorticoCore
import Testing

/// Auth set on a folder (its `_folder.yaml`) is inherited by the requests inside, the nearest
/// folder winning, unless a request sets its own.
@Suite("Folder auth")
struct FolderAuthTests {
    private func collection() -> Collection {
        var collection = Collection(id: "c", name: "c", auth: .bearer(token: "collection-token"))
        let inherit = RequestTemplate(id: "in-admin", name: "inherit", url: "http://h/a")
        var own = RequestTemplate(id: "own", name: "own", url: "http://h/b")
        own.auth = .apiKey(name: "X-Key", value: "k", location: .header)
        var admin = RequestGroup(name: "admin", requests: [StoredRequest(relativePath: "admin/inherit.yaml", template: inherit),
                                                           StoredRequest(relativePath: "admin/own.yaml", template: own)])
        admin.auth = .basic(username: "root", password: "{{adminPassword}}")
        var deep = RequestGroup(name: "deep", requests: [StoredRequest(relativePath: "admin/deep/public.yaml", template: RequestTemplate(id: "deep", name: "public", url: "http://h/c"))])
        deep.auth = .none
        admin.groups = [deep, RequestGroup(name: "plain", requests: [StoredRequest(relativePath: "admin/plain/x.yaml", template: RequestTemplate(id: "plain", name: "x", url: "http://h/d"))])]
        collection.root = RequestGroup(name: "", groups: [admin], requests: [StoredRequest(relativePath: "top.yaml", template: RequestTemplate(id: "top", name: "top", url: "http://h/e"))])
        return collection
    }

    @Test func theNearestFolderWithAuthWins() throws {
        let collection = collection()
        func inherited(_ id: String) -> (Auth, String?) {
            let result = collection.inheritedAuth(for: collection.allRequests.first { $0.template.id == id }!.template)
            return (result.auth, result.folder)
        }
        #expect(inherited("in-admin") == (.basic(username: "root", password: "{{adminPassword}}"), "admin"))
        #expect(inherited("plain") == (.basic(username: "root", password: "{{adminPassword}}"), "admin"), "a folder without auth passes its parent's on")
        #expect(inherited("deep") == (.none, "admin/deep"), "auth: none in a folder stops the inheritance")
        #expect(inherited("top") == (.bearer(token: "collection-token"), nil))
        #expect(collection.inheritedAuth(for: RequestTemplate(name: "new", url: "x")).auth == .bearer(token: "collection-token"))

        let scope = try VariableScope.make(collection: collection, environmentName: nil, overrides: [Variable("adminPassword", "pw")])
        let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: URL(fileURLWithPath: "/"))
        let admin = try renderer.render(collection.allRequests.first { $0.template.id == "in-admin" }!.template)
        #expect(admin.headers.first(named: "Authorization") == "Basic " + Data("root:pw".utf8).base64EncodedString())
        let own = try renderer.render(collection.allRequests.first { $0.template.id == "own" }!.template)
        #expect(own.headers.first(named: "Authorization") == nil && own.headers.first(named: "X-Key") == "k")
        let deep = try renderer.render(collection.allRequests.first { $0.template.id == "deep" }!.template)
        #expect(deep.headers.first(named: "Authorization") == nil)
    }

    @Test func exportsGiveAnInheritingRequestItsFoldersAuth() throws {
        let collection = collection()
        let markdown = MarkdownExport.document(collection)
        #expect(markdown.contains("**Auth:** the folder `admin/`'s (Basic (username and password))"), "\(markdown)")
        #expect(markdown.contains("**Auth:** the collection's (Bearer token)"), "\(markdown)")
        let http = try HTTPFileExport.text(of: collection)
        #expect(http.contains("GET http://h/a\nAuthorization: Basic root {{adminPassword}}"), "\(http)")
    }

    @Test func folderFilesAreWrittenReadRenamedAndRemoved() throws {
        let folder = try TemporaryFolder()
        let original = collection()
        _ = try CollectionStore.save(original, to: folder.url)
        let adminFile = folder.path("admin/_folder.yaml")
        #expect(try String(contentsOf: adminFile, encoding: .utf8) == "auth:\n  basic:\n    username: root\n    password: '{{adminPassword}}'\n")
        #expect(FileManager.default.fileExists(atPath: folder.path("admin/deep/_folder.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.path("admin/plain/_folder.yaml").path))

        let loaded = try CollectionStore.load(folder.url)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.collection.folder(at: "admin")?.auth == original.folder(at: "admin")?.auth)
        #expect(loaded.collection.folder(at: "admin/deep")?.auth == Auth.none)
        #expect(loaded.collection.allRequests.count == 5, "_folder.yaml is not a request")

        // Renamed: the settings move with the folder and the old file goes.
        var renamed = loaded.collection
        _ = try renamed.renameFolder(at: "admin", to: "staff")
        _ = try CollectionStore.save(renamed, to: folder.url, baseline: loaded.collection)
        #expect(FileManager.default.fileExists(atPath: folder.path("staff/_folder.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.path("admin").path))
        // Back to inheriting: the file goes.
        var inheriting = try CollectionStore.load(folder.url).collection
        let baseline = inheriting
        try inheriting.setFolderAuth(.inherit, at: "staff")
        _ = try CollectionStore.save(inheriting, to: folder.url, baseline: baseline)
        #expect(!FileManager.default.fileExists(atPath: folder.path("staff/_folder.yaml").path))

        try "auth:\n  bearer: {}\n".write(to: folder.path("staff/_folder.yaml"), atomically: true, encoding: .utf8)
        let broken = try CollectionStore.load(folder.url)
        #expect(broken.diagnostics.contains { $0.path.hasSuffix("staff/_folder.yaml") && $0.severity == .error }, "\(broken.diagnostics)")
        #expect(broken.collection.allRequests.count == 5, "the requests still load")
    }
}

@Suite("API key in a cookie")
struct APIKeyCookieTests {
    @Test func theKeyJoinsTheCookieHeaderAndReadsBackFromYAML() throws {
        let folder = try TemporaryFolder()
        try "id: k\nname: k\nurl: http://h/x\nheaders:\n  - name: Cookie\n    value: theme=dark\nauth:\n  apiKey: {name: session_key, value: \"{{key}}\", in: cookie}\n"
            .write(to: folder.path("k.yaml"), atomically: true, encoding: .utf8)
        let template = try CollectionStore.loadRequestFile(folder.path("k.yaml"))
        #expect(template.auth == .apiKey(name: "session_key", value: "{{key}}", location: .cookie))
        let scope = try VariableScope.make(collection: nil, environmentName: nil, overrides: [Variable("key", "s3cr3t")])
        let request = try RequestRenderer(scope: scope, baseDirectory: folder.url).render(template)
        #expect(request.headers.filter { $0.name == "Cookie" }.map(\.value) == ["theme=dark; session_key=s3cr3t"])
        var alone = template
        alone.headers = []
        #expect(try RequestRenderer(scope: scope, baseDirectory: folder.url).render(alone).headers.first(named: "Cookie") == "session_key=s3cr3t")

        try "id: k\nname: k\nurl: http://h/x\nauth:\n  apiKey: {name: a, value: b, in: body}\n".write(to: folder.path("bad.yaml"), atomically: true, encoding: .utf8)
        #expect { try CollectionStore.loadRequestFile(folder.path("bad.yaml")) } throws: { ($0 as? PorticoError)?.message.contains("must be header, query or cookie") == true }
    }
}
