/// Re-indents JSON token by token, keeping the document's own key order and number spelling,
/// and tags each piece for syntax highlighting. Invalid JSON is reported, not guessed at.
public enum JSONPrettyPrinter {
    public enum TokenKind: Hashable, Sendable {
        case punctuation, key, string, number, literal, plain
    }

    public struct Piece: Hashable, Sendable {
        public var text: String
        public var kind: TokenKind
    }

    public typealias Line = [Piece]

    /// The pretty lines, or nil when `text` is not one JSON value.
    public static func lines(_ text: String, indent: Int = 2) -> [Line]? {
        var scanner = Scanner(Array(text.unicodeScalars))
        var lines: [Line] = []
        var current: Line = []
        var depth = 0
        // Whether the next string is an object key (after `{` or `,` inside an object).
        var containers: [Character] = []
        var expectKey = false
        var sawValue = false

        func newline() {
            lines.append(current)
            current = [Piece(text: String(repeating: " ", count: depth * indent), kind: .plain)]
        }

        current = []
        while let token = scanner.next() {
            switch token {
            case .invalid:
                return nil
            case .open(let bracket):
                current.append(Piece(text: String(bracket), kind: .punctuation))
                containers.append(bracket)
                depth += 1
                if scanner.peekClose() {
                    // Keep `{}` and `[]` on one line.
                    continue
                }
                newline()
                expectKey = bracket == "{"
            case .close(let bracket):
                depth -= 1
                guard depth >= 0, containers.popLast() == (bracket == "}" ? "{" : "[") else { return nil }
                if let last = current.last, last.kind == .punctuation, last.text == "{" || last.text == "[" {
                    current.append(Piece(text: String(bracket), kind: .punctuation))
                } else {
                    newline()
                    current.append(Piece(text: String(bracket), kind: .punctuation))
                }
                expectKey = false
                sawValue = true
            case .comma:
                guard !containers.isEmpty else { return nil }
                current.append(Piece(text: ",", kind: .punctuation))
                newline()
                expectKey = containers.last == "{"
            case .colon:
                current.append(Piece(text: ": ", kind: .punctuation))
            case .string(let value):
                current.append(Piece(text: value, kind: expectKey ? .key : .string))
                expectKey = false
                sawValue = true
            case .number(let value):
                current.append(Piece(text: value, kind: .number))
                sawValue = true
            case .literal(let value):
                current.append(Piece(text: value, kind: .literal))
                sawValue = true
            }
        }
        guard depth == 0, containers.isEmpty, sawValue else { return nil }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private enum Token {
        case open(Character), close(Character), comma, colon
        case string(String), number(String), literal(String)
        case invalid
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        }

        mutating func peekClose() -> Bool {
            skipSpace()
            return index < scalars.count && (scalars[index] == "}" || scalars[index] == "]")
        }

        mutating func next() -> Token? {
            skipSpace()
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            switch scalar {
            case "{", "[": index += 1; return .open(Character(scalar))
            case "}", "]": index += 1; return .close(Character(scalar))
            case ",": index += 1; return .comma
            case ":": index += 1; return .colon
            case "\"":
                let start = index
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    index += 1
                }
                guard index < scalars.count else { return .invalid }
                index += 1
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[start..<index])
                return .string(String(text))
            case "-", "0"..."9":
                let start = index
                while index < scalars.count, "+-.eE0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[start..<index])
                return .number(String(text))
            default:
                for word in ["true", "false", "null"] {
                    let wordScalars = Array(word.unicodeScalars)
                    if index + wordScalars.count <= scalars.count, Array(scalars[index..<(index + wordScalars.count)]) == wordScalars {
                        index += wordScalars.count
                        return .literal(word)
                    }
                }
                return .invalid
            }
        }
    }
}
