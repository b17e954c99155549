import Foundation
import PorticoCore
import Testing

/// Renders `template` against the demo server (its `{{base}}`) and sends it.
private func exchange(_ template: RequestTemplate, variables: [Variable] = []) async throws -> Exchange {
    let base = Variable("base", try await TestServer.baseURL())
    let renderer = RequestRenderer(scope: VariableScope(collection: [base] + variables), baseDirectory: FileManager.default.temporaryDirectory)
    let exchange = await TestServer.engine.send(try renderer.render(template))
    #expect(exchange.error == nil, "\(exchange.error?.message ?? "")")
    return exchange
}

private func analysis(_ exchange: Exchange) throws -> ProtocolResponse {
    let body = try #require(try exchange.body?.data())
    return try #require(ProtocolResponse.analyse(body))
}

@Suite("Protocol bodies on the wire")
struct ProtocolWireTests {
    @Test("GraphQL is sent as application/json with query, variables and operationName")
    func graphQL() async throws {
        let body = GraphQLBody(query: "query U($id: Int!) { user(id: $id) { name \"{{note}}\" } }", variables: "{\"id\": {{id}}}", operationName: "U")
        let echo = try Echo(try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/echo", body: .graphQL(body)),
                                                variables: [Variable("id", "2"), Variable("note", "a \"quoted\" note")]))
        #expect(echo.header("Content-Type") == ["application/json"])
        let sent = try #require(try JSONSerialization.jsonObject(with: echo.body) as? [String: Any])
        #expect(sent["query"] as? String == "query U($id: Int!) { user(id: $id) { name \"a \"quoted\" note\" } }")
        #expect((sent["variables"] as? [String: Any])?["id"] as? Int == 2)
        #expect(sent["operationName"] as? String == "U")
    }

    @Test("GraphQL without variables or operation name sends the query only")
    func graphQLQueryOnly() async throws {
        let echo = try Echo(try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/echo", body: .graphQL(GraphQLBody(query: "{ users { id } }")))))
        #expect(String(decoding: echo.body, as: UTF8.self) == "{\"query\":\"{ users { id } }\"}")
    }

    @Test("a JSON-RPC call gets jsonrpc 2.0 and a generated id; a batch numbers its calls and leaves notifications without one")
    func jsonRPC() async throws {
        let single = try Echo(try await exchange(RequestTemplate(name: "j", method: .post, url: "{{base}}/echo",
                                                                  body: .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[{{a}}, 2]")]))), variables: [Variable("a", "40")]))
        #expect(single.header("Content-Type") == ["application/json"])
        #expect(String(decoding: single.body, as: UTF8.self) == "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[40, 2],\"id\":1}")

        let batch = JSONRPCBody(calls: [
            JSONRPCCall(method: "a"), JSONRPCCall(method: "b", id: .notification), JSONRPCCall(method: "c", id: .string("x")),
            JSONRPCCall(method: "d", id: .number(7)), JSONRPCCall(method: "e"),
        ], isBatch: true)
        let echo = try Echo(try await exchange(RequestTemplate(name: "j", method: .post, url: "{{base}}/echo", body: .jsonRPC(batch))))
        let sent = try #require(try JSONSerialization.jsonObject(with: echo.body) as? [[String: Any]])
        #expect(sent.map { $0["method"] as? String } == ["a", "b", "c", "d", "e"])
        #expect(sent[0]["id"] as? Int == 1)
        #expect(sent[1]["id"] == nil)
        #expect(sent[2]["id"] as? String == "x")
        #expect(sent[3]["id"] as? Int == 7)
        #expect(sent[4]["id"] as? Int == 5)
        #expect(sent.allSatisfy { $0["jsonrpc"] as? String == "2.0" && $0["params"] == nil })
    }

    @Test("JSON that is not JSON is refused before sending, with where it is")
    func badJSONIsRefused() throws {
        let renderer = RequestRenderer(scope: VariableScope(collection: []), baseDirectory: FileManager.default.temporaryDirectory)
        for body in [RequestBody.graphQL(GraphQLBody(query: "{ a }", variables: "{id: 1}")), .graphQL(GraphQLBody(query: "{ a }", variables: "[1]")),
                     .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "m", params: "42")]))] {
            #expect(throws: PorticoError.self, "\(body)") { try renderer.render(RequestTemplate(name: "b", method: .post, url: "http://example.test/", body: body)) }
        }
        do {
            _ = try renderer.render(RequestTemplate(name: "b", method: .post, url: "http://example.test/", body: .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "m", params: "[1,")]))))
            Issue.record("rendered")
        } catch {
            #expect(error.message.contains("JSON-RPC call params"), "\(error.message)")
        }
    }

    @Test("SOAP 1.1 wraps the Body's content in a 1.1 Envelope with text/xml and a quoted SOAPAction")
    func soap11() async throws {
        let body = SOAPBody(envelope: "<Add xmlns=\"urn:x\"><a>{{a}}</a></Add>", action: "urn:x/Add")
        let echo = try Echo(try await exchange(RequestTemplate(name: "s", method: .post, url: "{{base}}/echo", body: .soap(body)), variables: [Variable("a", "1")]))
        #expect(echo.header("Content-Type") == ["text/xml; charset=utf-8"])
        #expect(echo.header("SOAPAction") == ["\"urn:x/Add\""])
        #expect(String(decoding: echo.body, as: UTF8.self) == """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
          <soap:Body>
            <Add xmlns="urn:x"><a>1</a></Add>
          </soap:Body>
        </soap:Envelope>

        """)
    }

    @Test("SOAP 1.2 carries the action in the Content-Type and sends a whole Envelope as written")
    func soap12() async throws {
        let envelope = "<?xml version=\"1.0\"?>\n<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Header/><e:Body><Ping/></e:Body></e:Envelope>"
        let echo = try Echo(try await exchange(RequestTemplate(name: "s", method: .post, url: "{{base}}/echo", body: .soap(SOAPBody(envelope: envelope, version: .v1_2, action: "urn:ping")))))
        #expect(echo.header("Content-Type") == ["application/soap+xml; charset=utf-8; action=\"urn:ping\""])
        #expect(echo.header("SOAPAction").isEmpty)
        #expect(String(decoding: echo.body, as: UTF8.self) == envelope)
    }

    @Test("a Content-Type or SOAPAction header written in the request wins over the generated one")
    func headersWin() throws {
        let renderer = RequestRenderer(scope: VariableScope(collection: []), baseDirectory: FileManager.default.temporaryDirectory)
        let request = try renderer.render(RequestTemplate(name: "s", method: .post, url: "http://example.test/", headers: [KeyValueRow("SOAPAction", "mine")],
                                                          body: .soap(SOAPBody(envelope: "<a/>", action: "generated"))))
        #expect(request.headers.filter { $0.name == "SOAPAction" }.map(\.value) == ["mine"])
    }

    @Test("XML-RPC builds a methodCall with typed values, booleans as 1/0 and text escaped")
    func xmlRPC() async throws {
        let call = XMLRPCCall(method: "sample.echo", params: [
            .scalar(.int, "{{n}}"), .scalar(.boolean, "true"), .scalar(.string, "a < b & c"), .scalar(.double, "1.5"),
            .scalar(.dateTime, "20240102T03:04:05"), .scalar(.base64, "aGk="),
            .array([.scalar(.int, "1"), .scalar(.string, "two")]),
            .structure([XMLRPCValue.Member("name", .scalar(.string, "Ada"))]),
        ])
        let echo = try Echo(try await exchange(RequestTemplate(name: "x", method: .post, url: "{{base}}/echo", body: .xmlRPC(call)), variables: [Variable("n", "42")]))
        #expect(echo.header("Content-Type") == ["text/xml"])
        #expect(String(decoding: echo.body, as: UTF8.self) == """
        <?xml version="1.0"?>
        <methodCall>
          <methodName>sample.echo</methodName>
          <params>
            <param>
              <value><int>42</int></value>
            </param>
            <param>
              <value><boolean>1</boolean></value>
            </param>
            <param>
              <value><string>a &lt; b &amp; c</string></value>
            </param>
            <param>
              <value><double>1.5</double></value>
            </param>
            <param>
              <value><dateTime.iso8601>20240102T03:04:05</dateTime.iso8601></value>
            </param>
            <param>
              <value><base64>aGk=</base64></value>
            </param>
            <param>
              <value><array><data>
                <value><int>1</int></value>
                <value><string>two</string></value>
              </data></array></value>
            </param>
            <param>
              <value><struct>
                <member><name>name</name>
                  <value><string>Ada</string></value>
                </member>
              </struct></value>
            </param>
          </params>
        </methodCall>

        """)
    }

    @Test("an XML-RPC value that does not fit its type once rendered is refused")
    func xmlRPCTypes() throws {
        let renderer = RequestRenderer(scope: VariableScope(collection: [Variable("n", "many")]), baseDirectory: FileManager.default.temporaryDirectory)
        do {
            _ = try renderer.render(RequestTemplate(name: "x", method: .post, url: "http://example.test/",
                                                    body: .xmlRPC(XMLRPCCall(method: "m", params: [.scalar(.string, "ok"), .array([.scalar(.int, "{{n}}")])]))))
            Issue.record("rendered")
        } catch {
            #expect(error.message == "XML-RPC param 2[1]: 'many' is not a 32-bit whole number", "\(error.message)")
        }
        #expect(XMLRPCValue.ScalarType.boolean.problem(with: "yes") != nil)
        #expect(XMLRPCValue.ScalarType.double.problem(with: "1e3") == nil)
        #expect(XMLRPCValue.ScalarType.int.problem(with: "2147483648") != nil)
        #expect(XMLRPCValue.ScalarType.base64.problem(with: "!!") != nil)
    }
}

@Suite("Protocol answers of the demo server")
struct ProtocolResponseTests {
    @Test("GraphQL: data, and errors with where they are")
    func graphQL() async throws {
        let user = try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/graphql",
                                                      body: .graphQL(GraphQLBody(query: "query U($id: Int!) { user(id: $id) { name } }", variables: "{\"id\": 2}"))))
        #expect(user.bodyText.contains("Alan Turing"), "\(user.bodyText)")
        #expect(ProtocolResponse.analyse(try #require(try user.body?.data())) == nil, "an answer without errors says nothing")

        let bad = try analysis(try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/graphql", body: .graphQL(GraphQLBody(query: "{\n  users { age }\n}")))))
        #expect(bad.kind == .graphQL)
        #expect(bad.errors == ["Cannot query field \"age\" on type \"User\". (line 2, column 11)"])
        #expect(bad.summary == "GraphQL: Cannot query field \"age\" on type \"User\". (line 2, column 11)")

        let missing = try analysis(try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/graphql",
                                                                      body: .graphQL(GraphQLBody(query: "{ a: user(id: 99) { name } b: user(id: 1) { name } }")))))
        #expect(missing.errors == ["No user with id 99. (line 1, column 3) at a"])

        let syntax = try analysis(try await exchange(RequestTemplate(name: "g", method: .post, url: "{{base}}/graphql", body: .graphQL(GraphQLBody(query: "{ users { id }")))))
        #expect(syntax.errors.first?.hasPrefix("Syntax Error") == true, "\(syntax.errors)")
    }

    @Test("JSON-RPC: a result says no errors; error objects in a batch are all reported with their ids")
    func jsonRPC() async throws {
        let ok = try analysis(try await exchange(RequestTemplate(name: "j", method: .post, url: "{{base}}/jsonrpc",
                                                                 body: .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[1, 2]")])))))
        #expect(ok.kind == .jsonRPC && ok.errors.isEmpty && ok.summary == "JSON-RPC: no errors")

        let batch = JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[1, 2]"), JSONRPCCall(method: "nope"), JSONRPCCall(method: "echo", id: .notification),
                                        JSONRPCCall(method: "add", params: "[\"x\"]", id: .string("s"))], isBatch: true)
        let answer = try analysis(try await exchange(RequestTemplate(name: "j", method: .post, url: "{{base}}/jsonrpc", body: .jsonRPC(batch))))
        #expect(answer.errors == ["error -32601 Method not found: nope (id 2)", "error -32602 Invalid params: add takes two numbers (id s)"])
        #expect(answer.summary == "JSON-RPC: batch of 3, 2 errors, the first: error -32601 Method not found: nope (id 2)")
    }

    @Test("SOAP: 1.1 and 1.2 Faults with their code and reason; an answer without a fault")
    func soap() async throws {
        func send(_ version: SOAPBody.Version, _ operation: String, _ b: Int) async throws -> ProtocolResponse {
            try analysis(try await exchange(RequestTemplate(name: "s", method: .post, url: "{{base}}/soap", body: .soap(SOAPBody(
                envelope: "<\(operation) xmlns=\"urn:portico:demo:calculator\"><intA>6</intA><intB>\(b)</intB></\(operation)>",
                version: version, action: "urn:portico:demo:calculator/\(operation)")))))
        }
        let fault11 = try await send(.v1_1, "Divide", 0)
        #expect(fault11.kind == .soap && fault11.errors == ["Fault soap:Server: division by zero"] && fault11.summary == "SOAP 1.1: Fault soap:Server: division by zero")
        #expect(try await send(.v1_2, "Divide", 0).errors == ["Fault soap:Receiver: division by zero"])
        #expect(try await send(.v1_2, "Power", 2).errors == ["Fault soap:Sender: unknown operation 'Power'; known: Add, Subtract, Multiply, Divide"])
        let fine = try await send(.v1_2, "Multiply", 7)
        #expect(fine.summary == "SOAP 1.2: MultiplyResponse, no fault")
        #expect(!fine.isError)
    }

    @Test("XML-RPC: a result decoded into a tree; a fault with its code and text")
    func xmlRPC() async throws {
        let sum = try analysis(try await exchange(RequestTemplate(name: "x", method: .post, url: "{{base}}/xmlrpc",
                                                                  body: .xmlRPC(XMLRPCCall(method: "sample.add", params: [.scalar(.int, "40"), .scalar(.int, "2")])))))
        #expect(sum.kind == .xmlRPC && sum.errors.isEmpty && sum.summary == "XML-RPC: 1 value" && sum.tree == ["result: int 42"])

        let echo = try analysis(try await exchange(RequestTemplate(name: "x", method: .post, url: "{{base}}/xmlrpc", body: .xmlRPC(XMLRPCCall(method: "sample.echo", params: [
            .structure([XMLRPCValue.Member("name", .scalar(.string, "Ada")), XMLRPCValue.Member("ok", .scalar(.boolean, "true")),
                        XMLRPCValue.Member("list", .array([.scalar(.double, "1.5"), .scalar(.base64, "aGk=")]))]),
        ])))))
        #expect(echo.tree == ["result: struct", "  name: string \"Ada\"", "  ok: boolean true", "  list: array of 2", "    [1]: double 1.5", "    [2]: base64 aGk="])

        let fault = try analysis(try await exchange(RequestTemplate(name: "x", method: .post, url: "{{base}}/xmlrpc", body: .xmlRPC(XMLRPCCall(method: "sample.nope")))))
        #expect(fault.errors == ["fault -32601: requested method not found: sample.nope"])
        #expect(fault.tree == ["fault: struct", "  faultCode: int -32601", "  faultString: string \"requested method not found: sample.nope\""])
    }

    @Test("bodies of no protocol, and broken ones, say nothing")
    func notProtocols() {
        for text in ["{\"errors\": []}", "{\"data\": 1}", "[1, 2]", "<html><body>hi</body></html>", "<methodResponse>", "plain", "{\"jsonrpc\": \"2.0\"}",
                     "<Envelope xmlns=\"urn:other\"><Body><Fault/></Body></Envelope>"] {
            #expect(ProtocolResponse.analyse(Data(text.utf8)) == nil, "\(text)")
        }
    }
}

@Suite("Protocol bodies in request files")
struct ProtocolBodyFileTests {
    static let templates: [RequestBody] = [
        .graphQL(GraphQLBody(query: "query U($id: Int!) {\n  user(id: $id) { name }\n}\n", variables: "{\"id\": {{id}}}", operationName: "U")),
        .graphQL(GraphQLBody(query: "{ users { id } }")),
        .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add", params: "[1, 2]", id: .number(7))])),
        .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "add")])),
        .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "a", id: .string("12")), JSONRPCCall(method: "b", params: "{\n  \"x\": 1\n}", id: .notification), JSONRPCCall(method: "c", id: .string("x"))], isBatch: true)),
        .jsonRPC(JSONRPCBody(calls: [JSONRPCCall(method: "only")], isBatch: true)),
        .soap(SOAPBody(envelope: "<Add xmlns=\"urn:x\">\n  <a>1</a>\n</Add>\n", action: "urn:x/Add")),
        .soap(SOAPBody(envelope: "<a/>", version: .v1_2)),
        .xmlRPC(XMLRPCCall(method: "m", params: [.scalar(.int, "2"), .scalar(.int, "{{n}}"), .scalar(.string, "12"), .scalar(.boolean, "true"), .scalar(.double, "1.5"),
                                                 .scalar(.dateTime, "20240102T03:04:05"), .scalar(.base64, "aGk="), .scalar(.string, ""),
                                                 .array([.scalar(.string, "x"), .structure([])]), .structure([XMLRPCValue.Member("k", .array([]))])])),
        .xmlRPC(XMLRPCCall(method: "noParams")),
    ]

    /// Writes `template` as a request file and reads it back.
    private func roundTripped(_ template: RequestTemplate) throws -> (text: String, read: RequestTemplate) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try CollectionStore.requestFileText(template)
        try folder.write(text, to: "r.yaml")
        return (text, try CollectionStore.loadRequestFile(folder.path("r.yaml")))
    }

    @Test("every protocol body reads back as written", arguments: templates)
    func roundTrip(body: RequestBody) throws {
        let template = RequestTemplate(id: "r1", name: "p", method: .post, url: "http://example.test/", body: body)
        #expect(try roundTripped(template).read == template)
    }

    @Test("the YAML is the documented one: a query as a literal block, params as JSON text, typed XML-RPC values")
    func readable() throws {
        #expect(try roundTripped(RequestTemplate(id: "r1", name: "g", method: .post, url: "http://example.test/", body: Self.templates[0])).text == """
        id: r1
        name: g
        method: POST
        url: http://example.test/
        body:
          graphql:
            query: |
              query U($id: Int!) {
                user(id: $id) { name }
              }
            variables: '{"id": {{id}}}'
            operationName: U

        """)
        let xmlRPC = RequestTemplate(id: "r2", name: "x", method: .post, url: "http://example.test/", body: .xmlRPC(XMLRPCCall(method: "sample.add", params: [.scalar(.int, "2"), .scalar(.boolean, "true")])))
        #expect(try roundTripped(xmlRPC).text.hasSuffix("""
        body:
          xmlrpc:
            method: sample.add
            params:
            - int: 2
            - boolean: true

        """))
    }

    @Test("mistakes are reported with where they are", arguments: [
        ("graphql: {variables: '{}'}", "body.graphql has no 'query'"),
        ("jsonrpc: {method: m, params: [1, 2]}", "body.jsonrpc.params is JSON text: quote it, e.g. params: '[1, 2]'"),
        ("jsonrpc: {method: m, id: 1, notification: true}", "body.jsonrpc is a notification: it has no 'id'"),
        ("jsonrpc: {batch: []}", "body.jsonrpc.batch needs at least one call"),
        ("soap: {envelope: '<a/>', version: '1.3'}", "body.soap.version must be 1.1 or 1.2"),
        ("xmlrpc: {method: m, params: [{integer: 1}]}", "unknown key 'integer' in body.xmlrpc.params[1]"),
        ("xmlrpc: {method: m, params: [{int: 1, string: a}]}", "body.xmlrpc.params[1] must have exactly one type"),
    ])
    func mistakes(body: String, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("id: r1\nurl: http://example.test/\nbody:\n  \(body)\n", to: "bad.yaml")
        do {
            _ = try CollectionStore.loadRequestFile(folder.path("bad.yaml"))
            Issue.record("read")
        } catch {
            #expect(error.message.contains(":4: \(message)"), "\(error.message)")
        }
    }
}
