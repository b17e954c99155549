/// How violations and compile errors show values and types to a person.
extension JSONValue {
    /// "null", "a boolean", "a number", "a string", "an array" or "an object".
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Longest value text a message quotes; a long string or document is cut with "…".
    private static let messageTextLimit = 60

    /// The value as compact JSON, cut to a length that fits a message.
    var messageText: String {
        let text = serialized()
        guard text.count > JSONValue.messageTextLimit else { return text }
        return String(text.prefix(JSONValue.messageTextLimit)) + "…"
    }
}

extension SchemaType {
    /// "a string", "an integer", "null"...
    var articleName: String {
        switch self {
        case .null: "null"
        case .integer, .array, .object: "an \(rawValue)"
        case .boolean, .number, .string: "a \(rawValue)"
        }
    }
}
