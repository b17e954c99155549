import PorticoCore
import Testing

/// `$ref` by JSON Pointer, `$id` and `$anchor`; recursion, cycles and depth.
struct JSONSchemaReferenceTests {
    static let cases: [SchemaSuiteCase] = [
        SchemaSuiteCase("root pointer ref", ##"{"properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##,
                        valid: ["{}", "{\"child\": {\"child\": {}}}"], invalid: ["{\"x\": 1}", "{\"child\": {\"x\": 1}}"]),
        SchemaSuiteCase("ref into $defs", ##"{"$defs": {"positive": {"exclusiveMinimum": 0}}, "items": {"$ref": "#/$defs/positive"}}"##,
                        valid: ["[1, 2]"], invalid: ["[1, 0]"]),
        SchemaSuiteCase("ref with escaped and percent-encoded pointer",
                        ##"{"$defs": {"a/b": {"type": "integer"}, "c~d": {"type": "string"}, "e%f": {"type": "null"}, "g h": {"type": "boolean"}}, "prefixItems": [{"$ref": "#/$defs/a~1b"}, {"$ref": "#/$defs/c~0d"}, {"$ref": "#/$defs/e%25f"}, {"$ref": "#/$defs/g%20h"}]}"##,
                        valid: ["[1, \"s\", null, true]"], invalid: ["[\"1\"]", "[1, 2]", "[1, \"s\", 0]", "[1, \"s\", null, 0]"]),
        SchemaSuiteCase("ref to an array element", ##"{"x-list": [{"type": "string"}, {"type": "integer"}], "$ref": "#/x-list/1"}"##,
                        valid: ["1"], invalid: ["\"a\""]),
        SchemaSuiteCase("ref into an unknown keyword", ##"{"definitions": {"n": {"type": "number"}}, "$ref": "#/definitions/n"}"##,
                        valid: ["1"], invalid: ["\"a\""]),
        SchemaSuiteCase("ref with siblings in 2020-12", ##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n", "minimum": 5}"##,
                        valid: ["5"], invalid: ["4", "5.5"]),
        SchemaSuiteCase("ref chain", ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"}}, "$ref": "#/$defs/a"}"##,
                        valid: ["\"x\""], invalid: ["1"]),
        SchemaSuiteCase("$anchor", ##"{"$defs": {"name": {"$anchor": "name", "type": "string"}}, "properties": {"n": {"$ref": "#name"}}}"##,
                        valid: ["{\"n\": \"x\"}"], invalid: ["{\"n\": 1}"]),
        SchemaSuiteCase("$id of an embedded resource",
                        ##"{"$id": "https://example.com/root.json", "$defs": {"item": {"$id": "item.json", "type": "integer", "$defs": {"deep": {"$anchor": "deep", "type": "string"}}}}, "properties": {"a": {"$ref": "item.json"}, "b": {"$ref": "https://example.com/item.json"}, "c": {"$ref": "item.json#deep"}, "d": {"$ref": "item.json#/$defs/deep"}}}"##,
                        valid: ["{\"a\": 1, \"b\": 2, \"c\": \"x\", \"d\": \"y\"}"], invalid: ["{\"a\": \"1\"}", "{\"b\": \"2\"}", "{\"c\": 1}", "{\"d\": 1}"]),
        SchemaSuiteCase("relative refs resolve against the nearest $id",
                        ##"{"$id": "https://example.com/schemas/root", "$defs": {"inner": {"$id": "nested/inner", "$ref": "sibling"}, "sibling": {"$id": "nested/sibling", "type": "null"}}, "$ref": "nested/inner"}"##,
                        valid: ["null"], invalid: ["1"]),
        SchemaSuiteCase("urn $id", ##"{"$id": "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", "$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s"}"##,
                        valid: ["\"x\""], invalid: ["1"]),
        SchemaSuiteCase("$dynamicRef resolves like $ref", ##"{"$defs": {"t": {"$dynamicAnchor": "t", "type": "string"}}, "items": {"$dynamicRef": "#t"}}"##,
                        valid: ["[\"a\"]"], invalid: ["[1]"]),
        SchemaSuiteCase("draft-07 $id anchor",
                        ##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"$id": "#foo", "type": "integer"}}, "$ref": "#foo"}"##,
                        valid: ["1"], invalid: ["\"a\""]),
        SchemaSuiteCase("recursive tree",
                        ##"{"$defs": {"node": {"type": "object", "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "required": ["value"]}}, "$ref": "#/$defs/node"}"##,
                        valid: ["{\"value\": 1, \"children\": [{\"value\": 2, \"children\": []}, {\"value\": 3}]}"],
                        invalid: ["{\"value\": 1, \"children\": [{\"value\": \"2\"}]}", "{\"value\": 1, \"children\": [{}]}"]),
        SchemaSuiteCase("anyOf recursion that terminates on progress",
                        ##"{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#"}}]}"##,
                        valid: ["1", "[1, [2, [3]]]"], invalid: ["[1, [\"x\"]]"]),
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

    @Test func violationsThroughARefNameWhereTheKeywordIsWritten() throws {
        let violations = try schemaViolations(##"{"$defs": {"age": {"minimum": 0}}, "properties": {"age": {"$ref": "#/$defs/age"}}}"##, ##"{"age": -1}"##)
        #expect(violations == [JSONSchemaViolation(instancePath: "/age", schemaPath: "/$defs/age/minimum", message: "must be at least 0, is -1")])
    }

    @Test func refCycleWithoutProgressIsAViolationNotAHang() throws {
        let schema = ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##
        let violations = try schemaViolations(schema, "1")
        #expect(violations == [JSONSchemaViolation(instancePath: "", schemaPath: "/$defs/b/$ref",
                                                   message: ##"cannot be validated: $ref "#/$defs/a" leads back to itself without moving into the value"##)])
        let selfReference = try schemaViolations(##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##, "1")
        #expect(selfReference.count == 1)
        #expect(try schemaViolations(##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##, ##""s""##).isEmpty)
    }

    @Test func deepInstanceWithRecursiveSchemaReportsInsteadOfCrashing() throws {
        let depth = JSONValue.maximumNestingDepth
        let instance = try JSONValue.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        let schema = try JSONSchema(JSONValue.parse(##"{"type": "array", "items": {"$ref": "#"}}"##))
        let violations = schema.validate(instance)
        #expect(violations.count == 1)
        #expect(violations.first?.message.hasPrefix("cannot be validated: the schema applies more than") == true)
        // Within the limit, a deep instance validates normally.
        let shallow = try JSONValue.parse(String(repeating: "[", count: 50) + String(repeating: "]", count: 50))
        #expect(schema.validate(shallow).isEmpty)
    }

    @Test func deepSchemaIsACompileErrorNotACrash() throws {
        let depth = JSONValue.maximumNestingDepth / 2
        let text = String(repeating: ##"{"not": "##, count: depth) + "{}" + String(repeating: "}", count: depth)
        let error = try #require(try schemaCompileError(text))
        #expect(error.message.hasPrefix("subschemas nest deeper than"))
    }

    @Test func deepNestingInsideEnumIsJustAValue() throws {
        let depth = JSONValue.maximumNestingDepth - 2
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let schema = try JSONSchema(JSONValue.parse(##"{"enum": ["## + deep + "]}"))
        #expect(schema.validate(try JSONValue.parse(deep)).isEmpty)
        #expect(schema.validate(try JSONValue.parse("[]")).count == 1)
    }
}
