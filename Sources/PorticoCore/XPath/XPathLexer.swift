/// Splits an XPath 1.0 expression into tokens (section 3.7), counting offsets in Unicode scalars.
struct XPathLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var tokens: [XPathToken] = []

    static let nodeTypes: Set<String> = ["comment", "text", "processing-instruction", "node"]

    /// The tokens of `text`, ending with `.end`.
    static func tokens(of text: String) throws(XPathExpression.SyntaxError) -> [XPathToken] {
        var lexer = XPathLexer(scalars: Array(text.unicodeScalars))
        while let token = try lexer.nextToken() { lexer.tokens.append(token) }
        lexer.tokens.append(XPathToken(kind: .end, offset: lexer.scalars.count))
        return lexer.tokens
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func scalar(at index: Int) -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// Section 3.7: `*` and names are operators after a token that ends an operand.
    private var expectsOperator: Bool { tokens.last?.isFollowedByOperator ?? false }

    private mutating func nextToken() throws(XPathExpression.SyntaxError) -> XPathToken? {
        while let blank = scalar(at: position), Self.isWhitespace(blank) { position += 1 }
        guard let first = scalar(at: position) else { return nil }
        let start = position
        func token(_ kind: XPathToken.Kind, length: Int) -> XPathToken {
            position = start + length
            return XPathToken(kind: kind, offset: start)
        }
        let second = scalar(at: position + 1)
        switch first {
        case "(": return token(.leftParenthesis, length: 1)
        case ")": return token(.rightParenthesis, length: 1)
        case "[": return token(.leftBracket, length: 1)
        case "]": return token(.rightBracket, length: 1)
        case ",": return token(.comma, length: 1)
        case "@": return token(.at, length: 1)
        case "|": return token(.pipe, length: 1)
        case "+": return token(.plus, length: 1)
        case "-": return token(.minus, length: 1)
        case "=": return token(.equal, length: 1)
        case "*": return token(expectsOperator ? .multiply : .anyName, length: 1)
        case "/": return second == "/" ? token(.doubleSlash, length: 2) : token(.slash, length: 1)
        case "<": return second == "=" ? token(.lessOrEqual, length: 2) : token(.less, length: 1)
        case ">": return second == "=" ? token(.greaterOrEqual, length: 2) : token(.greater, length: 1)
        case "!":
            guard second == "=" else { throw XPathExpression.SyntaxError(offset: start, message: "'!' must be followed by '=' (use not(…) to negate)") }
            return token(.notEqual, length: 2)
        case ":":
            guard second == ":" else { throw XPathExpression.SyntaxError(offset: start, message: "unexpected ':' (a prefix is written right before its name, as in soap:Body)") }
            return token(.doubleColon, length: 2)
        case ".":
            if second == "." { return token(.dotDot, length: 2) }
            if let second, Self.isDigit(second) { return try number() }
            return token(.dot, length: 1)
        case "\"", "'": return try literal()
        case "$":
            position += 1
            guard let name = qualifiedName() else { throw XPathExpression.SyntaxError(offset: position, message: "expected a variable name after '$'") }
            return XPathToken(kind: .variable(name), offset: start)
        default:
            if Self.isDigit(first) { return try number() }
            if Self.isNameStart(first) { return try name() }
            throw XPathExpression.SyntaxError(offset: start, message: "unexpected character '\(first.escaped(asASCII: true))'")
        }
    }

    /// `Digits ('.' Digits?)? | '.' Digits`: no sign (that is unary minus), no exponent.
    private mutating func number() throws(XPathExpression.SyntaxError) -> XPathToken {
        let start = position
        while let digit = scalar(at: position), Self.isDigit(digit) { position += 1 }
        if scalar(at: position) == "." {
            position += 1
            while let digit = scalar(at: position), Self.isDigit(digit) { position += 1 }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        return XPathToken(kind: .number(XPathNumber.parse(text)), offset: start)
    }

    /// A string between quotes of one kind, which it cannot contain: XPath 1.0 has no escapes.
    private mutating func literal() throws(XPathExpression.SyntaxError) -> XPathToken {
        let start = position
        let quote = scalars[start]
        guard let end = scalars[(start + 1)...].firstIndex(of: quote) else {
            throw XPathExpression.SyntaxError(offset: start, message: "unterminated string: no closing \(quote)")
        }
        position = end + 1
        return XPathToken(kind: .literal(String(String.UnicodeScalarView(scalars[(start + 1)..<end]))), offset: start)
    }

    /// An operator name, a name test, a node type, a function name or an axis name (section 3.7).
    private mutating func name() throws(XPathExpression.SyntaxError) -> XPathToken {
        let start = position
        let first = ncName()
        if expectsOperator {
            let kind: XPathToken.Kind
            switch first {
            case "and": kind = .and
            case "or": kind = .or
            case "mod": kind = .mod
            case "div": kind = .div
            default: throw XPathExpression.SyntaxError(offset: start, message: "expected an operator, found the name '\(first)'")
            }
            return XPathToken(kind: kind, offset: start)
        }
        var prefix: String?
        var localName = first
        if scalar(at: position) == ":", let afterColon = scalar(at: position + 1) {
            if afterColon == "*" {
                position += 2
                return XPathToken(kind: .anyNameWithPrefix(first), offset: start)
            }
            if Self.isNameStart(afterColon) {
                position += 1
                prefix = first
                localName = ncName()
            }
        }
        var lookahead = position
        while let blank = scalar(at: lookahead), Self.isWhitespace(blank) { lookahead += 1 }
        let written = prefix.map { $0 + ":" + localName } ?? localName
        if scalar(at: lookahead) == "(" {
            if prefix == nil, Self.nodeTypes.contains(localName) { return XPathToken(kind: .nodeType(localName), offset: start) }
            return XPathToken(kind: .functionName(written), offset: start)
        }
        if scalar(at: lookahead) == ":", scalar(at: lookahead + 1) == ":" {
            guard prefix == nil, XPathExpression.Axis(rawValue: localName) != nil || localName == "namespace" else {
                throw XPathExpression.SyntaxError(offset: start, message: "unknown axis '\(written)'")
            }
            return XPathToken(kind: .axisName(localName), offset: start)
        }
        return XPathToken(kind: .name(prefix: prefix, localName: localName), offset: start)
    }

    /// An NCName, the caller having checked that a name starts here.
    private mutating func ncName() -> String {
        let start = position
        position += 1
        while let next = scalar(at: position), Self.isNameCharacter(next) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private mutating func qualifiedName() -> String? {
        guard let first = scalar(at: position), Self.isNameStart(first) else { return nil }
        var name = ncName()
        if scalar(at: position) == ":", let next = scalar(at: position + 1), Self.isNameStart(next) {
            position += 1
            name += ":" + ncName()
        }
        return name
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// XML 1.0 (fifth edition) NameStartChar, without ':' (an NCName's first character).
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            true
        default:
            false
        }
    }

    /// XML 1.0 (fifth edition) NameChar, without ':'.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: isNameStart(scalar)
        }
    }
}
