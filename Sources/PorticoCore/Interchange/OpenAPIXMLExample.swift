/// An example value written as XML, for APIs whose request bodies are XML: objects become elements
/// with one child per member, a list repeats its element, scalars are escaped text.
enum OpenAPIXMLExample {
    static func text(_ value: JSONValue, root: String) -> String {
        var lines: [String] = []
        write(value, name: root, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func write(_ value: JSONValue, name: String, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        switch value {
        case .object(let members):
            lines.append("\(indent)<\(name)>")
            for member in members { write(member.value, name: member.name, depth: depth + 1, into: &lines) }
            lines.append("\(indent)</\(name)>")
        case .array(let elements):
            for element in elements { write(element, name: name, depth: depth, into: &lines) }
        default:
            lines.append("\(indent)<\(name)>\(escaped(value.parameterText))</\(name)>")
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
