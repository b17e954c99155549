import Foundation
import PorticoCore

/// The collection `portico demo --init` writes: a request for every endpoint of the demo server,
/// grouped in folders, with a `demo` environment pointing at the server's port.
public enum DemoCollection {
    /// Fixed, so the demo's secrets are found again after a re-init.
    public static let id = "portico-demo"
    /// Values stored in the user's secret store by `--init`, to show how secrets work.
    public static let secrets = ["apiToken": AuthRoutes.bearerToken, "demoPassword": AuthRoutes.basicPassword, "clientSecret": OAuthRoutes.clientSecret,
                                 "awsSecretAccessKey": AWSSigV4Routes.secretAccessKey]
    /// A small file the multipart request uploads.
    public static let sampleFile = (path: "files/hello.txt", contents: "Hello from Portico's demo collection.\n")

    public static func make(port: Int) -> Collection {
        let base = "http://127.0.0.1:\(port)"
        var collection = Collection(
            id: id,
            name: "Portico demo",
            description: "Requests for every endpoint of the demo API that ships inside portico (`portico demo --serve`).",
            variables: [Variable("baseUrl", base), Variable("userId", "1"), Variable("apiToken", nil, isSecret: true), Variable("demoPassword", nil, isSecret: true),
                        Variable("clientSecret", nil, isSecret: true), Variable("awsSecretAccessKey", nil, isSecret: true)],
            headers: [KeyValueRow("X-Client", "portico-demo")],
            auth: .none,
            environments: [Environment(name: "demo", variables: [Variable("baseUrl", base)])]
        )
        collection.root = RequestGroup(name: "", groups: [
            group("users", [
                request("list-users", "List users", url: "{{baseUrl}}/users", id: "demo-users-list",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" startsWith \"application/json\"",
                            "jsonpath \"$[*].id\" count >= 1",
                            "jsonpath \"$[0].email\" matches /^[^@]+@[^@]+$/",
                        ]),
                request("get-user", "Get a user", url: "{{baseUrl}}/users/{{userId}}", id: "demo-users-get",
                        checks: [
                            "status == 200",
                            "jsonpath \"$.id\" == 1",
                            "jsonpath \"$.role\" is string",
                        ]),
                request("create-user", "Create a user", .post, url: "{{baseUrl}}/users", id: "demo-users-create",
                        body: .json("{\n  \"name\": \"Katherine Johnson\",\n  \"email\": \"katherine@example.com\",\n  \"role\": \"member\"\n}\n"),
                        checks: [
                            "status == 201",
                            "header \"Location\" startsWith \"/users/\"",
                            "jsonpath \"$.name\" == \"Katherine Johnson\"",
                            "jsonpath \"$.id\" is integer",
                        ],
                        captures: [("createdUserId", "jsonpath \"$.id\"")]),
                request("replace-user", "Replace a user", .put, url: "{{baseUrl}}/users/{{userId}}", id: "demo-users-replace",
                        body: .json("{\n  \"name\": \"Ada King\",\n  \"email\": \"ada.king@example.com\",\n  \"role\": \"admin\"\n}\n"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.name\" == \"Ada King\"",
                            "jsonpath \"$.role\" == \"admin\"",
                        ]),
                request("update-user", "Update a user's role", .patch, url: "{{baseUrl}}/users/{{userId}}", id: "demo-users-update",
                        body: .json("{\"role\": \"owner\"}\n"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.role\" == \"owner\"",
                        ]),
                request("delete-user", "Delete the user just created", .delete, url: "{{baseUrl}}/users/{{createdUserId}}", id: "demo-users-delete",
                        checks: [
                            "status == 204",
                            "body length == 0",
                        ],
                        needs: [RequestDependency(request: "create-user")]),
            ]),
            group("echo", [
                request("query-params", "Query parameters in order", url: "{{baseUrl}}/echo", id: "demo-echo-params",
                        params: [KeyValueRow("page", "2"), KeyValueRow("sort", "name asc"), KeyValueRow("debug", "true", isEnabled: false)],
                        checks: [
                            "status == 200",
                            "jsonpath \"$.query\" length == 2",
                            "jsonpath \"$.raw_query\" == \"page=2&sort=name%20asc\"",
                        ]),
                request("form", "Form fields", .post, url: "{{baseUrl}}/echo", id: "demo-echo-form",
                        body: .formURLEncoded([KeyValueRow("name", "Ada Lovelace"), KeyValueRow("note", "a&b=c")]),
                        checks: [
                            "jsonpath \"$.body\" == \"name=Ada+Lovelace&note=a%26b%3Dc\"",
                            "jsonpath \"$.headers[?@[0] == 'Content-Type'][1]\" == \"application/x-www-form-urlencoded\"",
                        ]),
                request("multipart", "Multipart upload", .post, url: "{{baseUrl}}/echo", id: "demo-echo-multipart",
                        body: .multipart([MultipartPart(name: "title", content: .text("greeting")),
                                          MultipartPart(name: "file", content: .file(path: "../\(sampleFile.path)"), contentType: "text/plain")]),
                        checks: [
                            "jsonpath \"$.body\" contains \"filename=\\\"hello.txt\\\"\"",
                            "jsonpath \"$.body\" contains \"Hello from Portico's demo collection.\"",
                        ]),
                request("xml", "XML body", .post, url: "{{baseUrl}}/echo", id: "demo-echo-xml",
                        body: .xml("<?xml version=\"1.0\"?>\n<note><to>Ada</to><body>Hello</body></note>\n"),
                        checks: [
                            "jsonpath \"$.body\" startsWith \"<?xml\"",
                        ]),
                request("plain-text", "Plain text with $ and a literal {{", .post, url: "{{baseUrl}}/echo", id: "demo-echo-text",
                        body: .raw(text: "Costs $5; templates look like \\{{this}}.\n", contentType: "text/plain"),
                        checks: [
                            "jsonpath \"$.body\" == \"Costs $5; templates look like {{this}}.\\n\"",
                        ]),
                request("dynamic-values", "Dynamic values", .post, url: "{{baseUrl}}/echo", id: "demo-echo-dynamic",
                        body: .json("{\n  \"requestId\": \"{{$uuid}}\",\n  \"sentAt\": \"{{$isoTimestamp}}\",\n  \"epoch\": {{$timestamp}},\n  \"dice\": {{$randomInt 1 6}}\n}\n"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.body\" matches /\"dice\": [1-6]\\n/",
                            "jsonpath \"$.body\" matches /\"requestId\": \"[0-9a-f-]{36}\"/",
                        ]),
                request("custom-method", "A custom method (PURGE)", try! HTTPMethod("PURGE"), url: "{{baseUrl}}/echo/cache", id: "demo-echo-purge",
                        checks: [
                            "jsonpath \"$.method\" == \"PURGE\"",
                            "jsonpath \"$.path\" == \"/echo/cache\"",
                        ]),
            ]),
            group("formats", [
                request("xml-document", "An XML document", url: "{{baseUrl}}/xml", id: "demo-formats-xml",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" contains \"xml\"",
                            "xpath \"//*[local-name()='book']\" count >= 2",
                            "xpath \"//*[local-name()='book'][1]/*[local-name()='year']\" == 1985",
                        ]),
                request("gzip", "A gzip-encoded body", url: "{{baseUrl}}/gzip", id: "demo-formats-gzip",
                        checks: [
                            "header \"Content-Encoding\" == \"gzip\"",
                            "jsonpath \"$.gzipped\" == true",
                        ]),
                request("large-json", "A large JSON array", url: "{{baseUrl}}/large.json", id: "demo-formats-large", params: [KeyValueRow("mb", "10")],
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" contains \"json\"",
                            "body length > 10000000",
                        ]),
                request("stream", "A chunked stream of JSON lines", url: "{{baseUrl}}/stream/20", id: "demo-formats-stream",
                        checks: [
                            "header \"Content-Type\" == \"application/x-ndjson\"",
                            "body contains \"chunk 20 of 20\"",
                        ]),
                request("bytes", "Binary bytes", url: "{{baseUrl}}/bytes/4096", id: "demo-formats-bytes",
                        checks: [
                            "header \"Content-Type\" == \"application/octet-stream\"",
                            "header \"Content-Length\" == 4096",
                        ]),
                request("latin1", "ISO-8859-1 text", url: "{{baseUrl}}/formats/latin1", id: "demo-formats-latin1",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" contains \"ISO-8859-1\"",
                            "body startsWith \"Caf\"",
                        ]),
                request("utf16", "JSON in UTF-16", url: "{{baseUrl}}/formats/utf16", id: "demo-formats-utf16",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" contains \"utf-16\"",
                        ]),
                request("image", "A PNG image", url: "{{baseUrl}}/formats/image.png", id: "demo-formats-image",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" contains \"png\"",
                        ]),
                request("binary", "Every byte value", url: "{{baseUrl}}/formats/binary", id: "demo-formats-binary",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" == \"application/octet-stream\"",
                            "header \"Content-Length\" == 4096",
                        ]),
                request("ndjson", "JSON Lines", url: "{{baseUrl}}/formats/ndjson", id: "demo-formats-ndjson",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" == \"application/x-ndjson\"",
                            "body contains \"logout\"",
                        ]),
                request("form-urlencoded", "URL-encoded form fields", url: "{{baseUrl}}/formats/form", id: "demo-formats-form",
                        checks: [
                            "status == 200",
                            "header \"Content-Type\" startsWith \"application/x-www-form-urlencoded\"",
                            "body contains \"name=Ada+Lovelace\"",
                        ]),
            ]),
            group("protocols", [
                request("graphql-user", "GraphQL: a user by id", .post, url: "{{baseUrl}}/graphql", id: "demo-graphql-user",
                        body: .graphQL(GraphQLBody(query: """
                        query User($id: Int!) {
                          user(id: $id) {
                            id
                            name
                            email
                          }
                        }

                        """, variables: "{\"id\": {{userId}}}", operationName: "User")),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.data.user.id\" == 1",
                            "jsonpath \"$.errors\" not exists",
                        ]),
                request("graphql-error", "GraphQL: a field that does not exist (errors)", .post, url: "{{baseUrl}}/graphql", id: "demo-graphql-error",
                        body: .graphQL(GraphQLBody(query: """
                        {
                          users {
                            name
                            age
                          }
                        }

                        """)),
                        checks: [
                            "jsonpath \"$.errors[0].message\" contains \"age\"",
                            "jsonpath \"$.data\" not exists",
                        ]),
                request("soap-add", "SOAP 1.1: Add", .post, url: "{{baseUrl}}/soap", id: "demo-soap-add",
                        body: .soap(SOAPBody(envelope: """
                        <Add xmlns="urn:portico:demo:calculator">
                          <intA>40</intA>
                          <intB>2</intB>
                        </Add>

                        """, action: "urn:portico:demo:calculator/Add")),
                        checks: [
                            "status == 200",
                            "xpath \"//*[local-name()='AddResult']\" == 42",
                        ]),
                request("soap12-divide-by-zero", "SOAP 1.2: Divide by zero (a Fault)", .post, url: "{{baseUrl}}/soap", id: "demo-soap12-divide",
                        body: .soap(SOAPBody(envelope: """
                        <Divide xmlns="urn:portico:demo:calculator">
                          <intA>1</intA>
                          <intB>0</intB>
                        </Divide>

                        """, version: .v1_2, action: "urn:portico:demo:calculator/Divide")),
                        checks: [
                            "status == 500",
                            "header \"Content-Type\" startsWith \"application/soap+xml\"",
                            "xpath \"//*[local-name()='Text']\" == \"division by zero\"",
                        ]),
                request("xmlrpc-add", "XML-RPC: sample.add", .post, url: "{{baseUrl}}/xmlrpc", id: "demo-xmlrpc-add",
                        body: .xmlRPC(XMLRPCCall(method: "sample.add", params: [.scalar(.int, "40"), .scalar(.int, "2")])),
                        checks: [
                            "status == 200",
                            "xpath \"/methodResponse/params/param/value/int\" == 42",
                        ]),
                request("xmlrpc-echo", "XML-RPC: sample.echo with a struct", .post, url: "{{baseUrl}}/xmlrpc", id: "demo-xmlrpc-echo",
                        body: .xmlRPC(XMLRPCCall(method: "sample.echo", params: [.structure([
                            XMLRPCValue.Member("name", .scalar(.string, "Ada Lovelace")),
                            XMLRPCValue.Member("admin", .scalar(.boolean, "true")),
                            XMLRPCValue.Member("born", .scalar(.dateTime, "18151210T00:00:00")),
                            XMLRPCValue.Member("scores", .array([.scalar(.double, "9.5"), .scalar(.int, "10")])),
                        ])])),
                        checks: [
                            "xpath \"//fault\" not exists",
                            "xpath \"//member[name='name']/value/string\" == \"Ada Lovelace\"",
                        ]),
                request("xmlrpc-fault", "XML-RPC: an unknown method (a fault)", .post, url: "{{baseUrl}}/xmlrpc", id: "demo-xmlrpc-fault",
                        body: .xmlRPC(XMLRPCCall(method: "sample.divide", params: [.scalar(.int, "1"), .scalar(.int, "0")])),
                        checks: [
                            "xpath \"//fault\" exists",
                            "xpath \"//member[name='faultCode']/value/int\" == -32601",
                        ]),
                request("jsonrpc-add", "JSON-RPC 2.0: add", .post, url: "{{baseUrl}}/jsonrpc", id: "demo-jsonrpc-add",
                        body: .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[40, 2]")])),
                        checks: [
                            "jsonpath \"$.result\" == 42",
                            "jsonpath \"$.error\" not exists",
                        ]),
                request("jsonrpc-batch", "JSON-RPC 2.0: a batch with a notification and an error", .post, url: "{{baseUrl}}/jsonrpc", id: "demo-jsonrpc-batch",
                        body: .jsonRPC(JSONRPCBody(calls: [
                            JSONRPCCall(method: "subtract", params: "{\"minuend\": 42, \"subtrahend\": 23}"),
                            JSONRPCCall(method: "echo", params: "[\"notification\"]", id: .notification),
                            JSONRPCCall(method: "divide", params: "[1, 0]", id: .string("third")),
                        ], isBatch: true)),
                        checks: [
                            "jsonpath \"$\" length == 2",
                            "jsonpath \"$[?@.id == 1].result\" == 19",
                            "jsonpath \"$[?@.error].error.code\" == -32601",
                        ]),
            ]),
            group("behaviour", [
                request("not-found", "Status 404", url: "{{baseUrl}}/status/404", id: "demo-status-404",
                        checks: [
                            "status == 404",
                        ]),
                request("rate-limited", "Status 429 with Retry-After", url: "{{baseUrl}}/status/429", id: "demo-status-429",
                        checks: [
                            "status == 429",
                            "header \"Retry-After\" exists",
                        ]),
                request("slow", "A slow answer (1.5 s)", url: "{{baseUrl}}/delay/1500", id: "demo-delay", options: RequestOptions(timeout: 5),
                        checks: [
                            "status == 200",
                            "duration >= 1500ms",
                            "jsonpath \"$.delayed_ms\" == 1500",
                        ]),
                request("redirect-chain", "Three redirects", url: "{{baseUrl}}/redirect/3", id: "demo-redirect-chain",
                        checks: [
                            "status == 200",
                            "jsonpath \"$.redirects\" == \"done\"",
                        ]),
                request("redirect-307", "A 307 keeps POST and its body", .post, url: "{{baseUrl}}/redirect-to", id: "demo-redirect-307",
                        params: [KeyValueRow("url", "/echo"), KeyValueRow("status", "307")], body: .json("{\"kept\": true}\n"),
                        checks: [
                            "jsonpath \"$.method\" == \"POST\"",
                            "jsonpath \"$.body\" == \"{\\\"kept\\\": true}\\n\"",
                        ]),
                request("no-follow", "A redirect, not followed", url: "{{baseUrl}}/redirect/1", id: "demo-redirect-nofollow",
                        options: RequestOptions(followRedirects: false),
                        checks: [
                            "status == 302",
                            "header \"Location\" == \"/redirect/0\"",
                        ]),
            ]),
            group("auth", [
                request("basic", "Basic auth", url: "{{baseUrl}}/basic-auth", id: "demo-auth-basic",
                        auth: .basic(username: AuthRoutes.basicUser, password: "{{demoPassword}}"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.authenticated\" == true",
                            "jsonpath \"$.user\" == \"demo\"",
                        ]),
                request("digest", "Digest auth (SHA-256)", url: "{{baseUrl}}/digest-auth?algorithm=SHA-256", id: "demo-auth-digest",
                        auth: .digest(username: AuthRoutes.basicUser, password: "{{demoPassword}}"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.algorithm\" == \"SHA-256\"",
                        ]),
                request("bearer", "Bearer token (a secret variable)", url: "{{baseUrl}}/bearer", id: "demo-auth-bearer",
                        auth: .bearer(token: "{{apiToken}}"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.token\" == \"accepted\"",
                        ]),
                request("aws-sigv4", "AWS Signature Version 4 (signed when sent)", .post, url: "{{baseUrl}}/aws/echo", id: "demo-auth-aws-sigv4",
                        params: [KeyValueRow("Action", "Describe")], body: .json("{\"signed\": true}\n"),
                        auth: .awsSigV4(AWSSigV4Settings(accessKeyID: AWSSigV4Routes.accessKeyID, secretAccessKey: "{{awsSecretAccessKey}}",
                                                         region: "us-east-1", service: "execute-api")),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.authenticated\" == true",
                            "jsonpath \"$.signedHeaders\" contains \"x-amz-date\"",
                        ]),
                request("missing-credentials", "No credentials: 401", url: "{{baseUrl}}/basic-auth", id: "demo-auth-missing", auth: .none,
                        checks: [
                            "status == 401",
                            "header \"WWW-Authenticate\" startsWith \"Basic\"",
                        ]),
            ]),
            group("oauth2", [
                request("client-credentials", "OAuth 2.0 client credentials", url: "{{baseUrl}}/oauth/protected", id: "demo-oauth2-client-credentials",
                        auth: .oauth2(OAuth2Settings(grant: .clientCredentials, tokenURL: "{{baseUrl}}/oauth/token", clientID: OAuthRoutes.clientID,
                                                     clientSecret: "{{clientSecret}}", scope: "demo.read")),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.scope\" == \"demo.read\"",
                        ]),
                request("password", "OAuth 2.0 password grant (token lasts 60 s, then refreshed)", url: "{{baseUrl}}/oauth/protected", id: "demo-oauth2-password",
                        auth: .oauth2(OAuth2Settings(grant: .password, tokenURL: "{{baseUrl}}/oauth/token?expires_in=60", clientID: OAuthRoutes.clientID,
                                                     clientSecret: "{{clientSecret}}", scope: "demo.read demo.write",
                                                     username: AuthRoutes.basicUser, password: "{{demoPassword}}")),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.user\" == \"demo\"",
                        ]),
                request("authorization-code", "OAuth 2.0 authorization code with PKCE (opens a browser)", url: "{{baseUrl}}/oauth/protected",
                        id: "demo-oauth2-authorization-code",
                        auth: .oauth2(OAuth2Settings(grant: .authorizationCode, tokenURL: "{{baseUrl}}/oauth/token", authorizationURL: "{{baseUrl}}/oauth/authorize",
                                                     clientID: OAuthRoutes.clientID, clientSecret: "{{clientSecret}}", scope: "demo.profile")),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.scope\" == \"demo.profile\"",
                        ]),
            ]),
            // A chain: the second request needs the first, which captures the token it sends.
            group("chain", [
                request("01-log-in", "Log in: get an access token", .post, url: "{{baseUrl}}/oauth/token", id: "demo-chain-log-in",
                        body: .formURLEncoded([KeyValueRow("grant_type", "client_credentials"), KeyValueRow("client_id", OAuthRoutes.clientID),
                                               KeyValueRow("client_secret", "{{clientSecret}}"), KeyValueRow("scope", "demo.read")]),
                        auth: .none,
                        checks: [
                            "status == 200",
                            "jsonpath \"$.token_type\" == \"Bearer\"",
                            "jsonpath \"$.expires_in\" > 0",
                        ],
                        captures: [("accessToken", "jsonpath \"$.access_token\" secret")]),
                request("02-protected", "Call a protected endpoint with the token", url: "{{baseUrl}}/oauth/protected", id: "demo-chain-protected",
                        auth: .bearer(token: "{{accessToken}}"),
                        checks: [
                            "status == 200",
                            "jsonpath \"$.authenticated\" == true",
                            "jsonpath \"$.scope\" == \"demo.read\"",
                        ],
                        needs: [RequestDependency(request: "01-log-in", reuseFor: 300)]),
            ]),
            group("cookies", [
                request("set-cookies", "Set cookies", url: "{{baseUrl}}/cookies/set", id: "demo-cookies-set",
                        params: [KeyValueRow("session", "abc123"), KeyValueRow("theme", "dark")],
                        checks: [
                            "status == 200",
                            "header \"Set-Cookie\" contains \"session=abc123\"",
                            "jsonpath \"$.set.theme\" == \"dark\"",
                        ]),
                // No Cookie header: the collection's cookie jar sends what "Set cookies" set (C shows the jar).
                request("send-cookies", "Send cookies (from the jar)", url: "{{baseUrl}}/cookies", id: "demo-cookies-send",
                        checks: [
                            "jsonpath \"$.cookies.session\" == \"abc123\"",
                            "jsonpath \"$.cookies.theme\" == \"dark\"",
                        ],
                        needs: [RequestDependency(request: "set-cookies")]),
                request("login-redirect", "Log in and land on the next page", url: "{{baseUrl}}/cookies/redirect", id: "demo-cookies-login",
                        params: [KeyValueRow("session", "s3ss10n")],
                        checks: [
                            "status == 200",
                            "jsonpath \"$.cookies.session\" == \"s3ss10n\"",
                        ]),
            ]),
        ])
        return collection
    }

    /// Writes the collection, its sample file and its secrets. A demo collection already in the
    /// folder keeps the user's edits: only its base URL is pointed at `port`. Refuses a folder that
    /// holds a different collection.
    public static func write(to folder: URL, port: Int, secretStore: SecretStore) throws(PorticoError) {
        let collectionFile = folder.appendingPathComponent(CollectionStore.collectionFileName)
        var collection = make(port: port)
        var baseline: Collection?
        if FileManager.default.fileExists(atPath: collectionFile.path) {
            let existing = try CollectionStore.load(folder)
            guard existing.collection.id == id else {
                throw .input("\(folder.path) already holds the collection '\(existing.collection.name)'; choose another folder")
            }
            baseline = existing.collection
            collection = pointed(existing.collection, at: collection)
        }
        try CollectionStore.save(collection, to: folder, baseline: baseline)
        let sample = folder.appendingPathComponent(sampleFile.path)
        try AtomicFile.makeFolder(sample.deletingLastPathComponent())
        if (try? String(contentsOf: sample, encoding: .utf8)) != sampleFile.contents {
            try AtomicFile.write(Data(sampleFile.contents.utf8), to: sample)
        }
        for (name, value) in secrets.sorted(by: { $0.key < $1.key }) {
            try secretStore.set(name, to: value, environment: nil, collection: collection)
        }
    }

    /// `existing` with the base URL variables taken from `fresh`.
    private static func pointed(_ existing: Collection, at fresh: Collection) -> Collection {
        var result = existing
        func update(_ variables: inout [Variable], from source: [Variable]) {
            guard let base = source.first(where: { $0.name == "baseUrl" }) else { return }
            if let index = variables.firstIndex(where: { $0.name == "baseUrl" }) { variables[index] = base } else { variables.append(base) }
        }
        update(&result.variables, from: fresh.variables)
        for (index, environment) in result.environments.enumerated() {
            if let freshEnvironment = fresh.environment(named: environment.name) {
                update(&result.environments[index].variables, from: freshEnvironment.variables)
            }
        }
        if result.environment(named: "demo") == nil, let demo = fresh.environment(named: "demo") {
            result.environments.append(demo)
        }
        return result
    }

    private static func group(_ name: String, _ requests: [StoredRequest]) -> RequestGroup {
        RequestGroup(name: name, requests: requests.map { StoredRequest(relativePath: "\(name)/\($0.relativePath)", template: $0.template) })
    }

    private static func request(
        _ file: String, _ name: String, _ method: HTTPMethod = .get, url: String, id: String,
        params: [KeyValueRow] = [], headers: [KeyValueRow] = [], body: RequestBody = .none,
        auth: Auth = .inherit, options: RequestOptions = RequestOptions(),
        checks: [String] = [], captures: [(String, String)] = [], needs: [RequestDependency] = []
    ) -> StoredRequest {
        var template = RequestTemplate(id: id, name: name, method: method, url: url, params: params, headers: headers, body: body, auth: auth, options: options)
        // Written by hand above and covered by the demo collection's tests: a typo fails them at once.
        template.checks = checks.map { try! ResponseCheck.parse($0) }
        template.captures = captures.map { try! ResponseCapture.parse(name: $0.0, expression: $0.1) }
        template.needs = needs
        return StoredRequest(relativePath: "\(file).yaml", template: template)
    }
}
