extension JSONValue {
    /// How `serialized(_:)` lays a document out.
    public enum Layout: Sendable {
        /// One line, no insignificant whitespace.
        case compact
        /// One member or element per line, indented by two spaces per level; `[]` and `{}` stay whole.
        /// Indentation stops growing after `maximumIndentLevels`, so that a hostile, deeply nested
        /// document cannot make the text grow with the square of its size.
        case indented
    }

    /// The document as JSON text. Numbers keep their literal spelling and members their order.
    ///
    /// Every control character (C0, DEL and C1) in a string is escaped, so the text can be shown in
    /// a terminal without a hostile document being able to send escape sequences to it.
    public static let maximumIndentLevels = 64

    public func serialized(_ layout: Layout = .compact) -> String {
        var writer = JSONTextWriter(indented: layout == .indented)
        writer.write(self)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Writes JSON text with an explicit stack of open containers, so depth costs no call stack.
private struct JSONTextWriter {
    let indented: Bool
    var output: [UInt8] = []

    /// An array or object whose children are partly written.
    private struct OpenContainer {
        let elements: [JSONValue]
        let members: [JSONValue.Member]
        let isObject: Bool
        var next = 0

        var count: Int { isObject ? members.count : elements.count }
    }

    init(indented: Bool) {
        self.indented = indented
    }

    mutating func write(_ root: JSONValue) {
        var stack: [OpenContainer] = []
        if let container = writeOpening(root) { stack.append(container) }
        while !stack.isEmpty {
            let top = stack.count - 1
            let index = stack[top].next
            if index < stack[top].count {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: stack.count)
                stack[top].next += 1
                let child: JSONValue
                if stack[top].isObject {
                    let member = stack[top].members[index]
                    writeString(member.name)
                    output.append(UInt8(ascii: ":"))
                    if indented { output.append(UInt8(ascii: " ")) }
                    child = member.value
                } else {
                    child = stack[top].elements[index]
                }
                if let container = writeOpening(child) { stack.append(container) }
            } else {
                let finished = stack.removeLast()
                newline(depth: stack.count)
                output.append(finished.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            }
        }
    }

    /// Writes a scalar whole, or the opening bracket of a non-empty container and returns it.
    private mutating func writeOpening(_ value: JSONValue) -> OpenContainer? {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.literal.utf8)
        case .string(let text): writeString(text)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            if elements.isEmpty {
                output.append(UInt8(ascii: "]"))
            } else {
                return OpenContainer(elements: elements, members: [], isObject: false)
            }
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            if members.isEmpty {
                output.append(UInt8(ascii: "}"))
            } else {
                return OpenContainer(elements: [], members: members, isObject: true)
            }
        }
        return nil
    }

    private mutating func newline(depth: Int) {
        guard indented else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: min(depth, JSONValue.maximumIndentLevels) * 2))
    }

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output.append(contentsOf: #"\""#.utf8)
            case 0x5C: output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20, 0x7F...0x9F:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigit(scalar.value >> 4))
                output.append(hexDigit(scalar.value & 0xF))
            case 0x20..<0x80:
                output.append(UInt8(truncatingIfNeeded: scalar.value))
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private func hexDigit(_ value: UInt32) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + UInt8(value) : UInt8(ascii: "a") + UInt8(value - 10)
    }
}
