/// A compiled JSON Schema (draft 2020-12, and draft-07 documents), ready to validate instances.
///
/// Compiling checks the schema itself: keyword values of the wrong type, invalid regular
/// expressions, `$ref`s that lead nowhere (remote schemas are never fetched), unknown `$schema`
/// dialects. Validation reports every violation, each with where it is in the instance and which
/// keyword of the schema it breaks. `format` is an annotation, as draft 2020-12 says, unless the
/// schema is compiled with `assertFormats`. See docs/json-schema.md.
public struct JSONSchema: Sendable {
    private let program: SchemaProgram

    /// Compiles a schema document; throws for a schema that is not valid, naming the location
    /// (JSON Pointer) of the problem in the document.
    public init(_ document: JSONValue) throws(JSONSchemaError) {
        try self.init(document, assertFormats: false)
    }

    /// As `init(_:)`; with `assertFormats`, `format` also fails strings that are not a valid
    /// date-time, date, email, uuid, ipv4, ipv6 or uri (other formats stay annotations).
    public init(_ document: JSONValue, assertFormats: Bool) throws(JSONSchemaError) {
        var compiler = SchemaCompiler(document: document, assertsFormats: assertFormats)
        program = try compiler.compile()
    }

    /// Every way `instance` fails the schema; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        var evaluator = SchemaEvaluator(program: program)
        return evaluator.evaluate(program.root, instance, at: "", depth: 0).violations
    }
}
