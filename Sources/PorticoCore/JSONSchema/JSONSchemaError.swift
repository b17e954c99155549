/// Why a schema document cannot be compiled, and where in it.
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSON Pointer into the schema document ("" is its root), e.g. "/properties/age/minimum".
    public let schemaPath: String
    /// What is wrong, e.g. "minimum must be a number, is a string".
    public let message: String

    public init(schemaPath: String, message: String) {
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String {
        "schema \(schemaPath.isEmpty ? "root" : schemaPath): \(message)"
    }
}
