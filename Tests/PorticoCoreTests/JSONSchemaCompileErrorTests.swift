import PorticoCore
import Testing

/// Schemas that are not valid fail to compile, with the JSON Pointer of the problem.
struct JSONSchemaCompileErrorTests {
    struct BadSchema: CustomTestStringConvertible, Sendable {
        let schema: String
        let schemaPath: String
        let message: String
        var testDescription: String { schema }
    }

    static let badSchemas: [BadSchema] = [
        BadSchema(schema: "1", schemaPath: "", message: "a schema must be an object or a boolean, is a number"),
        BadSchema(schema: ##"{"properties": {"a": "string"}}"##, schemaPath: "/properties/a", message: "a schema must be an object or a boolean, is a string"),
        BadSchema(schema: ##"{"type": "str"}"##, schemaPath: "/type",
                  message: ##""str" is not a type; types are null, boolean, object, array, number, string, integer"##),
        BadSchema(schema: ##"{"type": ["string", "string"]}"##, schemaPath: "/type", message: ##"type names "string" twice"##),
        BadSchema(schema: ##"{"type": 1}"##, schemaPath: "/type", message: "type must be a type name or an array of them, is a number"),
        BadSchema(schema: ##"{"minimum": "0"}"##, schemaPath: "/minimum", message: "minimum must be a number, is a string"),
        BadSchema(schema: ##"{"multipleOf": 0}"##, schemaPath: "/multipleOf", message: "multipleOf must be greater than 0, is 0"),
        BadSchema(schema: ##"{"maxLength": -1}"##, schemaPath: "/maxLength", message: "maxLength must be a non-negative integer, is -1"),
        BadSchema(schema: ##"{"minItems": 1.5}"##, schemaPath: "/minItems", message: "minItems must be a non-negative integer, is 1.5"),
        BadSchema(schema: ##"{"enum": 1}"##, schemaPath: "/enum", message: "enum must be an array, is a number"),
        BadSchema(schema: ##"{"required": ["a", 1]}"##, schemaPath: "/required/1", message: "required must be an array of strings; this element is a number"),
        BadSchema(schema: ##"{"dependentRequired": {"a": "b"}}"##, schemaPath: "/dependentRequired/a", message: "a must be an array of strings, is a string"),
        BadSchema(schema: ##"{"uniqueItems": 1}"##, schemaPath: "/uniqueItems", message: "uniqueItems must be a boolean, is a number"),
        BadSchema(schema: ##"{"allOf": []}"##, schemaPath: "/allOf", message: "allOf must be a non-empty array of schemas, is an array"),
        BadSchema(schema: ##"{"anyOf": {}}"##, schemaPath: "/anyOf", message: "anyOf must be a non-empty array of schemas, is an object"),
        BadSchema(schema: ##"{"properties": []}"##, schemaPath: "/properties", message: "properties must be an object of schemas, is an array"),
        BadSchema(schema: ##"{"pattern": "a("}"##, schemaPath: "/pattern", message: ##""a(" is not a valid regular expression"##),
        BadSchema(schema: ##"{"patternProperties": {"[": {}}}"##, schemaPath: "/patternProperties/[", message: ##""[" is not a valid regular expression"##),
        BadSchema(schema: ##"{"items": [{}]}"##, schemaPath: "/items",
                  message: ##"items must be a schema in draft 2020-12; for one schema per position use prefixItems (or declare "$schema": "http://json-schema.org/draft-07/schema#")"##),
        BadSchema(schema: ##"{"$schema": "http://json-schema.org/draft-04/schema#"}"##, schemaPath: "/$schema",
                  message: ##"unknown $schema dialect "http://json-schema.org/draft-04/schema#": supported are draft 2020-12 (https://json-schema.org/draft/2020-12/schema) and draft-07 (http://json-schema.org/draft-07/schema#)"##),
        BadSchema(schema: ##"{"$ref": "#/$defs/missing"}"##, schemaPath: "/$ref",
                  message: ##"$ref "#/$defs/missing" points to /$defs/missing, where the document has no value"##),
        BadSchema(schema: ##"{"$ref": "#nowhere"}"##, schemaPath: "/$ref", message: ##"$ref "#nowhere" names the anchor "nowhere", which no $anchor defines"##),
        BadSchema(schema: ##"{"$ref": "#/a~2"}"##, schemaPath: "/$ref", message: ##"$ref "#/a~2" has a fragment that is not a JSON Pointer"##),
        BadSchema(schema: ##"{"items": {"$ref": "https://example.com/schemas/address.json"}}"##, schemaPath: "/items/$ref",
                  message: ##"$ref "https://example.com/schemas/address.json" refers to https://example.com/schemas/address.json, which no $id in this document names; remote schemas are not fetched"##),
        BadSchema(schema: ##"{"properties": {"a": {"$ref": "other.json#/a"}}}"##, schemaPath: "/properties/a/$ref",
                  message: #"$ref "other.json#/a" refers to another document, which no $id in this document names; remote schemas are not fetched"#),
        BadSchema(schema: ##"{"$id": "https://example.com/a.json", "$ref": "b.json#/x"}"##, schemaPath: "/$ref",
                  message: ##"$ref "b.json#/x" refers to https://example.com/b.json, which no $id in this document names; remote schemas are not fetched"##),
        BadSchema(schema: ##"{"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"$ref": "#/$defs/z"}}}"##, schemaPath: "/$defs/y/$ref",
                  message: ##"$ref "#/$defs/z" points to /$defs/z, where the document has no value"##),
        BadSchema(schema: ##"{"$ref": "#/x-list/0", "x-list": [7]}"##, schemaPath: "/x-list/0",
                  message: "a schema must be an object or a boolean, is a number"),
        BadSchema(schema: ##"{"$id": "https://example.com/a.json#frag"}"##, schemaPath: "/$id",
                  message: ##"$id must not have a fragment ("#frag"); name a location with $anchor"##),
        BadSchema(schema: ##"{"$anchor": "1abc"}"##, schemaPath: "/$anchor",
                  message: ##""1abc" is not an anchor name (a letter or "_", then letters, digits, "-", "_" or ".")"##),
        BadSchema(schema: ##"{"$ref": 1}"##, schemaPath: "/$ref", message: "$ref must be a string, is a number"),
        BadSchema(schema: ##"{"not": {"if": {"format": 3}}}"##, schemaPath: "/not/if/format", message: "format must be a string, is a number"),
    ]

    @Test(arguments: badSchemas)
    func refusesWithLocation(_ bad: BadSchema) throws {
        let error = try #require(try schemaCompileError(bad.schema))
        #expect(error == JSONSchemaError(schemaPath: bad.schemaPath, message: bad.message))
    }

    @Test func acceptsKnownDialects() throws {
        for dialect in ["https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema"] {
            #expect(try schemaCompileError(##"{"$schema": "\##(dialect)", "type": "string"}"##) == nil)
        }
    }

    @Test func unknownKeywordsAndFormatsCompile() throws {
        #expect(try schemaCompileError(##"{"x-anything": [1, {"type": 3}], "format": "color", "title": "T", "definitions": 5}"##) == nil)
    }
}
