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

    /// The pretty lines, or nil when `text` is not exactly one JSON value.
    public static func lines(_ text: String, indent: Int = 2) -> [Line]? {
        var scanner = Scanner(Array(text.unicodeScalars))
        var lines: [Line] = []
        var current: Line = []
        var grammar = Grammar()

        func newline() {
            lines.append(current)
            // Indentation stops growing at 64 levels: a hostile, deeply nested body must not
            // make the output grow with the square of its size.
            current = [Piece(text: String(repeating: " ", count: min(grammar.depth, 64) * max(0, min(indent, 16))), kind: .plain)]
        }

        while let token = scanner.next() {
            guard grammar.accept(token) else { return nil }
            switch token {
            case .invalid:
                return nil
            case .open(let bracket):
                current.append(Piece(text: String(bracket), kind: .punctuation))
                // `{}` and `[]` stay on one line.
                if !scanner.peekClose() { newline() }
            case .close(let bracket):
                if let last = current.last, last.kind == .punctuation, last.text == "{" || last.text == "[" {
                    current.append(Piece(text: String(bracket), kind: .punctuation))
                } else {
                    newline()
                    current.append(Piece(text: String(bracket), kind: .punctuation))
                }
            case .comma:
                current.append(Piece(text: ",", kind: .punctuation))
                newline()
            case .colon:
                current.append(Piece(text: ": ", kind: .punctuation))
            case .string(let value):
                current.append(Piece(text: value, kind: grammar.lastWasKey ? .key : .string))
            case .number(let value):
                current.append(Piece(text: value, kind: .number))
            case .literal(let value):
                current.append(Piece(text: value, kind: .literal))
            }
        }
        guard grammar.isComplete else { return nil }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// JSON's grammar as a stack of what each open container expects next.
    private struct Grammar {
        enum Expect { case key, colon, value, valueOrClose, keyOrClose, commaOrClose }
        private var stack: [(container: Character, expect: Expect)] = []
        private var topLevelDone = false
        private(set) var lastWasKey = false

        var depth: Int { stack.count }
        var isComplete: Bool { stack.isEmpty && topLevelDone }

        mutating func accept(_ token: Token) -> Bool {
            lastWasKey = false
            switch token {
            case .invalid:
                return false
            case .open(let bracket):
                guard acceptValue() else { return false }
                stack.append((bracket, bracket == "{" ? .keyOrClose : .valueOrClose))
                return true
            case .close(let bracket):
                guard let top = stack.last, top.container == (bracket == "}" ? "{" : "["),
                      [.commaOrClose, .keyOrClose, .valueOrClose].contains(top.expect) else { return false }
                stack.removeLast()
                valueEnded()
                return true
            case .comma:
                guard let top = stack.last, top.expect == .commaOrClose else { return false }
                stack[stack.count - 1].expect = top.container == "{" ? .key : .value
                return true
            case .colon:
                guard stack.last?.expect == .colon else { return false }
                stack[stack.count - 1].expect = .value
                return true
            case .string:
                if let top = stack.last, top.expect == .key || top.expect == .keyOrClose {
                    stack[stack.count - 1].expect = .colon
                    lastWasKey = true
                    return true
                }
                guard acceptValue() else { return false }
                valueEnded()
                return true
            case .number, .literal:
                guard acceptValue() else { return false }
                valueEnded()
                return true
            }
        }

        /// Whether a value may start here.
        private func acceptValue() -> Bool {
            guard let top = stack.last else { return !topLevelDone }
            return top.expect == .value || top.expect == .valueOrClose
        }

        private mutating func valueEnded() {
            if stack.isEmpty { topLevelDone = true } else { stack[stack.count - 1].expect = .commaOrClose }
        }
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
                    // RFC 8259: no raw control characters, and only the escapes it names.
                    if scalars[index].value < 0x20 { return .invalid }
                    if scalars[index] == "\\" {
                        guard index + 1 < scalars.count else { return .invalid }
                        let escaped = scalars[index + 1]
                        if escaped == "u" {
                            guard index + 5 < scalars.count, scalars[(index + 2)...(index + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }) else { return .invalid }
                            index += 4
                        } else if !"\"\\/bfnrt".unicodeScalars.contains(escaped) {
                            return .invalid
                        }
                        index += 1
                    }
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
                return Self.isNumber(text) ? .number(String(text)) : .invalid
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

        /// RFC 8259's number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. A leading
        /// zero, a lone sign or exponent would print as if it were JSON.
        static func isNumber(_ text: String.UnicodeScalarView) -> Bool {
            var rest = Substring(String(text)).unicodeScalars
            func digits() -> Int {
                let count = rest.prefix { ("0"..."9").contains($0) }.count
                rest = rest.dropFirst(count)
                return count
            }
            if rest.first == "-" { rest = rest.dropFirst() }
            if rest.first == "0" {
                rest = rest.dropFirst()
            } else if digits() == 0 {
                return false
            }
            if rest.first == "." {
                rest = rest.dropFirst()
                if digits() == 0 { return false }
            }
            if rest.first == "e" || rest.first == "E" {
                rest = rest.dropFirst()
                if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
                if digits() == 0 { return false }
            }
            return rest.isEmpty
        }
    }
}
