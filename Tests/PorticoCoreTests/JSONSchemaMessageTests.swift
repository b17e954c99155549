import PorticoCore
import Testing

/// Each keyword's violation: where in the instance, which keyword of the schema, and what it says.
struct JSONSchemaMessageTests {
    private func expectOne(_ schema: String, _ instance: String, _ instancePath: String, _ schemaPath: String, _ message: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let violations = try schemaViolations(schema, instance)
        #expect(violations == [JSONSchemaViolation(instancePath: instancePath, schemaPath: schemaPath, message: message)],
                sourceLocation: sourceLocation)
    }

    @Test func nestedMinimumNamesBothPaths() throws {
        let schema = ##"{"properties": {"users": {"items": {"properties": {"age": {"minimum": 0}}}}}}"##
        try expectOne(schema, ##"{"users": [{"age": 4}, {"age": -3}]}"##,
                      "/users/1/age", "/properties/users/items/properties/age/minimum", "must be at least 0, is -3")
    }

    @Test func typeMessages() throws {
        try expectOne(##"{"type": "string"}"##, "12", "", "/type", "must be a string, is a number")
        try expectOne(##"{"type": ["integer", "null"]}"##, "1.5", "", "/type", "must be an integer or null, is a number")
        try expectOne(##"{"type": "object"}"##, "[]", "", "/type", "must be an object, is an array")
    }

    @Test func enumAndConstQuoteTheValues() throws {
        try expectOne(##"{"enum": ["red", "green", 3]}"##, ##""blue""##, "", "/enum", ##"must be one of "red", "green", 3; is "blue""##)
        try expectOne(##"{"const": {"a": [1]}}"##, ##"{"a": [2]}"##, "", "/const", ##"must be {"a":[1]}, is {"a":[2]}"##)
    }

    @Test func numberMessagesKeepTheLiterals() throws {
        try expectOne(##"{"multipleOf": 0.5}"##, "1.25", "", "/multipleOf", "must be a multiple of 0.5, is 1.25")
        try expectOne(##"{"maximum": 10}"##, "1.1e1", "", "/maximum", "must be at most 10, is 1.1e1")
        try expectOne(##"{"exclusiveMaximum": 10}"##, "10.0", "", "/exclusiveMaximum", "must be less than 10, is 10.0")
        try expectOne(##"{"exclusiveMinimum": 0}"##, "0", "", "/exclusiveMinimum", "must be greater than 0, is 0")
    }

    @Test func stringMessages() throws {
        try expectOne(##"{"maxLength": 3}"##, ##""abcde""##, "", "/maxLength", "must be at most 3 characters long, is 5")
        try expectOne(##"{"minLength": 2}"##, ##""😀""##, "", "/minLength", "must be at least 2 characters long, is 1")
        try expectOne(##"{"pattern": "^[0-9]+$"}"##, ##""12a""##, "", "/pattern", ##"must match the pattern "^[0-9]+$", is "12a""##)
    }

    @Test func longValuesAreCutInMessages() throws {
        let long = String(repeating: "x", count: 100)
        let violations = try schemaViolations(##"{"const": "a"}"##, "\"\(long)\"")
        #expect(violations.first?.message == "must be \"a\", is \"" + String(repeating: "x", count: 59) + "…")
    }

    @Test func arrayMessages() throws {
        try expectOne(##"{"maxItems": 1}"##, "[1, 2]", "", "/maxItems", "must have at most 1 item, has 2")
        try expectOne(##"{"minItems": 3}"##, "[1, 2]", "", "/minItems", "must have at least 3 items, has 2")
        try expectOne(##"{"uniqueItems": true}"##, "[1, 2, 1.0]", "", "/uniqueItems", "must have unique items, but items 0 and 2 are equal")
        try expectOne(##"{"contains": {"type": "string"}}"##, "[1]", "", "/contains", "must contain at least 1 item matching contains, has 0")
        try expectOne(##"{"contains": {"type": "string"}, "minContains": 2}"##, ##"["a", 1]"##, "", "/minContains",
                      "must contain at least 2 items matching contains, has 1")
        try expectOne(##"{"contains": {"type": "string"}, "maxContains": 1}"##, ##"["a", "b"]"##, "", "/maxContains",
                      "must contain at most 1 item matching contains, has 2")
    }

    @Test func itemMessagesPointAtTheItem() throws {
        try expectOne(##"{"prefixItems": [{"type": "integer"}], "items": {"type": "string"}}"##, ##"[1, "a", 3]"##,
                      "/2", "/items/type", "must be a string, is a number")
        try expectOne(##"{"prefixItems": [{"type": "integer"}]}"##, ##"["a"]"##, "/0", "/prefixItems/0/type", "must be an integer, is a string")
        try expectOne(##"{"prefixItems": [{}], "items": false}"##, "[1, 2]", "/1", "/items", "is not allowed: the array may have at most 1 item")
        try expectOne(##"{"items": false}"##, "[1]", "/0", "/items", "is not allowed: the array must be empty")
    }

    @Test func objectMessages() throws {
        try expectOne(##"{"maxProperties": 1}"##, ##"{"a": 1, "b": 2}"##, "", "/maxProperties", "must have at most 1 property, has 2")
        try expectOne(##"{"minProperties": 1}"##, "{}", "", "/minProperties", "must have at least 1 property, has 0")
        let violations = try schemaViolations(##"{"required": ["id", "name", "age"]}"##, ##"{"age": 1}"##)
        #expect(violations == [
            JSONSchemaViolation(instancePath: "", schemaPath: "/required", message: ##"is missing the required property "id""##),
            JSONSchemaViolation(instancePath: "", schemaPath: "/required", message: ##"is missing the required property "name""##),
        ])
        try expectOne(##"{"dependentRequired": {"card": ["billing"]}}"##, ##"{"card": 1}"##, "", "/dependentRequired",
                      ##"is missing the property "billing", required when "card" is present"##)
    }

    @Test func propertyMessagesPointAtTheMember() throws {
        try expectOne(##"{"properties": {"a/b": {"properties": {"c~d": {"type": "string"}}}}}"##, ##"{"a/b": {"c~d": 1}}"##,
                      "/a~1b/c~0d", "/properties/a~1b/properties/c~0d/type", "must be a string, is a number")
        try expectOne(##"{"properties": {"a": {}}, "additionalProperties": false}"##, ##"{"a": 1, "b": 2}"##,
                      "/b", "/additionalProperties", "is not allowed: the schema lists its properties and has additionalProperties false")
        try expectOne(##"{"additionalProperties": {"type": "integer"}}"##, ##"{"x": "1"}"##, "/x", "/additionalProperties/type",
                      "must be an integer, is a string")
        try expectOne(##"{"patternProperties": {"^x-": {"type": "string"}}}"##, ##"{"x-id": 1}"##, "/x-id", "/patternProperties/^x-/type",
                      "must be a string, is a number")
        try expectOne(##"{"patternProperties": {"^x-": false}}"##, ##"{"x-id": 1}"##, "/x-id", "/patternProperties/^x-",
                      ##"is not allowed: its name matches "^x-""##)
        try expectOne(##"{"properties": {"secret": false}}"##, ##"{"secret": 1}"##, "/secret", "/properties/secret",
                      "is not allowed: properties forbids it")
        try expectOne(##"{"propertyNames": {"maxLength": 3}}"##, ##"{"long": 1}"##, "/long", "/propertyNames/maxLength",
                      "property name must be at most 3 characters long, is 4")
        try expectOne(##"{"dependentSchemas": {"a": {"required": ["b"]}}}"##, ##"{"a": 1}"##, "", "/dependentSchemas/a/required",
                      ##"is missing the required property "b""##)
    }

    @Test func everyViolationIsReported() throws {
        let schema = ##"{"type": "object", "properties": {"name": {"type": "string", "minLength": 2}, "tags": {"items": {"type": "string"}}}, "required": ["id"]}"##
        let violations = try schemaViolations(schema, ##"{"name": "", "tags": ["a", 2, null]}"##)
        #expect(violations.map { "\($0.instancePath) \($0.schemaPath)" } == [
            " /required",
            "/name /properties/name/minLength",
            "/tags/1 /properties/tags/items/type",
            "/tags/2 /properties/tags/items/type",
        ])
    }

    @Test func applicatorMessages() throws {
        try expectOne(##"{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 3}]}"##, "1", "", "/anyOf",
                      "must match at least one schema of anyOf (0: must be a string, is a number; 1: must be at least 3, is 1)")
        try expectOne(##"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"##, "5", "", "/oneOf",
                      "must match exactly one schema of oneOf, matches 2: 0, 1")
        try expectOne(##"{"oneOf": [{"properties": {"a": {"type": "string"}}}, false]}"##, ##"{"a": 1}"##, "", "/oneOf",
                      "must match exactly one schema of oneOf, matches none (0: at /a must be a string, is a number; 1: is not allowed: the schema here is false)")
        try expectOne(##"{"not": {"type": "integer"}}"##, "1", "", "/not", "must not match the schema of not")
        let allOf = try schemaViolations(##"{"allOf": [{"minimum": 2}, {"maximum": 0}]}"##, "1")
        #expect(allOf == [
            JSONSchemaViolation(instancePath: "", schemaPath: "/allOf/0/minimum", message: "must be at least 2, is 1"),
            JSONSchemaViolation(instancePath: "", schemaPath: "/allOf/1/maximum", message: "must be at most 0, is 1"),
        ])
        try expectOne(##"{"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"maxProperties": 0}}"##, ##"{"a": 1}"##,
                      "", "/then/required", ##"is missing the required property "b""##)
        try expectOne(##"{"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"maxProperties": 0}}"##, ##"{"c": 1}"##,
                      "", "/else/maxProperties", "must have at most 0 properties, has 1")
        try expectOne("false", "1", "", "", "is not allowed: the schema here is false")
    }

    @Test func descriptionsReadAsOneLine() throws {
        let violation = JSONSchemaViolation(instancePath: "/a", schemaPath: "/properties/a/type", message: "must be a string, is a number")
        #expect(violation.description == "/a: must be a string, is a number (schema /properties/a/type)")
        #expect(JSONSchemaViolation(instancePath: "", schemaPath: "", message: "m").description == "(root): m (schema root)")
        #expect(JSONSchemaError(schemaPath: "/minimum", message: "m").description == "schema /minimum: m")
    }
}
