import Foundation
import Testing
@testable import PorticoCore

@Suite("checks, captures and needs in request files")
struct ChecksFormatTests {
    static let file = """
    id: login-1
    name: Log in
    method: POST
    url: https://api.example.com/login
    needs:
    - setup
    - request: auth/tenant.yaml
      ttl: 10m
    checks:
    - status == 200
    - header "Content-Type" contains "json"
    - 'jsonpath "$.message" == "a: b"'
    - schema: schemas/login.json
    - schema:
        type: object
        required: [token]
        properties:
          token: {type: string, minLength: 10}
          expires: {type: integer, minimum: 0}
    captures:
      token: jsonpath "$.token" secret
      requestId: header "X-Request-Id"

    """

    @Test func readsEveryKindAndWritesItBackUnchanged() throws {
        let template = try RequestFileFormat.decode(Self.file, defaultName: "x")
        #expect(template.needs == [RequestDependency(request: "setup"), RequestDependency(request: "auth/tenant.yaml", reuseFor: 600)])
        #expect(template.checks.map(\.source) == ["status == 200", #"header "Content-Type" contains "json""#, #"jsonpath "$.message" == "a: b""#,
                                                 #"schema "schemas/login.json""#, "schema (inline)"])
        guard case .bodySchema(.inline(let schema)) = template.checks[4].subject else {
            Issue.record("the inline schema was not read as one")
            return
        }
        #expect(schema == (try JSONValue.parse(#"{"type": "object", "required": ["token"], "properties": {"token": {"type": "string", "minLength": 10}, "expires": {"type": "integer", "minimum": 0}}}"#)))
        #expect(template.captures.map(\.name) == ["token", "requestId"])
        #expect(template.captures[0].isSecret)
        let written = try RequestFileFormat.encode(template)
        #expect(try RequestFileFormat.decode(written, defaultName: "x") == template)
        #expect(written.contains("- status == 200\n"))
        #expect(written.contains("token: jsonpath \"$.token\" secret\n"))
        #expect(written.contains("ttl: 10m\n"))
    }

    @Test(arguments: [
        ("checks:\n- status == abc\n", 4, #"checks[1] `status == abc`: at character 11: a status is a number (200) or a class (2xx)"#),
        ("checks:\n- header \"X\" == \"a: b\"\n", 4, "reads as a YAML mapping"),
        ("checks: status == 200\n", 3, "checks must be a list"),
        ("captures:\n  token: cookie session\n", 4, "captures.token `cookie session`"),
        ("needs:\n- request: setup\n  ttl: soon\n", 5, "needs[1].ttl must be a duration"),
        ("needs:\n- ttl: 1m\n", 4, "needs[1] has no 'request'"),
    ])
    func mistakesNameTheLineAndTheCheck(_ extra: String, line: Int, message: String) {
        let text = "id: a\nurl: http://x\n" + extra
        #expect {
            _ = try RequestFileFormat.decode(text, defaultName: "x")
        } throws: { error in
            guard let problem = error as? FileProblem else { return false }
            return problem.line == line && problem.message.contains(message)
        }
    }
}
