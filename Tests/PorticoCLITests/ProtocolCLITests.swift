import Foundation
import Testing

@Suite("Protocol bodies from the command line")
struct ProtocolCLITests {
    @Test("send -v says what a GraphQL, JSON-RPC, SOAP or XML-RPC answer reports, on standard error", arguments: [
        ("graphql-error", "* GraphQL: Cannot query field \"age\" on type \"User\". (line 4, column 5)"),
        ("graphql-user", nil),
        ("jsonrpc-batch", "* JSON-RPC: batch of 2, error -32601 Method not found: divide (id third)"),
        ("soap-add", "* SOAP 1.1: AddResponse, no fault"),
        ("soap12-divide-by-zero", "* SOAP 1.2: Fault soap:Receiver: division by zero"),
        ("xmlrpc-add", "* XML-RPC: 1 value"),
        ("xmlrpc-fault", "* XML-RPC: fault -32601: requested method not found: sample.divide"),
    ] as [(String, String?)])
    func verboseSummary(_ name: String, _ summary: String?) async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("protocols/\(name).yaml").path, "-e", "demo", "-v", "--no-history"])
        #expect(sent.exitCode == 0, "\(sent)")
        let protocolLines = sent.stderr.split(separator: "\n").filter { ["* GraphQL", "* JSON-RPC", "* SOAP", "* XML-RPC"].contains(where: $0.hasPrefix) }
        #expect(protocolLines == (summary.map { [Substring($0)] } ?? []), "\(sent.stderr)")
    }

    @Test("--format json has protocol_error: the protocol, the summary and every error; null when there is none")
    func formatJSON() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let failed = try await sandbox.run(["send", demo.appendingPathComponent("protocols/jsonrpc-batch.yaml").path, "-e", "demo", "--format", "json", "--no-history"])
        let object = try #require(try JSONSerialization.jsonObject(with: failed.stdout) as? [String: Any], "\(failed)")
        let error = try #require(object["protocol_error"] as? [String: Any])
        #expect(error["protocol"] as? String == "jsonrpc")
        #expect(error["errors"] as? [String] == ["error -32601 Method not found: divide (id third)"])
        #expect(error["summary"] as? String == "JSON-RPC: batch of 2, error -32601 Method not found: divide (id third)")

        let fine = try await sandbox.run(["send", demo.appendingPathComponent("protocols/xmlrpc-add.yaml").path, "-e", "demo", "--format", "json", "--no-history"])
        let fineObject = try #require(try JSONSerialization.jsonObject(with: fine.stdout) as? [String: Any], "\(fine)")
        #expect(fineObject["protocol_error"] is NSNull)
    }

    @Test("every protocol body exported to curl and imported again sends the same bytes", arguments: [
        "graphql:\n    query: |\n      query U($id: Int!) {\n        user(id: $id) { name }\n      }\n    variables: '{\"id\": {{userId}}}'\n    operationName: U",
        "jsonrpc:\n    batch:\n    - method: add\n      params: '[1, 2]'\n    - method: log\n      notification: true\n    - method: find\n      id: \"it's\"",
        "soap:\n    action: urn:portico:demo:calculator/Add\n    envelope: |\n      <Add xmlns=\"urn:portico:demo:calculator\"><intA>1</intA><intB>2</intB></Add>",
        "soap:\n    version: '1.2'\n    action: urn:a\n    envelope: <Ping/>",
        "xmlrpc:\n    method: sample.echo\n    params:\n    - int: '{{userId}}'\n    - struct:\n        name: {string: \"Ada & 'Grace'\"}\n        list: {array: [{boolean: true}, {double: 1.5}]}",
    ])
    func curlRoundTrip(_ body: String) async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let file = demo.appendingPathComponent("echo/protocol.yaml")
        try "id: protocol-round-trip\nmethod: POST\nurl: '{{baseUrl}}/echo'\nbody:\n  \(body)\n".write(to: file, atomically: true, encoding: .utf8)
        try await CurlInterchangeTests().roundTrip(sandbox, file: file, environment: "demo")
    }
}
