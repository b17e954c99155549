import Yams

/// Builds the YAML Portico writes: keys in a fixed order, text quoted only where YAML needs it,
/// multi-line text as literal blocks so bodies diff line by line in git.
enum YAMLWriter {
    static func text(_ value: String) -> Node {
        // A literal block cannot keep a CR (YAML folds CRLF into LF) or other control characters:
        // those texts stay double-quoted with escapes, so nothing changes on the way back in.
        let blockSafe = !value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) || $0 == "\u{FEFF}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }
        if value.contains("\n"), blockSafe {
            return Node(value, Tag(.str), .literal)
        }
        return .scalar(value.represented())
    }

    static func plain(_ value: String) -> Node { Node(value) }

    static func bool(_ value: Bool) -> Node { Node(value ? "true" : "false") }

    static func number(_ value: Double) -> Node {
        value == value.rounded() && abs(value) < 1e15 ? Node(String(Int(value))) : Node(String(value))
    }

    static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0), $0.1) })
    }

    static func sequence(_ items: [Node]) -> Node {
        Node(items)
    }

    static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }
}
