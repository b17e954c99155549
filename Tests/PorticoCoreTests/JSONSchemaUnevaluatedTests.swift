import PorticoCore
import Testing

/// `unevaluatedProperties` and `unevaluatedItems`, which see what the keywords of the same schema
/// object and of its in-place subschemas (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `$ref`,
/// `dependentSchemas`) evaluated, but only through subschemas that passed.
struct JSONSchemaUnevaluatedTests {
    static let cases: [SchemaSuiteCase] = [
        SchemaSuiteCase("unevaluatedProperties false alone", ##"{"unevaluatedProperties": false}"##, valid: ["{}", "1"], invalid: ["{\"a\": 1}"]),
        SchemaSuiteCase("sees properties and patternProperties", ##"{"properties": {"a": {}}, "patternProperties": {"^x": {}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1, \"xy\": 2}"], invalid: ["{\"a\": 1, \"b\": 2}"]),
        SchemaSuiteCase("schema for unevaluated properties", ##"{"properties": {"a": {}}, "unevaluatedProperties": {"type": "string"}}"##,
                        valid: ["{\"a\": 1, \"b\": \"s\"}"], invalid: ["{\"b\": 2}"]),
        SchemaSuiteCase("additionalProperties evaluates everything", ##"{"additionalProperties": true, "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1}"], invalid: []),
        SchemaSuiteCase("through allOf", ##"{"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1, \"b\": 2}"], invalid: ["{\"a\": 1, \"c\": 3}"]),
        SchemaSuiteCase("through anyOf, only passing branches",
                        ##"{"anyOf": [{"properties": {"a": {"const": 1}}, "required": ["a"]}, {"properties": {"b": {"const": 2}}, "required": ["b"]}], "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1}", "{\"b\": 2}", "{\"a\": 1, \"b\": 2}"], invalid: ["{\"a\": 1, \"b\": 3}", "{\"a\": 1, \"c\": 1}"]),
        SchemaSuiteCase("through oneOf",
                        ##"{"oneOf": [{"properties": {"a": {}}, "required": ["a"]}, {"properties": {"b": {}}, "required": ["b"]}], "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1}", "{\"b\": 1}"], invalid: ["{\"a\": 1, \"c\": 1}"]),
        SchemaSuiteCase("not contributes nothing", ##"{"not": {"not": {"properties": {"a": {}}}}, "unevaluatedProperties": false}"##,
                        valid: ["{}"], invalid: ["{\"a\": 1}"]),
        SchemaSuiteCase("if, then and else",
                        ##"{"if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]}, "then": {"properties": {"alpha": {}}}, "else": {"properties": {"beta": {}}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"kind\": \"a\", \"alpha\": 1}", "{\"beta\": 1}"],
                        invalid: ["{\"kind\": \"a\", \"beta\": 1}", "{\"kind\": \"b\", \"beta\": 1}", "{\"alpha\": 1}"]),
        SchemaSuiteCase("through $ref", ##"{"$defs": {"base": {"properties": {"id": {}}}}, "$ref": "#/$defs/base", "properties": {"name": {}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"id\": 1, \"name\": \"n\"}"], invalid: ["{\"id\": 1, \"extra\": 2}"]),
        SchemaSuiteCase("through dependentSchemas", ##"{"dependentSchemas": {"a": {"properties": {"b": {}}}}, "properties": {"a": {}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": 1, \"b\": 2}"], invalid: ["{\"b\": 2}"]),
        SchemaSuiteCase("nested unevaluatedProperties sees only its own subschemas",
                        ##"{"properties": {"a": {}}, "allOf": [{"unevaluatedProperties": false}]}"##, valid: ["{}"], invalid: ["{\"a\": 1}"]),
        SchemaSuiteCase("annotations of a member's own schema do not leak to the parent",
                        ##"{"properties": {"a": {"properties": {"b": {}}}}, "unevaluatedProperties": false}"##,
                        valid: ["{\"a\": {\"b\": 1}}"], invalid: ["{\"a\": {}, \"b\": 1}"]),
        SchemaSuiteCase("unevaluatedItems false alone", ##"{"unevaluatedItems": false}"##, valid: ["[]", "{}"], invalid: ["[1]"]),
        SchemaSuiteCase("sees prefixItems", ##"{"prefixItems": [{}, {}], "unevaluatedItems": false}"##, valid: ["[1]", "[1, 2]"], invalid: ["[1, 2, 3]"]),
        SchemaSuiteCase("sees items", ##"{"items": {"type": "integer"}, "unevaluatedItems": false}"##, valid: ["[1, 2, 3]"], invalid: []),
        SchemaSuiteCase("sees contains matches", ##"{"contains": {"type": "string"}, "unevaluatedItems": {"type": "integer"}}"##,
                        valid: ["[\"a\", 1, \"b\"]"], invalid: ["[\"a\", null]"]),
        SchemaSuiteCase("items through allOf and anyOf",
                        ##"{"allOf": [{"prefixItems": [{}]}], "anyOf": [{"prefixItems": [{}, {"const": "x"}]}, {"prefixItems": [{}, {}, {}]}], "unevaluatedItems": false}"##,
                        valid: ["[1]", "[1, \"x\"]", "[1, 2, 3]"], invalid: ["[1, 2, 3, 4]"]),
        SchemaSuiteCase("items through if/then", ##"{"if": {"prefixItems": [{"const": "a"}]}, "then": {"prefixItems": [{}, {}]}, "unevaluatedItems": false}"##,
                        valid: ["[\"a\", 2]"], invalid: ["[\"a\", 2, 3]", "[\"b\"]"]),
        SchemaSuiteCase("items through a recursive $ref",
                        ##"{"$defs": {"pair": {"prefixItems": [{}, {}]}}, "$ref": "#/$defs/pair", "unevaluatedItems": false}"##,
                        valid: ["[1, 2]"], invalid: ["[1, 2, 3]"]),
    ]

    @Test(arguments: cases)
    func acceptsAndRejects(_ suiteCase: SchemaSuiteCase) throws {
        let schema = try JSONSchema(JSONValue.parse(suiteCase.schema))
        for instance in suiteCase.valid {
            let violations = schema.validate(try JSONValue.parse(instance))
            #expect(violations.isEmpty, "\(instance) should be valid: \(violations)")
        }
        for instance in suiteCase.invalid {
            #expect(!schema.validate(try JSONValue.parse(instance)).isEmpty, "\(instance) should be invalid")
        }
    }

    @Test func messagesNameTheUnevaluatedMember() throws {
        let properties = try schemaViolations(##"{"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": false}"##, ##"{"a": 1, "b": 2}"##)
        #expect(properties == [JSONSchemaViolation(instancePath: "/b", schemaPath: "/unevaluatedProperties",
                                                   message: "is not allowed: no keyword of the schema covers this property and unevaluatedProperties is false")])
        let items = try schemaViolations(##"{"prefixItems": [{}], "unevaluatedItems": {"type": "string"}}"##, "[1, 2]")
        #expect(items == [JSONSchemaViolation(instancePath: "/1", schemaPath: "/unevaluatedItems/type", message: "must be a string, is a number")])
    }

    @Test func failingPropertyIsReportedOnceNotAlsoAsUnevaluated() throws {
        let violations = try schemaViolations(##"{"properties": {"a": {"type": "string"}}, "unevaluatedProperties": false}"##, ##"{"a": 1}"##)
        #expect(violations.map(\.schemaPath) == ["/properties/a/type"])
    }
}
