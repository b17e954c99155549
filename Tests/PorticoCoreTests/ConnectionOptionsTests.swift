import Foundation
@testable import PorticoCore
import Testing

/// Transport, proxy and TLS options: how they are read and written at each level, merged, and
/// how a request's proxy and transport are chosen from them and the environment.
@Suite("Connection options")
struct ConnectionOptionsTests {
    @Test func proxyURLsAreReadAsCurlReadsThem() throws {
        let http = try ProxyEndpoint.parse("http://me:s%3Acret@proxy.example:3128")
        #expect(http == ProxyEndpoint(kind: .http, host: "proxy.example", port: 3128, username: "me", password: "s:cret"))
        #expect(http.displayText == "http://me@proxy.example:3128", "the password is never shown")
        #expect(try ProxyEndpoint.parse("proxy.example").port == 1080)
        #expect(try ProxyEndpoint.parse("socks5h://[::1]:9050") == ProxyEndpoint(kind: .socks5, host: "::1", port: 9050))
        for (text, message) in [("https://p:443", "TLS to the proxy itself"), ("socks4://p:1", "'socks4' is not supported"),
                                ("socks5://u:p@h:1", "username and password are not supported"), ("http://", "not a proxy URL")] {
            #expect { try ProxyEndpoint.parse(text) } throws: { ($0 as? PorticoError)?.message.contains(message) == true }
        }
    }

    @Test func theEnvironmentNamesTheProxyPerSchemeAndNoProxyExcludesHosts() throws {
        let environment = ["http_proxy": "http://plain:1", "HTTPS_PROXY": "http://secure:2", "NO_PROXY": "internal.example, 10.0.0.7,.local:8080"]
        func proxy(_ url: String, _ options: ConnectionOptions = ConnectionOptions(), _ environment: [String: String] = environment) throws -> String? {
            try ProxyRoute.proxy(for: URL(string: url)!, options: options, environment: environment)?.host
        }
        #expect(try proxy("http://api.example/") == "plain")
        #expect(try proxy("https://api.example/") == "secure")
        #expect(try proxy("http://internal.example/") == nil)
        #expect(try proxy("http://deep.internal.example/") == nil, "a no-proxy name covers its subdomains")
        #expect(try proxy("http://notinternal.example/") == "plain", "but not names that merely end the same")
        #expect(try proxy("http://10.0.0.7/") == nil)
        #expect(try proxy("http://a.local:8080/") == nil)
        #expect(try proxy("http://a.local:9090/") == "plain", "a no-proxy port limits the entry to that port")
        // Upper-case HTTP_PROXY is ignored for http URLs (httpoxy); ALL_PROXY covers both schemes.
        #expect(try proxy("http://api.example/", ConnectionOptions(), ["HTTP_PROXY": "http://ignored:1"]) == nil)
        #expect(try proxy("http://api.example/", ConnectionOptions(), ["ALL_PROXY": "socks5://all:3"]) == "all")
        // Settings win over the environment; an empty proxy turns it off; noProxy replaces NO_PROXY.
        #expect(try proxy("http://api.example/", ConnectionOptions(proxy: "http://set:4")) == "set")
        #expect(try proxy("http://api.example/", ConnectionOptions(proxy: "")) == nil)
        #expect(try proxy("http://internal.example/", ConnectionOptions(noProxy: [])) == "plain")
        #expect(try proxy("http://anything/", ConnectionOptions(noProxy: ["*"])) == nil)
    }

    @Test func theNearerLevelWinsKeyByKey() {
        let request = ConnectionOptions(verifyTLS: false)
        let collection = ConnectionOptions(proxy: "http://team:1", verifyTLS: true, caFile: "/team/ca.pem")
        let user = ConnectionOptions(transport: .asyncHTTPClient, connectTimeout: 3, proxy: "http://mine:2")
        let merged = request.overriding(collection).overriding(user)
        #expect(merged == ConnectionOptions(transport: .asyncHTTPClient, connectTimeout: 3, proxy: "http://team:1", verifyTLS: false, caFile: "/team/ca.pem"))
    }

    @Test func theTransportIsChosenByWhatTheRequestNeeds() throws {
        let url = URL(string: "http://api.example/x")!
        let automatic = AutomaticTransport(environment: [:])
        #expect(try automatic.carrier(for: ResolvedRequest(method: .get, url: url)) == .urlSession)
        #expect(try automatic.carrier(for: ResolvedRequest(method: .get, url: url, body: .data(Data("b".utf8)))) == .asyncHTTPClient)
        for options in [ConnectionOptions(proxy: "http://p:1"), ConnectionOptions(verifyTLS: false), ConnectionOptions(caFile: "/ca.pem"),
                        ConnectionOptions(clientCertificate: "/c.pem"), ConnectionOptions(connectTimeout: 1)] {
            var request = ResolvedRequest(method: .get, url: url)
            request.options.connection = options
            #expect(try automatic.carrier(for: request) == .asyncHTTPClient, "\(options)")
            request.options.connection.transport = .urlSession
            #expect(throws: PorticoError.self) { try automatic.carrier(for: request) }
        }
        // The user's defaults count, and a proxy variable in the environment moves everything over.
        #expect(try AutomaticTransport(defaults: ConnectionOptions(verifyTLS: false), environment: [:]).carrier(for: ResolvedRequest(method: .get, url: url)) == .asyncHTTPClient)
        #expect(try AutomaticTransport(environment: ["https_proxy": "http://p:1"]).carrier(for: ResolvedRequest(method: .get, url: url)) == .asyncHTTPClient)
        #expect(try AutomaticTransport(defaults: ConnectionOptions(transport: .asyncHTTPClient), environment: [:]).carrier(for: ResolvedRequest(method: .get, url: url)) == .asyncHTTPClient)
    }

    @Test func requestAndCollectionFilesKeepTheOptions() throws {
        let folder = try TemporaryFolder()
        var template = RequestTemplate(name: "tls", url: "https://h/x")
        template.options.connection = ConnectionOptions(transport: .asyncHTTPClient, connectTimeout: 0.5, proxy: "socks5://127.0.0.1:1080", noProxy: ["localhost"],
                                                        verifyTLS: false, caFile: "certs/ca.pem", clientCertificate: "~/me.pem", clientKey: "~/me.key")
        var collection = Collection(id: "c1", name: "c")
        collection.connection = ConnectionOptions(proxy: "http://{{proxyUser}}:{{proxyPassword}}@p:3128", caFile: "ca.pem")
        collection.root.requests = [StoredRequest(relativePath: "tls.yaml", template: template)]
        _ = try CollectionStore.save(collection, to: folder.url)
        let loaded = try CollectionStore.load(folder.url)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.collection.connection == collection.connection)
        #expect(loaded.collection.allRequests.first?.template.options.connection == template.options.connection)

        // A comma-separated noProxy reads as a list; mistakes name the key and line.
        try "id: r\nurl: h\noptions:\n  noProxy: a, b\n".write(to: folder.url.appendingPathComponent("list.yaml"), atomically: true, encoding: .utf8)
        #expect(try CollectionStore.loadRequestFile(folder.url.appendingPathComponent("list.yaml")).options.connection.noProxy == ["a", "b"])
        for (text, message) in [("  verifyTLS: maybe", "options.verifyTLS must be true or false"), ("  transport: carrier-pigeon", "options.transport must be one of"),
                                ("  connectTimeout: 0", "options.connectTimeout must be more than 0"), ("  proxies: x", "unknown key 'proxies'")] {
            let file = folder.url.appendingPathComponent("bad.yaml")
            try "id: r\nurl: h\noptions:\n\(text)\n".write(to: file, atomically: true, encoding: .utf8)
            #expect { try CollectionStore.loadRequestFile(file) } throws: { ($0 as? PorticoError)?.message.contains(message) == true }
        }
    }

    @Test func renderingFillsTemplatesAndResolvesPathsAgainstTheirOwnFolder() throws {
        let collectionFolder = URL(fileURLWithPath: "/team/api")
        var collection = Collection(id: "c1", name: "c", variables: [Variable("proxyPassword", "pw", isSecret: true)])
        collection.connection = ConnectionOptions(proxy: "http://me:{{proxyPassword}}@p:3128", caFile: "certs/ca.pem")
        var template = RequestTemplate(name: "r", url: "https://h/x")
        template.options.connection.clientCertificate = "me.pem"
        let scope = try VariableScope.make(collection: collection, environmentName: nil, overrides: [])
        let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: collectionFolder.appendingPathComponent("nested"), collectionFolder: collectionFolder)
        let connection = try renderer.render(template).options.connection
        #expect(connection.proxy == "http://me:pw@p:3128")
        #expect(connection.caFile == "/team/api/certs/ca.pem")
        #expect(connection.clientCertificate == "/team/api/nested/me.pem")

        // Every undefined variable is named at once, the proxy's among the others.
        var broken = RequestTemplate(name: "r", url: "https://{{host}}/x")
        broken.options.connection.proxy = "http://{{proxyHost}}:3128"
        #expect { try renderer.render(broken) } throws: { error in
            let message = (error as? PorticoError)?.message ?? ""
            return message.contains("host") && message.contains("proxyHost")
        }
    }

    @Test func configYAMLNetworkPathsAreRelativeToTheConfigFolder() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("portico-config-\(UUID().uuidString)")
        let paths = UserPaths(config: home.appendingPathComponent("config"), data: home.appendingPathComponent("data"))
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try "network:\n  caFile: certs/ca.pem\n  noProxy: [localhost]\n".write(to: paths.config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let network = try UserConfig.load(paths).network
        #expect(network.caFile == paths.config.appendingPathComponent("certs/ca.pem").standardizedFileURL.path)
        #expect(network.noProxy == ["localhost"])
    }

    @Test func anImportedProxyPasswordBecomesASecret() throws {
        var collection = Collection(id: "c1", name: "c")
        var template = RequestTemplate(name: "r", url: "http://h/x")
        template.options.connection.proxy = "http://me:s%40cret@p:3128"
        let (path, secrets) = try collection.addImportedRequest(template, inFolder: "")
        let stored = try #require(collection.allRequests.first { $0.relativePath == path })
        #expect(stored.template.options.connection.proxy == "http://me:{{proxyPassword}}@p:3128")
        #expect(secrets.map(\.value) == ["s%40cret"])
    }
}
