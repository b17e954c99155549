/// Reading other tools' JSON exports, which are loose about types: a value the schema calls a
/// string may be a number or a boolean, and a missing list is an empty one.
extension JSONValue {
    /// Parses an imported file; malformed JSON is an input error naming `source` and the line and column.
    static func parseImported(_ text: String, source: String) throws(PorticoError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw .input("\(source) is not JSON: \(error)")
        }
    }

    /// A string as it is; a number or boolean as written; nil for anything else.
    var importedText: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// The elements of an array; empty for anything else.
    var importedList: [JSONValue] {
        if case .array(let elements) = self { elements } else { [] }
    }

    /// The members of an object; empty for anything else.
    var importedMembers: [Member] {
        if case .object(let members) = self { members } else { [] }
    }

    var isImportedObject: Bool {
        if case .object = self { true } else { false }
    }

    /// True only for `true` (and the string "true", which some exports write).
    var importedFlag: Bool {
        switch self {
        case .bool(let flag): flag
        case .string(let text): text == "true"
        default: false
        }
    }
}
