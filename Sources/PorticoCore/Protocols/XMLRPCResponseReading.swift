/// Decodes an XML-RPC `methodResponse` into readable lines: its value (or fault) as a tree, one
/// line per scalar, members and array items indented under their container.
enum XMLRPCResponseReading {
    /// Deeper values are cut: a hostile answer must not make the tree unbounded in width.
    static let maximumDepth = 32

    static func read(_ tree: XMLElementTree) -> ProtocolResponse? {
        let root = tree.root
        guard root.name == "methodResponse" else { return nil }
        if let fault = tree.descendant(["fault", "value"], of: root) {
            var lines: [String] = []
            append(fault, label: "fault", depth: 0, tree, &lines)
            let members = tree.child("struct", of: fault).map { tree.children(of: $0) } ?? []
            func member(_ name: String) -> String? {
                members.first { tree.child("name", of: $0).map(tree.trimmedText) == name }
                    .flatMap { tree.child("value", of: $0) }.map { scalarText($0, tree) }
            }
            let error = "fault \(member("faultCode") ?? "?"): \(member("faultString") ?? "")"
            return ProtocolResponse(kind: .xmlRPC, errors: [error], summary: "XML-RPC: \(error)", tree: lines)
        }
        let params = tree.child("params", of: root).map { tree.children(of: $0).filter { $0.name == "param" } } ?? []
        var lines: [String] = []
        for (index, param) in params.enumerated() {
            guard let value = tree.child("value", of: param) else { continue }
            append(value, label: params.count == 1 ? "result" : "param \(index + 1)", depth: 0, tree, &lines)
        }
        return ProtocolResponse(kind: .xmlRPC, errors: [], summary: "XML-RPC: \(params.count == 1 ? "1 value" : "\(params.count) values")", tree: lines)
    }

    private static func append(_ value: XMLElementTree.Element, label: String, depth: Int, _ tree: XMLElementTree, _ lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        guard depth < maximumDepth else {
            lines.append("\(pad)\(label): …")
            return
        }
        guard let typed = tree.children(of: value).first else {
            // A value with no type element is a string.
            lines.append("\(pad)\(label): string \(quoted(value.text))")
            return
        }
        switch typed.name {
        case "array":
            let items = tree.child("data", of: typed).map { tree.children(of: $0).filter { $0.name == "value" } } ?? []
            lines.append("\(pad)\(label): array of \(items.count)")
            for (index, item) in items.enumerated() { append(item, label: "[\(index + 1)]", depth: depth + 1, tree, &lines) }
        case "struct":
            let members = tree.children(of: typed).filter { $0.name == "member" }
            lines.append("\(pad)\(label): struct")
            for member in members {
                guard let item = tree.child("value", of: member) else { continue }
                append(item, label: tree.child("name", of: member).map(tree.trimmedText) ?? "?", depth: depth + 1, tree, &lines)
            }
        case "string":
            lines.append("\(pad)\(label): string \(quoted(typed.text))")
        case "i4":
            lines.append("\(pad)\(label): int \(tree.trimmedText(typed))")
        case "boolean":
            lines.append("\(pad)\(label): boolean \(tree.trimmedText(typed) == "1" ? "true" : "false")")
        default:
            lines.append("\(pad)\(label): \(typed.name) \(tree.trimmedText(typed))")
        }
    }

    /// The text of a scalar value, typed or not.
    private static func scalarText(_ value: XMLElementTree.Element, _ tree: XMLElementTree) -> String {
        tree.children(of: value).first.map(tree.trimmedText) ?? value.text
    }

    /// Strings are quoted so empty and space-padded ones show; a line break shows as \n.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
