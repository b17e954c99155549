import Foundation
import PorticoCore
import Testing

@Suite("Request references")
struct RequestReferenceTests {
    private let body = Data(#"{"token": "abc", "items": [{"id": 1}, {"id": 2}], "count": 2}"#.utf8)
    private let headers = [HTTPField("Content-Type", "application/json"), HTTPField("Set-Cookie", "a=1"), HTTPField("set-cookie", "b=2")]

    private func reference(_ text: String) throws -> RequestReference {
        guard case .reference(let reference)? = try Template(parsing: text).segments.first else {
            throw PorticoError.input("\(text) is not a reference")
        }
        return reference
    }

    @Test func parsesBodyAndHeaderReferences() throws {
        #expect(try reference("{{login.response.body.$.token}}") == RequestReference(requestName: "login", message: .response, part: .body(selector: "$.token")))
        #expect(try reference("{{ login.request.headers.X-Id }}") == RequestReference(requestName: "login", message: .request, part: .header("X-Id")))
        #expect(try Template(parsing: "{{api.base}}").segments == [.variable("api.base")], "a dotted name is still a variable")
    }

    @Test func selectsWithJSONPathOrTakesTheWholeBody() throws {
        #expect(try reference("{{a.response.body.$.token}}").value(headers: headers, body: body) == "abc", "a string is taken without quotes")
        #expect(try reference("{{a.response.body.$.count}}").value(headers: headers, body: body) == "2")
        #expect(try reference("{{a.response.body.$.items[*].id}}").value(headers: headers, body: body) == "[1,2]", "several matches become an array")
        #expect(try reference("{{a.response.body.$.items[0]}}").value(headers: headers, body: body) == #"{"id":1}"#)
        #expect(try reference("{{a.response.body.*}}").value(headers: headers, body: body) == String(decoding: body, as: UTF8.self))
        #expect(try reference("{{a.response.headers.set-cookie}}").value(headers: headers, body: body) == "a=1, b=2")
    }

    @Test func saysWhatIsWrong() throws {
        #expect(throws: PorticoError.template("{{a.response.body.$.missing}} matches nothing in the latest response of 'a'")) {
            try reference("{{a.response.body.$.missing}}").value(headers: headers, body: body)
        }
        #expect(throws: PorticoError.template("{{a.response.headers.X-None}}: the latest response of 'a' has no X-None header")) {
            try reference("{{a.response.headers.X-None}}").value(headers: headers, body: body)
        }
        #expect(throws: PorticoError.template("{{a.response.body.//token}}: only JSONPath ($…) and * select from a body; XPath is not supported")) {
            try reference("{{a.response.body.//token}}").value(headers: headers, body: body)
        }
        #expect(throws: PorticoError.self) { try reference("{{a.response.body.$.x}}").value(headers: headers, body: Data("<xml/>".utf8)) }
        #expect(throws: PorticoError.template("{{a.response.body.$.token}} needs the history of a collection's requests; send it from a collection")) {
            try VariableScope().render("{{a.response.body.$.token}}")
        }
    }
}
