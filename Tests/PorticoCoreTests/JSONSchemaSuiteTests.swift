import PorticoCore
import Testing

/// Compiles `schema` and validates `instance`, both JSON text.
func schemaViolations(_ schema: String, _ instance: String, assertFormats: Bool = false) throws -> [JSONSchemaViolation] {
    try JSONSchema(JSONValue.parse(schema), assertFormats: assertFormats).validate(JSONValue.parse(instance))
}

/// The compile error for `schema`, or nil when it compiles.
func schemaCompileError(_ schema: String) throws -> JSONSchemaError? {
    let document = try JSONValue.parse(schema)
    do throws(JSONSchemaError) {
        _ = try JSONSchema(document)
        return nil
    } catch {
        return error
    }
}

/// One schema with instances it must accept and instances it must reject, in the manner of the
/// JSON-Schema-Test-Suite (cases written for Portico).
struct SchemaSuiteCase: CustomTestStringConvertible, Sendable {
    let description: String
    let schema: String
    let valid: [String]
    let invalid: [String]

    init(_ description: String, _ schema: String, valid: [String], invalid: [String]) {
        self.description = description
        self.schema = schema
        self.valid = valid
        self.invalid = invalid
    }

    var testDescription: String { description }
}

struct JSONSchemaSuiteTests {
    static let cases: [SchemaSuiteCase] = [
        // type
        SchemaSuiteCase("type integer accepts 1.0 and 1e2", ##"{"type": "integer"}"##,
                        valid: ["1", "1.0", "-0", "1e2", "12345678901234567890"], invalid: ["1.5", "\"1\"", "null", "true", "[]", "{}", "1e-2"]),
        SchemaSuiteCase("type number", ##"{"type": "number"}"##, valid: ["1", "1.5", "-2e10"], invalid: ["\"1\"", "null", "false"]),
        SchemaSuiteCase("type string", ##"{"type": "string"}"##, valid: ["\"\"", "\"1\""], invalid: ["1", "null", "[]"]),
        SchemaSuiteCase("type null and boolean", ##"{"type": ["null", "boolean"]}"##, valid: ["null", "true", "false"], invalid: ["0", "\"\"", "{}"]),
        SchemaSuiteCase("type array and object", ##"{"type": ["array", "object"]}"##, valid: ["[]", "{}", "[1]"], invalid: ["1", "\"[]\"", "null"]),
        // enum and const
        SchemaSuiteCase("enum compares deeply and numbers by value", ##"{"enum": [1, "a", [1, 2], {"b": null}, false]}"##,
                        valid: ["1", "1.0", "\"a\"", "[1, 2]", "{\"b\": null}", "false"],
                        invalid: ["0", "\"b\"", "[2, 1]", "{\"b\": false}", "{\"b\": null, \"c\": 1}", "true", "null"]),
        SchemaSuiteCase("enum with false does not match 0", ##"{"enum": [false]}"##, valid: ["false"], invalid: ["0", "0.0"]),
        SchemaSuiteCase("const object ignores member order", ##"{"const": {"a": 1, "b": [true]}}"##,
                        valid: ["{\"b\": [true], \"a\": 1.0}"], invalid: ["{\"a\": 1}", "{\"a\": 1, \"b\": [1]}"]),
        SchemaSuiteCase("const null", ##"{"const": null}"##, valid: ["null"], invalid: ["0", "false", "\"\""]),
        // numbers
        SchemaSuiteCase("multipleOf integer", ##"{"multipleOf": 2}"##, valid: ["10", "0", "-4", "4.0", "\"x\""], invalid: ["7", "4.5"]),
        SchemaSuiteCase("multipleOf decimal is exact", ##"{"multipleOf": 0.01}"##, valid: ["0.07", "19.99", "1", "0.3e1"], invalid: ["0.075", "1e-3"]),
        SchemaSuiteCase("multipleOf 0.1 with 0.3", ##"{"multipleOf": 0.1}"##, valid: ["0.3", "1.2"], invalid: ["0.35"]),
        SchemaSuiteCase("multipleOf beyond 64 bits", ##"{"multipleOf": 2}"##, valid: ["18446744073709551616"], invalid: ["18446744073709551617"]),
        SchemaSuiteCase("multipleOf huge dividend", ##"{"multipleOf": 0.123456789}"##, valid: [], invalid: ["1e308"]),
        SchemaSuiteCase("maximum is inclusive", ##"{"maximum": 3.0}"##, valid: ["3", "2.9", "-10", "\"9\""], invalid: ["3.5", "4"]),
        SchemaSuiteCase("exclusiveMaximum", ##"{"exclusiveMaximum": 3}"##, valid: ["2.999"], invalid: ["3", "3.0", "4"]),
        SchemaSuiteCase("minimum with big integers", ##"{"minimum": 9007199254740993}"##,
                        valid: ["9007199254740993", "9007199254740994"], invalid: ["9007199254740992"]),
        SchemaSuiteCase("exclusiveMinimum", ##"{"exclusiveMinimum": -1}"##, valid: ["-0.5", "0"], invalid: ["-1", "-2"]),
        // strings
        SchemaSuiteCase("maxLength counts code points", ##"{"maxLength": 2}"##, valid: ["\"ab\"", "\"\u{1F600}\u{1F600}\"", "\"é\"", "100"], invalid: ["\"abc\"", "\"e\u{301}e\""]),
        SchemaSuiteCase("minLength", ##"{"minLength": 2}"##, valid: ["\"ab\"", "1"], invalid: ["\"a\"", "\"\u{1F600}\""]),
        SchemaSuiteCase("pattern is unanchored", ##"{"pattern": "a+b"}"##, valid: ["\"xxaab\"", "\"ab\"", "1"], invalid: ["\"ba\"", "\"\""]),
        SchemaSuiteCase("pattern anchors", ##"{"pattern": "^[a-z]+$"}"##, valid: ["\"abc\""], invalid: ["\"abc\\n\"", "\"Abc\"", "\"\""]),
        SchemaSuiteCase("pattern \\d is ASCII", ##"{"pattern": "^\\d+$"}"##, valid: ["\"0123\""], invalid: ["\"٣\"", "\"12a\""]),
        SchemaSuiteCase("pattern \\w is ASCII", ##"{"pattern": "^\\w+$"}"##, valid: ["\"a_1\""], invalid: ["\"é\""]),
        SchemaSuiteCase("format is an annotation by default", ##"{"format": "date"}"##, valid: ["\"not a date\"", "1"], invalid: []),
        // arrays
        SchemaSuiteCase("maxItems", ##"{"maxItems": 2}"##, valid: ["[]", "[1, 2]", "\"abc\""], invalid: ["[1, 2, 3]"]),
        SchemaSuiteCase("minItems 1.0", ##"{"minItems": 1.0}"##, valid: ["[1]"], invalid: ["[]"]),
        SchemaSuiteCase("uniqueItems compares deeply", ##"{"uniqueItems": true}"##,
                        valid: ["[1, \"1\"]", "[[1], [2]]", "[{\"a\": 1}, {\"a\": 2}]", "[0, false]", "[]"],
                        invalid: ["[1, 1.0]", "[[1, 2], [1, 2]]", "[{\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}]", "[null, null]"]),
        SchemaSuiteCase("uniqueItems false", ##"{"uniqueItems": false}"##, valid: ["[1, 1]"], invalid: []),
        SchemaSuiteCase("prefixItems", ##"{"prefixItems": [{"type": "integer"}, {"type": "string"}]}"##,
                        valid: ["[]", "[1]", "[1, \"a\"]", "[1, \"a\", null]"], invalid: ["[\"a\"]", "[1, 2]"]),
        SchemaSuiteCase("items after prefixItems", ##"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"##,
                        valid: ["[\"a\"]", "[\"a\", 1, 2]"], invalid: ["[\"a\", \"b\"]", "[1]"]),
        SchemaSuiteCase("items false closes a tuple", ##"{"prefixItems": [{}, {}], "items": false}"##,
                        valid: ["[1]", "[1, 2]"], invalid: ["[1, 2, 3]"]),
        SchemaSuiteCase("contains", ##"{"contains": {"minimum": 5}}"##, valid: ["[3, 5]", "[6]", "{}"], invalid: ["[]", "[1, 2]"]),
        SchemaSuiteCase("minContains and maxContains", ##"{"contains": {"const": 1}, "minContains": 2, "maxContains": 3}"##,
                        valid: ["[1, 1]", "[1, 1, 1, 2]"], invalid: ["[1]", "[1, 1, 1, 1]", "[2, 2]"]),
        SchemaSuiteCase("minContains 0 accepts an array without matches", ##"{"contains": {"const": 1}, "minContains": 0}"##,
                        valid: ["[]", "[2]"], invalid: []),
        SchemaSuiteCase("maxContains without contains is ignored", ##"{"maxContains": 0}"##, valid: ["[1]"], invalid: []),
        // objects
        SchemaSuiteCase("maxProperties", ##"{"maxProperties": 1}"##, valid: ["{}", "{\"a\": 1}", "[1, 2]"], invalid: ["{\"a\": 1, \"b\": 2}"]),
        SchemaSuiteCase("minProperties", ##"{"minProperties": 1}"##, valid: ["{\"a\": 1}", "\"\""], invalid: ["{}"]),
        SchemaSuiteCase("required", ##"{"required": ["a", "b"]}"##, valid: ["{\"a\": 1, \"b\": null}", "[]"], invalid: ["{\"a\": 1}", "{}"]),
        SchemaSuiteCase("dependentRequired", ##"{"dependentRequired": {"card": ["billing"]}}"##,
                        valid: ["{}", "{\"billing\": 1}", "{\"card\": 1, \"billing\": 2}"], invalid: ["{\"card\": 1}"]),
        SchemaSuiteCase("properties", ##"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}"##,
                        valid: ["{\"a\": 1, \"b\": \"x\"}", "{\"c\": []}", "{}", "7"], invalid: ["{\"a\": \"1\"}", "{\"a\": 1, \"b\": 2}"]),
        SchemaSuiteCase("properties with escaped names", ##"{"properties": {"a/b": {"type": "integer"}, "c~d": false}}"##,
                        valid: ["{\"a/b\": 1}"], invalid: ["{\"a/b\": \"1\"}", "{\"c~d\": 1}"]),
        SchemaSuiteCase("patternProperties", ##"{"patternProperties": {"^x-": {"type": "string"}, "id$": {"type": "integer"}}}"##,
                        valid: ["{\"x-a\": \"s\", \"userid\": 3, \"other\": true}"], invalid: ["{\"x-a\": 1}", "{\"x-id\": \"s\"}"]),
        SchemaSuiteCase("additionalProperties", ##"{"properties": {"a": {}}, "patternProperties": {"^x": {}}, "additionalProperties": {"type": "boolean"}}"##,
                        valid: ["{\"a\": 1, \"xy\": 2, \"z\": true}"], invalid: ["{\"z\": 1}"]),
        SchemaSuiteCase("additionalProperties false", ##"{"properties": {"a": {}}, "additionalProperties": false}"##,
                        valid: ["{\"a\": 1}", "{}"], invalid: ["{\"b\": 1}"]),
        SchemaSuiteCase("propertyNames", ##"{"propertyNames": {"maxLength": 3, "pattern": "^[a-z]"}}"##,
                        valid: ["{\"abc\": 1}", "{}", "[\"abcdef\"]"], invalid: ["{\"abcd\": 1}", "{\"1ab\": 1}"]),
        SchemaSuiteCase("propertyNames false", ##"{"propertyNames": false}"##, valid: ["{}"], invalid: ["{\"a\": 1}"]),
        SchemaSuiteCase("dependentSchemas", ##"{"dependentSchemas": {"card": {"required": ["billing"], "properties": {"card": {"type": "string"}}}}}"##,
                        valid: ["{}", "{\"card\": \"x\", \"billing\": 1}"], invalid: ["{\"card\": \"x\"}", "{\"card\": 1, \"billing\": 1}"]),
        // applicators
        SchemaSuiteCase("allOf", ##"{"allOf": [{"type": "integer"}, {"minimum": 3}]}"##, valid: ["3", "10"], invalid: ["2", "3.5"]),
        SchemaSuiteCase("anyOf", ##"{"anyOf": [{"type": "string"}, {"minimum": 3}]}"##, valid: ["\"a\"", "3"], invalid: ["2"]),
        SchemaSuiteCase("oneOf", ##"{"oneOf": [{"type": "integer"}, {"minimum": 3}]}"##, valid: ["1", "3.5"], invalid: ["3", "2.5"]),
        SchemaSuiteCase("not", ##"{"not": {"type": "string"}}"##, valid: ["1", "null"], invalid: ["\"a\""]),
        SchemaSuiteCase("if then else", ##"{"if": {"type": "integer"}, "then": {"minimum": 0}, "else": {"type": "string"}}"##,
                        valid: ["0", "\"a\""], invalid: ["-1", "1.5"]),
        SchemaSuiteCase("then without if is ignored", ##"{"then": false, "else": false}"##, valid: ["1"], invalid: []),
        SchemaSuiteCase("if without then or else", ##"{"if": false}"##, valid: ["1"], invalid: []),
        SchemaSuiteCase("boolean schema true", "true", valid: ["1", "null", "{}"], invalid: []),
        SchemaSuiteCase("boolean schema false", "false", valid: [], invalid: ["1", "null", "{}"]),
        SchemaSuiteCase("empty schema", "{}", valid: ["1", "[]", "\"\""], invalid: []),
        SchemaSuiteCase("unknown keywords are ignored", ##"{"x-portico": {"type": "string"}, "title": "t"}"##, valid: ["1"], invalid: []),
        // draft-07
        SchemaSuiteCase("draft-07 items array and additionalItems",
                        ##"{"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "integer"}], "additionalItems": {"type": "string"}}"##,
                        valid: ["[1, \"a\", \"b\"]", "[]"], invalid: ["[\"a\"]", "[1, 2]"]),
        SchemaSuiteCase("draft-07 items schema",
                        ##"{"$schema": "http://json-schema.org/draft-07/schema#", "items": {"type": "integer"}, "additionalItems": false}"##,
                        valid: ["[1, 2, 3]"], invalid: ["[1, \"a\"]"]),
        SchemaSuiteCase("draft-07 definitions and $ref ignoring siblings",
                        ##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/definitions/n", "maximum": 0}}}"##,
                        valid: ["{\"a\": 5}"], invalid: ["{\"a\": \"5\"}"]),
        SchemaSuiteCase("draft-07 dependencies",
                        ##"{"$schema": "http://json-schema.org/draft-07/schema", "dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"##,
                        valid: ["{\"a\": 1, \"b\": 1}", "{\"c\": 1, \"d\": 1}", "{}"], invalid: ["{\"a\": 1}", "{\"c\": 1}"]),
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

    @Test func oneCompiledSchemaServesConcurrentValidations() async throws {
        let schema = try JSONSchema(JSONValue.parse(##"{"items": {"pattern": "^a"}}"##))
        let failures = await withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { schema.validate(.array([.string(index.isMultiple(of: 2) ? "a" : "b")])).count }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 4)
    }
}
