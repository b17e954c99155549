/// A token of an XPath 1.0 expression (section 3.7), already told apart by the rules there: `*` and
/// `and`/`or`/`mod`/`div` after an operand are operators, a name before `(` is a function or node
/// type, a name before `::` an axis.
struct XPathToken: Sendable {
    enum Kind: Sendable, Equatable {
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket
        case dot, dotDot, at, comma, doubleColon
        case slash, doubleSlash, pipe, plus, minus, multiply
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case and, or, mod, div
        /// `*`
        case anyName
        /// `prefix:*`
        case anyNameWithPrefix(String)
        /// `local` or `prefix:local`, as a name test.
        case name(prefix: String?, localName: String)
        /// `comment`, `text`, `processing-instruction` or `node` before `(`.
        case nodeType(String)
        /// Any other name before `(`, with its prefix if it has one.
        case functionName(String)
        case axisName(String)
        case literal(String)
        case number(Double)
        /// `$name`, with its prefix if it has one.
        case variable(String)
        case end
    }

    let kind: Kind
    /// Where the token starts, in Unicode scalars.
    let offset: Int

    /// Whether, by section 3.7, a `*` or a name right after this token is an operator.
    var isFollowedByOperator: Bool {
        switch kind {
        case .rightParenthesis, .rightBracket, .dot, .dotDot, .anyName, .anyNameWithPrefix, .name, .literal, .number, .variable:
            true
        case .leftParenthesis, .leftBracket, .at, .comma, .doubleColon, .slash, .doubleSlash, .pipe, .plus, .minus, .multiply,
             .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .and, .or, .mod, .div,
             .nodeType, .functionName, .axisName, .end:
            false
        }
    }

    /// How the token reads in a message.
    var quoted: String {
        switch kind {
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .dot: "'.'"
        case .dotDot: "'..'"
        case .at: "'@'"
        case .comma: "','"
        case .doubleColon: "'::'"
        case .slash: "'/'"
        case .doubleSlash: "'//'"
        case .pipe: "'|'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .multiply: "'*'"
        case .equal: "'='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessOrEqual: "'<='"
        case .greater: "'>'"
        case .greaterOrEqual: "'>='"
        case .and: "'and'"
        case .or: "'or'"
        case .mod: "'mod'"
        case .div: "'div'"
        case .anyName: "'*'"
        case .anyNameWithPrefix(let prefix): "'\(prefix):*'"
        case .name(let prefix, let localName): "'\(prefix.map { $0 + ":" } ?? "")\(localName)'"
        case .nodeType(let name), .functionName(let name), .axisName(let name): "'\(name)'"
        case .literal: "a string"
        case .number: "a number"
        case .variable(let name): "'$\(name)'"
        case .end: "the end of the expression"
        }
    }
}
