/// One way an instance fails a schema.
public struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// JSON Pointer into the instance ("" is the root), e.g. "/users/0/age".
    public let instancePath: String
    /// JSON Pointer of the failing keyword in the schema document, e.g.
    /// "/properties/users/items/properties/age/minimum". Through a `$ref` this is where the keyword
    /// is written, not the path taken to reach it, so it can always be looked up in the schema.
    public let schemaPath: String
    /// For a person, e.g. "must be at least 0, is -3".
    public let message: String

    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message) (schema \(schemaPath.isEmpty ? "root" : schemaPath))"
    }
}
