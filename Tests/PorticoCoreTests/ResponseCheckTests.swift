import Foundation
import Testing
@testable import PorticoCore

@Suite("response checks")
struct ResponseCheckTests {
    static func response(status: Int = 200, headers: [HTTPField] = [HTTPField("Content-Type", "application/json")], body: String, milliseconds: Double = 12) -> CheckedResponse {
        CheckedResponse(status: status, headers: headers, body: Data(body.utf8), durationMilliseconds: milliseconds, baseDirectory: URL(fileURLWithPath: "/tmp"))
    }

    static let users = response(body: #"{"users": [{"id": 1, "name": "Ada", "tags": ["admin"]}, {"id": 2, "name": "Grace", "age": 85.5}], "total": 2, "next": null}"#)

    func check(_ line: String, on response: CheckedResponse = ResponseCheckTests.users) throws -> CheckResult {
        try ResponseCheck.parse(line).evaluate(response)
    }

    @Test(arguments: [
        "status == 200", "status == 2xx", "status != 4xx", "status in [200, 201]", "status < 300", "status >= 200",
        #"header "content-type" == "application/json""#, #"header "Content-Type" contains "json""#, #"header "Content-Type" startsWith "application/""#,
        #"header "Content-Type" matches /^application\/(json|xml)$/"#, #"header "Content-Type" exists"#, #"header "X-Missing" not exists"#,
        #"header "Content-Type" count == 1"#,
        #"jsonpath "$.total" == 2"#, #"jsonpath "$.total" > 1"#, #"jsonpath "$.total" is integer"#, #"jsonpath "$.users" is array"#,
        #"jsonpath "$.users" length == 2"#, #"jsonpath "$.users[*].id" count == 2"#, #"jsonpath "$.users[*].name" == ["Ada", "Grace"]"#,
        #"jsonpath "$.users[0].name" == "Ada""#, #"jsonpath "$.users[0].name" length == 3"#, #"jsonpath "$.users[0].tags" contains "admin""#,
        #"jsonpath "$.users[1].age" is number"#, #"jsonpath "$.users[1].age" not is integer"#, #"jsonpath "$.next" is null"#, #"jsonpath "$.next" exists"#,
        #"jsonpath "$.missing" not exists"#, #"jsonpath "$.users[?@.id > 1].name" == "Grace""#, #"jsonpath "$.users[0]" == {"id": 1, "name": "Ada", "tags": ["admin"]}"#,
        #"body contains "Grace""#, #"body not contains "Exception""#, #"body matches /"total":\s*2/"#, #"body startsWith "{""#,
        "duration < 500ms", "duration < 1s", "duration >= 12", #"jsonpath "$.total" in [1, 2, 3]"#,
    ])
    func passingChecks(_ line: String) throws {
        let result = try check(line)
        #expect(result.passed, "\(line): \(result.failure ?? "")")
        #expect(result.failure == nil)
    }

    @Test(arguments: [
        ("status == 201", "200"), ("status == 4xx", "200"), ("status in [201, 204]", "200"),
        (#"header "Content-Type" == "text/html""#, #""application/json""#), (#"header "X-Missing" exists"#, "nothing"),
        (#"jsonpath "$.total" == "2""#, "2"), (#"jsonpath "$.total" < 2"#, "2"), (#"jsonpath "$.missing" == 1"#, "nothing"),
        (#"jsonpath "$.users" length == 3"#, "2"), (#"jsonpath "$.users[0].name" is number"#, #""Ada""#),
        ("duration < 10ms", "12 ms"),
    ])
    func failingChecks(_ line: String, actual: String) throws {
        let result = try check(line)
        #expect(!result.passed, "\(line) should fail")
        #expect(result.actual == actual)
        #expect(result.failure?.isEmpty == false)
    }

    @Test func failureSaysWhatWasExpectedAndFound() throws {
        let result = try check("status == 201")
        #expect(result.failure == "got 200: expected == 201")
        let length = try check(#"jsonpath "$.users" length == 3"#)
        #expect(length.failure == "got 2: expected == 3")
    }

    @Test func aLongActualValueIsShortened() throws {
        let result = try check(#"body contains "Exception""#)
        #expect(!result.passed)
        #expect(result.actual.count == 118)
        #expect(result.actual.hasPrefix(#""{\"users\": [{"#) && result.actual.hasSuffix("…"))
    }

    @Test func aBodyThatIsNotJSONFailsEveryJSONPathCheckEvenNegated() throws {
        let html = Self.response(headers: [HTTPField("Content-Type", "text/html")], body: "<html></html>")
        for line in [#"jsonpath "$.a" exists"#, #"jsonpath "$.a" not exists"#] {
            let result = try check(line, on: html)
            #expect(!result.passed)
            #expect(result.actual == "unreadable")
            #expect(result.failure?.hasPrefix("the body is not JSON") == true)
        }
    }

    @Test func xPathSelectsNodesOfAnXMLBody() throws {
        let xml = Self.response(headers: [HTTPField("Content-Type", "application/xml")],
                                body: #"<catalogue><book id="b1"><year>1985</year></book><book id="b2"><year>1968</year></book></catalogue>"#)
        #expect(try check(#"xpath "//book" count == 2"#, on: xml).passed)
        #expect(try check(#"xpath "//book[@id='b2']/year" == 1968"#, on: xml).passed)
        #expect(try check(#"xpath "//book[@id='b2']/year" == "1968""#, on: xml).passed)
        #expect(try check(#"xpath "//book/@id" == ["b1", "b2"]"#, on: xml).passed)
        #expect(try check(#"xpath "//magazine" not exists"#, on: xml).passed)
        #expect(try !check(#"xpath "//book[1]/year" > 2000"#, on: xml).passed)
        let notXML = try check(#"xpath "//book" exists"#, on: Self.users)
        #expect(!notXML.passed)
        #expect(notXML.failure?.contains("not well-formed XML") == true)
    }

    @Test(arguments: [
        ("", 0, "a check starts with one of"),
        ("state == 200", 0, "unknown subject 'state'"),
        ("status = 200", 7, "expected a test"),
        ("status == abc", 10, "a status is a number (200) or a class (2xx)"),
        ("header Content-Type exists", 7, "expected the header name in double quotes"),
        (#"jsonpath "$.a[" == 1"#, 9, "the JSONPath is not valid"),
        (#"jsonpath "$.a" == nope"#, 18, "expected a JSON value"),
        (#"jsonpath "$.a" < "text""#, 17, "< compares numbers"),
        (#"body matches /a(/"#, 13, "not a valid regular expression"),
        (#"body matches /abc"#, 13, "the pattern has no closing /"),
        (#"jsonpath "$.a" is thing"#, 18, "`is` takes a type"),
        (#"jsonpath "$.a" in 3"#, 18, "`in` takes a JSON array"),
        ("status count == 1", 7, "status has no count"),
        ("duration < soon", 11, "a duration is a number of milliseconds"),
        (#"body exists"#, 5, "every response has a body"),
        (#"status == 200 and more"#, 14, "unexpected 'and more'"),
        (#"header "X" length exists"#, 18, "`exists` tests the header itself"),
    ])
    func badLinesSayWhatAndWhere(_ line: String, offset: Int, message: String) {
        #expect {
            _ = try ResponseCheck.parse(line)
        } throws: { error in
            guard let error = error as? ResponseCheck.SyntaxError else { return false }
            return error.offset == offset && error.message.contains(message)
        }
    }

    @Test func capturesTakeValuesFromEveryPartOfTheResponse() throws {
        let response = Self.response(headers: [HTTPField("Content-Type", "application/json"), HTTPField("X-Request-Id", "r-42")],
                                     body: #"{"token": "abc.def", "user": {"id": 7}, "session": "s=xyz;"}"#)
        func value(_ expression: String) throws -> String { try ResponseCapture.parse(name: "v", expression: expression).value(in: response) }
        #expect(try value(#"jsonpath "$.token""#) == "abc.def")
        #expect(try value(#"jsonpath "$.user""#) == #"{"id":7}"#)
        #expect(try value(#"jsonpath "$.user.id""#) == "7")
        #expect(try value(#"header "x-request-id""#) == "r-42")
        #expect(try value(#"regex /s=(\w+);/"#) == "xyz")
        #expect(try value(#"regex /abc\.def/"#) == "abc.def")
        #expect(try value("status") == "200")
        #expect(try ResponseCapture.parse(name: "token", expression: #"jsonpath "$.token" secret"#).isSecret)
        #expect(throws: PorticoError.self) { try value(#"jsonpath "$.nothing""#) }
        #expect(throws: PorticoError.self) { try value(#"header "X-None""#) }
        #expect(throws: ResponseCheck.SyntaxError.self) { try ResponseCapture.parse(name: "v", expression: "cookie session") }
        #expect(throws: ResponseCheck.SyntaxError.self) { try ResponseCapture.parse(name: "not a name", expression: "status") }
    }

    @Test func durationsReadAsPeopleWriteThem() {
        #expect(DurationText.milliseconds("250") == 250)
        #expect(DurationText.milliseconds("250ms") == 250)
        #expect(DurationText.milliseconds("1.5s") == 1500)
        #expect(DurationText.seconds("2m") == 120)
        #expect(DurationText.seconds("30") == 30)
        #expect(DurationText.seconds("1h") == 3600)
        #expect(DurationText.seconds("soon") == nil)
        #expect(DurationText.seconds("-1s") == nil)
        #expect(DurationText.text(seconds: 300) == "5m")
        #expect(DurationText.text(seconds: 7200) == "2h")
        #expect(DurationText.text(seconds: 45) == "45s")
    }

    @Test func retryAfterTakesSecondsOrADate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds("30", now: now) == 30)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:14:20 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds("later", now: now) == nil)
    }
}

@Suite("schema checks")
struct SchemaCheckTests {
    static let schema = try! JSONValue.parse(#"{"type": "object", "required": ["users"], "properties": {"users": {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer", "minimum": 1}}}}}}"#)

    @Test func aBodyThatSatisfiesTheSchemaPasses() {
        let result = ResponseCheck.schema(.inline(Self.schema)).evaluate(ResponseCheckTests.response(body: #"{"users": [{"id": 1}, {"id": 2}]}"#))
        #expect(result.passed)
        #expect(result.actual == "valid")
    }

    @Test func violationsAreNamedWithTheirPlaces() {
        let result = ResponseCheck.schema(.inline(Self.schema)).evaluate(ResponseCheckTests.response(body: #"{"users": [{"id": 0}, {"name": "x"}]}"#))
        #expect(!result.passed)
        #expect(result.actual == "2 violations")
        #expect(result.failure?.contains("/users/0/id") == true)
        #expect(result.failure?.contains("/users/1") == true)
    }

    @Test func aSchemaFileIsReadRelativeToTheRequestFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.schema.serialized().write(to: folder.appendingPathComponent("schemas/users.json"), atomically: true, encoding: .utf8)
        let response = CheckedResponse(status: 200, headers: [], body: Data(#"{"users": []}"#.utf8), durationMilliseconds: 1, baseDirectory: folder)
        #expect(ResponseCheck.schema(.file("schemas/users.json")).evaluate(response).passed)
        let missing = ResponseCheck.schema(.file("schemas/none.json")).evaluate(response)
        #expect(!missing.passed)
        #expect(missing.failure?.hasPrefix("cannot read the schema file") == true)
    }

    @Test func aSchemaThatIsNotValidIsSaidSo() {
        let result = ResponseCheck.schema(.inline(try! JSONValue.parse(#"{"minimum": "one"}"#))).evaluate(ResponseCheckTests.response(body: "1"))
        #expect(!result.passed)
        #expect(result.failure?.hasPrefix("the schema is not valid") == true)
    }
}

@Suite("XPath checks")
struct XPathCheckTests {
    static let xml = ResponseCheckTests.response(headers: [HTTPField("Content-Type", "application/xml")],
                                                 body: #"<c xmlns="urn:x"><book id="b1"><year>1985</year></book><book id="b2"><year>1968</year></book></c>"#)

    @Test func valuesAndComputationsOfAnXPathAreChecked() throws {
        func holds(_ line: String) throws -> Bool { try ResponseCheck.parse(line).evaluate(Self.xml).passed }
        #expect(try holds(#"xpath "count(//book)" == 2"#))
        #expect(try holds(#"xpath "sum(//year) > 3900" == true"#))
        #expect(try holds(#"xpath "string(//book[2]/@id)" == "b2""#))
        #expect(try !holds(#"xpath "count(//book)" count == 2"#))
        #expect(throws: ResponseCheck.SyntaxError.self) { try ResponseCheck.parse(#"xpath "//book[" exists"#) }
        let capture = try ResponseCapture.parse(name: "year", expression: #"xpath "//book[@id='b1']/year""#)
        #expect(try capture.value(in: Self.xml) == "1985")
    }
}
