/// A recursive-descent parser for the RFC 9535 grammar, working on Unicode scalars so that
/// error offsets are scalar offsets. Filter expressions are parsed loosely into `FilterTerm`s and
/// then checked against the function type system (see `FilterTerm`).
struct JSONPathParser {
    typealias SyntaxError = JSONPath.SyntaxError

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var nesting = 0

    /// Filters, parentheses and function calls may nest this deep; the limit keeps a hostile
    /// query from exhausting the call stack.
    static let maximumNesting = 64

    /// The largest magnitude an index or slice bound may have (I-JSON's exact integers).
    static let maximumInteger = (1 << 53) - 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func parseWholeQuery() throws(SyntaxError) -> JSONPath.Query {
        guard current == "$" else {
            throw error(position, current.map { isBlank($0) } == true
                ? "a query must not start with blank space; expected '$'"
                : "a query must start with '$'")
        }
        position += 1
        let segments = try parseSegments()
        guard current != nil else { return JSONPath.Query(isRelative: false, segments: segments) }
        let blankStart = position
        skipBlank()
        guard let extra = current else { throw error(blankStart, "a query must not end with blank space") }
        throw error(position, "unexpected \(quoted(extra)); expected '.', '..' or '[' to start a segment")
    }

    // MARK: Segments and selectors

    private mutating func parseSegments() throws(SyntaxError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while true {
            let beforeBlank = position
            skipBlank()
            switch current {
            case ".":
                if peek(1) == "." {
                    position += 2
                    segments.append(JSONPath.Segment(isDescendant: true, selectors: try parseDescendantSelectors()))
                } else {
                    position += 1
                    segments.append(JSONPath.Segment(isDescendant: false, selectors: [try parseDotSelector()]))
                }
            case "[":
                segments.append(JSONPath.Segment(isDescendant: false, selectors: try parseBracketedSelection()))
            default:
                position = beforeBlank
                return segments
            }
        }
    }

    private mutating func parseDescendantSelectors() throws(SyntaxError) -> [JSONPath.Selector] {
        switch current {
        case "[": return try parseBracketedSelection()
        case "*":
            position += 1
            return [.wildcard]
        case let scalar? where isNameFirst(scalar):
            return [.name(parseMemberNameShorthand())]
        default:
            throw error(position, "expected a member name, '*' or '[' right after '..'")
        }
    }

    private mutating func parseDotSelector() throws(SyntaxError) -> JSONPath.Selector {
        switch current {
        case "*":
            position += 1
            return .wildcard
        case let scalar? where isNameFirst(scalar):
            return .name(parseMemberNameShorthand())
        default:
            throw error(position, "expected a member name or '*' right after '.' (quote other names: ['name'])")
        }
    }

    private mutating func parseMemberNameShorthand() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = current, isNameFirst(scalar) || isDigit(scalar) {
            name.append(scalar)
            position += 1
        }
        return String(name)
    }

    private mutating func parseBracketedSelection() throws(SyntaxError) -> [JSONPath.Selector] {
        position += 1
        var selectors: [JSONPath.Selector] = []
        while true {
            skipBlank()
            selectors.append(try parseSelector())
            skipBlank()
            switch current {
            case ",":
                position += 1
            case "]":
                position += 1
                return selectors
            default:
                if case .filter = selectors.last {
                    throw error(position, "expected '&&', '||', ',' or ']' after the filter expression")
                }
                throw error(position, "expected ',' or ']' after a selector")
            }
        }
    }

    private mutating func parseSelector() throws(SyntaxError) -> JSONPath.Selector {
        switch current {
        case "'", "\"":
            return .name(try parseStringLiteral())
        case "*":
            position += 1
            return .wildcard
        case "?":
            position += 1
            skipBlank()
            let term = try parseLogicalOr()
            return .filter(try term.asLogical())
        case "-", ":":
            return try parseIndexOrSlice()
        case let scalar? where isDigit(scalar):
            return try parseIndexOrSlice()
        default:
            throw error(position, "expected a selector: a quoted name, '*', an index, a slice or a filter '?'")
        }
    }

    private mutating func parseIndexOrSlice() throws(SyntaxError) -> JSONPath.Selector {
        let start: Int? = if current == ":" { nil } else { try parseInteger() }
        skipBlank()
        guard current == ":" else {
            guard let start else { throw error(position, "expected an index") }
            return .index(start)
        }
        position += 1
        skipBlank()
        let end: Int? = if startsInteger { try parseInteger() } else { nil }
        skipBlank()
        var step: Int?
        if current == ":" {
            position += 1
            skipBlank()
            if startsInteger { step = try parseInteger() }
        }
        return .slice(start: start, end: end, step: step)
    }

    private var startsInteger: Bool {
        guard let scalar = current else { return false }
        return scalar == "-" || isDigit(scalar)
    }

    /// `0`, or an optional `-` and digits without a leading zero, within ±(2^53−1).
    private mutating func parseInteger() throws(SyntaxError) -> Int {
        let start = position
        var negative = false
        if current == "-" {
            negative = true
            position += 1
        }
        guard let first = current, isDigit(first) else { throw error(position, "expected a digit") }
        if first == "0" {
            position += 1
            if negative { throw error(start, "'-0' is not a valid index; write 0") }
            if let next = current, isDigit(next) { throw error(start, "an integer must not have leading zeros") }
            return 0
        }
        var magnitude = 0
        while let scalar = current, isDigit(scalar) {
            magnitude = magnitude * 10 + Int(scalar.value - 48)
            if magnitude > JSONPathParser.maximumInteger {
                throw error(start, "integer is out of range; indexes must be within ±(2^53−1)")
            }
            position += 1
        }
        return negative ? -magnitude : magnitude
    }

    // MARK: Filter expressions

    private mutating func parseLogicalOr() throws(SyntaxError) -> FilterTerm {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= JSONPathParser.maximumNesting else {
            throw error(position, "expression nests deeper than \(JSONPathParser.maximumNesting) levels")
        }
        var terms = [try parseLogicalAnd()]
        while true {
            let beforeBlank = position
            skipBlank()
            guard current == "|", peek(1) == "|" else {
                position = beforeBlank
                break
            }
            position += 2
            skipBlank()
            terms.append(try parseLogicalAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseLogicalAnd() throws(SyntaxError) -> FilterTerm {
        var terms = [try parseBasic()]
        while true {
            let beforeBlank = position
            skipBlank()
            guard current == "&", peek(1) == "&" else {
                position = beforeBlank
                break
            }
            position += 2
            skipBlank()
            terms.append(try parseBasic())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseBasic() throws(SyntaxError) -> FilterTerm {
        let start = position
        if current == "!" {
            position += 1
            skipBlank()
            if current == "(" { return .not(try parseParenthesized(), at: start) }
            let operandStart = position
            let operand = try parseOperand()
            switch operand {
            case .query, .call: return .not(operand, at: start)
            default: throw error(operandStart, "expected '(', a query or a function after '!'")
            }
        }
        if current == "(" { return try parseParenthesized() }
        let left = try parseOperand()
        let beforeBlank = position
        skipBlank()
        let operatorStart = position
        guard let comparison = parseComparisonOperator() else {
            position = beforeBlank
            return left
        }
        skipBlank()
        let right = try parseOperand()
        return .comparison(left, comparison, right, at: operatorStart)
    }

    private mutating func parseParenthesized() throws(SyntaxError) -> FilterTerm {
        let start = position
        position += 1
        skipBlank()
        let inner = try parseLogicalOr()
        skipBlank()
        guard current == ")" else { throw error(position, "expected ')' to close the '(' at offset \(start)") }
        position += 1
        return .parenthesized(inner, at: start)
    }

    private mutating func parseComparisonOperator() -> JSONPath.ComparisonOperator? {
        for candidate in JSONPath.ComparisonOperator.allCases {
            let spelling = Array(candidate.rawValue.unicodeScalars)
            if spelling.indices.allSatisfy({ peek($0) == spelling[$0] }) {
                position += spelling.count
                return candidate
            }
        }
        return nil
    }

    /// A literal, a query, or a function call.
    private mutating func parseOperand() throws(SyntaxError) -> FilterTerm {
        let start = position
        switch current {
        case "@", "$":
            let isRelative = current == "@"
            position += 1
            return .query(JSONPath.Query(isRelative: isRelative, segments: try parseSegments()), at: start)
        case "'", "\"":
            return .literal(.string(try parseStringLiteral()), at: start)
        case "-":
            return .literal(.number(try parseNumberLiteral()), at: start)
        case let scalar? where isDigit(scalar):
            return .literal(.number(try parseNumberLiteral()), at: start)
        case let scalar? where isLowercaseLetter(scalar):
            var name = String.UnicodeScalarView()
            while let next = current, isLowercaseLetter(next) || isDigit(next) || next == "_" {
                name.append(next)
                position += 1
            }
            let identifier = String(name)
            if current == "(" { return try parseFunctionCall(named: identifier, at: start) }
            switch identifier {
            case "true": return .literal(.bool(true), at: start)
            case "false": return .literal(.bool(false), at: start)
            case "null": return .literal(.null, at: start)
            default:
                if let next = current, isBlank(next), JSONPath.FunctionExtension(rawValue: identifier) != nil {
                    throw error(position, "no blank space is allowed between a function name and '('")
                }
                throw error(start, "unexpected '\(identifier)'; expected a query, a literal or a function call")
            }
        default:
            throw error(position, "expected a query ('@' or '$'), a literal, a function call, '(' or '!'")
        }
    }

    private mutating func parseFunctionCall(named name: String, at start: Int) throws(SyntaxError) -> FilterTerm {
        guard let function = JSONPath.FunctionExtension(rawValue: name) else {
            let known = JSONPath.FunctionExtension.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(start, "unknown function '\(name)'; known functions are \(known)")
        }
        position += 1
        skipBlank()
        var arguments: [(term: FilterTerm, start: Int)] = []
        if current != ")" {
            while true {
                let argumentStart = position
                arguments.append((try parseLogicalOr(), argumentStart))
                skipBlank()
                if current == "," {
                    position += 1
                    skipBlank()
                } else {
                    break
                }
            }
        }
        guard current == ")" else { throw error(position, "expected ',' or ')' in the arguments of \(name)()") }
        let parameters = function.parameterTypes
        guard arguments.count == parameters.count else {
            throw error(start, "\(name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s") but was given \(arguments.count)")
        }
        var typed: [JSONPath.FunctionArgument] = []
        for (index, argument) in arguments.enumerated() {
            typed.append(try argument.term.asArgument(of: parameters[index], number: index + 1, function: name, at: argument.start))
        }
        position += 1
        return .call(JSONPath.FunctionCall(function: function, arguments: typed), at: start)
    }

    // MARK: Literals

    /// A single- or double-quoted string with RFC 9535's escapes, starting at the quote.
    private mutating func parseStringLiteral() throws(SyntaxError) -> String {
        let quote = current!
        let literalStart = position
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error(literalStart, "unterminated string; expected a closing \(quoted(quote))") }
            switch scalar {
            case quote:
                position += 1
                return String(text)
            case "\\":
                text.append(try parseEscape(quote: quote))
            case "\u{0}"..<"\u{20}":
                throw error(position, "control character U+\(hex4(scalar.value)) must be escaped in a string")
            default:
                text.append(scalar)
                position += 1
            }
        }
    }

    private mutating func parseEscape(quote: Unicode.Scalar) throws(SyntaxError) -> Unicode.Scalar {
        let escapeStart = position
        position += 1
        guard let letter = current else { throw error(position, "unterminated escape sequence") }
        position += 1
        switch letter {
        case "b": return "\u{8}"
        case "f": return "\u{C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "/": return "/"
        case "\\": return "\\"
        case quote: return quote
        case "u":
            let first = try parseHexQuad()
            switch first {
            case 0xDC00...0xDFFF:
                throw error(escapeStart, "a low surrogate \\u\(hex4(first)) must follow a high surrogate")
            case 0xD800...0xDBFF:
                guard current == "\\", peek(1) == "u" else {
                    throw error(position, "the high surrogate \\u\(hex4(first)) must be followed by a low surrogate \\uDC00–\\uDFFF")
                }
                let lowStart = position
                position += 2
                let second = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw error(lowStart, "expected a low surrogate \\uDC00–\\uDFFF after \\u\(hex4(first))")
                }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
            default:
                return Unicode.Scalar(first)!
            }
        default:
            throw error(escapeStart, "invalid escape '\\\(letter)'; expected one of \\b \\f \\n \\r \\t \\/ \\\\ \\\(quote) \\uXXXX")
        }
    }

    private mutating func parseHexQuad() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = hexValue(scalar) else {
                throw error(position, "expected four hex digits after '\\u'")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 97 + 10
        case "A"..."F": scalar.value - 65 + 10
        default: nil
        }
    }

    /// `(int / "-0") [frac] [exp]`, the JSON number grammar.
    private mutating func parseNumberLiteral() throws(SyntaxError) -> JSONNumber {
        let start = position
        var literal = String.UnicodeScalarView()
        func take() {
            literal.append(current!)
            position += 1
        }
        if current == "-" { take() }
        guard let first = current, isDigit(first) else { throw error(position, "expected a digit after '-'") }
        if first == "0" {
            take()
            if let next = current, isDigit(next) { throw error(start, "a number must not have leading zeros") }
        } else {
            while let scalar = current, isDigit(scalar) { take() }
        }
        if current == "." {
            take()
            guard let scalar = current, isDigit(scalar) else { throw error(position, "expected a digit after the decimal point") }
            while let scalar = current, isDigit(scalar) { take() }
        }
        if current == "e" || current == "E" {
            take()
            if current == "+" || current == "-" { take() }
            guard let scalar = current, isDigit(scalar) else { throw error(position, "expected a digit in the exponent") }
            while let scalar = current, isDigit(scalar) { take() }
        }
        return JSONNumber(uncheckedLiteral: String(literal))
    }

    // MARK: Scanning

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        position + distance < scalars.count ? scalars[position + distance] : nil
    }

    private mutating func skipBlank() {
        while let scalar = current, isBlank(scalar) { position += 1 }
    }

    private func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isLowercaseLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }

    /// `ALPHA / "_" / %x80-D7FF / %xE000-10FFFF`; a Swift scalar is never a surrogate.
    private func isNameFirst(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
    }

    private func quoted(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 || scalar.value == 0x7F ? "U+\(hex4(scalar.value))" : "'\(scalar)'"
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func error(_ offset: Int, _ message: String) -> SyntaxError {
        SyntaxError(offset: offset, message: message)
    }
}
