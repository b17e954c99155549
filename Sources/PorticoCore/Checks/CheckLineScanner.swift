/// Reads the one-line language of checks and captures: words, operators, JSON strings and values,
/// `/regular expressions/`, and numbers with a unit (`500ms`, `2xx`).
struct CheckLineScanner {
    /// What is wrong with a line, and where (a character offset, for a caret under it).
    struct Problem: Error, Equatable {
        var offset: Int
        var message: String
    }

    private let characters: [Character]
    private(set) var offset = 0

    init(_ line: String) {
        characters = Array(line)
    }

    var isAtEnd: Bool {
        mutating get {
            skipSpaces()
            return offset >= characters.count
        }
    }

    /// Where the next token starts: the place a problem with it is reported.
    mutating func position() -> Int {
        skipSpaces()
        return offset
    }

    mutating func skipSpaces() {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
    }

    func problem(_ message: String, at position: Int? = nil) -> Problem {
        Problem(offset: position ?? offset, message: message)
    }

    /// The next run of letters, digits, `_` and `-`, without taking it.
    mutating func peekWord() -> String? {
        skipSpaces()
        var end = offset
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "-" { end += 1 }
        return end > offset ? String(characters[offset..<end]) : nil
    }

    mutating func word() -> String? {
        guard let word = peekWord() else { return nil }
        offset += word.count
        return word
    }

    /// Takes `expected` if it is the next word.
    mutating func take(_ expected: String) -> Bool {
        guard peekWord() == expected else { return false }
        offset += expected.count
        return true
    }

    /// The longest comparison operator at this point, if any.
    mutating func comparison() -> ResponseCheck.Comparison? {
        skipSpaces()
        for candidate in ResponseCheck.Comparison.allCases {
            let symbol = Array(candidate.rawValue)
            if offset + symbol.count <= characters.count, Array(characters[offset..<offset + symbol.count]) == symbol {
                offset += symbol.count
                return candidate
            }
        }
        return nil
    }

    /// A JSON string: `"text"` with JSON's escapes.
    mutating func quoted(_ what: String) throws(Problem) -> String {
        skipSpaces()
        let start = offset
        guard offset < characters.count, characters[offset] == "\"" else { throw problem("expected \(what) in double quotes") }
        offset += 1
        var escaped = false
        while offset < characters.count {
            let character = characters[offset]
            offset += 1
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" {
                let literal = String(characters[start..<offset])
                guard case .string(let text) = try? JSONValue.parse(literal) else { throw problem("\(what) is not a valid JSON string", at: start) }
                return text
            }
        }
        throw problem("\(what) has no closing quote", at: start)
    }

    /// A pattern as `/regex/` (a `\/` inside stands for `/`) or as a JSON string.
    mutating func pattern() throws(Problem) -> String {
        skipSpaces()
        guard offset < characters.count, characters[offset] == "/" else { return try quoted("a pattern") }
        let start = offset
        offset += 1
        var pattern = ""
        while offset < characters.count {
            let character = characters[offset]
            offset += 1
            if character == "\\", offset < characters.count, characters[offset] == "/" {
                pattern.append("/")
                offset += 1
            } else if character == "/" {
                return pattern
            } else {
                pattern.append(character)
            }
        }
        throw problem("the pattern has no closing /", at: start)
    }

    /// A JSON value: a string, number, true, false, null, array or object.
    mutating func value() throws(Problem) -> JSONValue {
        skipSpaces()
        let start = offset
        let text = try rawValueText()
        do { return try JSONValue.parse(text) } catch {
            throw problem("expected a JSON value (a number, \"text\", true, false, null, [array] or {object}), found \(text)", at: start)
        }
    }

    /// The text of the next value, up to its end: balanced brackets and strings, or a run without spaces.
    mutating func rawValueText() throws(Problem) -> String {
        skipSpaces()
        let start = offset
        guard offset < characters.count else { throw problem("expected a value") }
        if characters[offset] == "\"" {
            _ = try quoted("the text")
            return String(characters[start..<offset])
        }
        if characters[offset] == "[" || characters[offset] == "{" {
            var depth = 0
            var inString = false
            var escaped = false
            while offset < characters.count {
                let character = characters[offset]
                offset += 1
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                    continue
                }
                switch character {
                case "\"": inString = true
                case "[", "{": depth += 1
                case "]", "}":
                    depth -= 1
                    if depth == 0 { return String(characters[start..<offset]) }
                default: break
                }
            }
            throw problem("the value has no closing bracket", at: start)
        }
        while offset < characters.count, !characters[offset].isWhitespace { offset += 1 }
        return String(characters[start..<offset])
    }

    mutating func expectEnd() throws(Problem) {
        guard isAtEnd else { throw problem("unexpected '\(String(characters[offset...]))'") }
    }
}
