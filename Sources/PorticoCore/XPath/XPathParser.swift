/// A recursive-descent parser for XPath 1.0 expressions (section 3 of the recommendation).
///
/// Besides the grammar it resolves function calls and checks that node-sets are given where
/// node-sets are needed. XPath reports those problems at evaluation, so they do not stop parsing:
/// the first is kept in `evaluationProblem` and parsing goes on, since a syntax error further on
/// must still be reported by the initializer.
struct XPathParser {
    /// Deeper nesting of parentheses, predicates, function arguments and unary minus is a syntax
    /// error: the parser and the evaluator recurse once per level, and a level takes about 11 KiB
    /// of stack in a debug build (about 2 in release). At 32 levels any accepted expression
    /// evaluates on a 512 KiB stack, a secondary thread's on macOS, with room to spare; checks
    /// written by hand nest a few levels.
    static let maximumNesting = 32

    private let tokens: [XPathToken]
    private var index = 0
    private var nesting = 0
    private(set) var evaluationProblem: XPathExpression.EvaluationError?

    typealias Expression = XPathExpression.Expression
    typealias NodeSetExpression = XPathExpression.NodeSetExpression
    typealias SyntaxError = XPathExpression.SyntaxError

    init(_ text: String) throws(SyntaxError) {
        tokens = try XPathLexer.tokens(of: text)
    }

    mutating func parseWholeExpression() throws(SyntaxError) -> Expression {
        let expression = try parseExpression()
        guard current.kind == .end else {
            throw SyntaxError(offset: current.offset, message: "unexpected \(current.quoted) after a complete expression")
        }
        return expression
    }

    // MARK: Tokens

    private var current: XPathToken { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func take(_ kind: XPathToken.Kind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    private mutating func expect(_ kind: XPathToken.Kind, _ message: String) throws(SyntaxError) {
        guard take(kind) else { throw SyntaxError(offset: current.offset, message: "\(message), found \(current.quoted)") }
    }

    /// Records a problem XPath reports at evaluation. The tree parsing goes on to build is never
    /// evaluated, so the caller may put anything in place of the faulty part.
    mutating func recordEvaluationProblem(_ message: String) {
        if evaluationProblem == nil { evaluationProblem = XPathExpression.EvaluationError(message: message) }
    }

    // MARK: Operators, loosest first

    /// `Expr`: every nested expression (in parentheses, predicates and arguments) comes through here.
    private mutating func parseExpression() throws(SyntaxError) -> Expression {
        try enterNesting()
        defer { nesting -= 1 }
        return try parseOr()
    }

    private mutating func enterNesting() throws(SyntaxError) {
        guard nesting < Self.maximumNesting else {
            throw SyntaxError(offset: current.offset, message: "the expression nests more than \(Self.maximumNesting) levels deep")
        }
        nesting += 1
    }

    private mutating func parseOr() throws(SyntaxError) -> Expression {
        var operands = [try parseAnd()]
        while take(.or) { operands.append(try parseAnd()) }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(SyntaxError) -> Expression {
        var operands = [try parseEquality()]
        while take(.and) { operands.append(try parseEquality()) }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseEquality() throws(SyntaxError) -> Expression {
        let first = try parseRelational()
        var terms: [XPathExpression.ComparisonTerm] = []
        while true {
            let comparison: XPathExpression.Comparison
            switch current.kind {
            case .equal: comparison = .equal
            case .notEqual: comparison = .notEqual
            default: return terms.isEmpty ? first : .comparison(first, terms)
            }
            advance()
            terms.append(XPathExpression.ComparisonTerm(comparison: comparison, operand: try parseRelational()))
        }
    }

    private mutating func parseRelational() throws(SyntaxError) -> Expression {
        let first = try parseAdditive()
        var terms: [XPathExpression.ComparisonTerm] = []
        while true {
            let comparison: XPathExpression.Comparison
            switch current.kind {
            case .less: comparison = .less
            case .lessOrEqual: comparison = .lessOrEqual
            case .greater: comparison = .greater
            case .greaterOrEqual: comparison = .greaterOrEqual
            default: return terms.isEmpty ? first : .comparison(first, terms)
            }
            advance()
            terms.append(XPathExpression.ComparisonTerm(comparison: comparison, operand: try parseAdditive()))
        }
    }

    private mutating func parseAdditive() throws(SyntaxError) -> Expression {
        let first = try parseMultiplicative()
        var terms: [XPathExpression.ArithmeticTerm] = []
        while true {
            let operation: XPathExpression.Arithmetic
            switch current.kind {
            case .plus: operation = .add
            case .minus: operation = .subtract
            default: return terms.isEmpty ? first : .arithmetic(first, terms)
            }
            advance()
            terms.append(XPathExpression.ArithmeticTerm(operation: operation, operand: try parseMultiplicative()))
        }
    }

    private mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        let first = try parseUnary()
        var terms: [XPathExpression.ArithmeticTerm] = []
        while true {
            let operation: XPathExpression.Arithmetic
            switch current.kind {
            case .multiply: operation = .multiply
            case .div: operation = .divide
            case .mod: operation = .modulo
            default: return terms.isEmpty ? first : .arithmetic(first, terms)
            }
            advance()
            terms.append(XPathExpression.ArithmeticTerm(operation: operation, operand: try parseUnary()))
        }
    }

    private mutating func parseUnary() throws(SyntaxError) -> Expression {
        guard take(.minus) else { return try parseUnion() }
        try enterNesting()
        defer { nesting -= 1 }
        return .negation(try parseUnary())
    }

    private mutating func parseUnion() throws(SyntaxError) -> Expression {
        let first = try parsePath()
        guard current.kind == .pipe else { return first }
        var operands = [nodeSet(first, "'|' joins node-sets only, and its left operand is not one")]
        while take(.pipe) {
            operands.append(nodeSet(try parsePath(), "'|' joins node-sets only, and its right operand is not one"))
        }
        return .nodeSet(.union(operands))
    }

    /// The node-set `expression` is, or else a recorded problem (and an empty path in its place).
    mutating func nodeSet(_ expression: Expression, _ problem: String) -> NodeSetExpression {
        if case .nodeSet(let nodeSet) = expression { return nodeSet }
        recordEvaluationProblem(problem)
        return .path(XPathExpression.LocationPath(origin: .contextNode, steps: []))
    }

    // MARK: Paths

    /// `PathExpr`: a location path, or a filter expression (a primary expression, its predicates)
    /// possibly followed by a relative path.
    private mutating func parsePath() throws(SyntaxError) -> Expression {
        let token = current
        let primary: Expression
        switch token.kind {
        case .slash, .doubleSlash, .anyName, .anyNameWithPrefix, .name, .nodeType, .axisName, .at, .dot, .dotDot:
            return .nodeSet(.path(try parseLocationPath()))
        case .literal(let text):
            advance()
            primary = .literal(text)
        case .number(let value):
            advance()
            primary = .number(value)
        case .variable(let name):
            advance()
            recordEvaluationProblem("no variable is bound, so $\(name) has no value")
            primary = .literal("")
        case .leftParenthesis:
            advance()
            primary = try parseExpression()
            guard take(.rightParenthesis) else {
                throw SyntaxError(offset: current.offset, message: "expected ')' to close the '(' at offset \(token.offset), found \(current.quoted)")
            }
        case .functionName(let name):
            advance()
            primary = try parseCall(name)
        default:
            throw SyntaxError(offset: token.offset, message: "expected an expression, found \(token.quoted)")
        }
        return try parseFilterPath(primary, at: token.offset)
    }

    private mutating func parseLocationPath() throws(SyntaxError) -> XPathExpression.LocationPath {
        var steps: [XPathExpression.Step] = []
        if take(.slash) {
            // `/` alone is the root; a step may follow.
            if startsStep { try parseRelativePath(into: &steps) }
            return XPathExpression.LocationPath(origin: .root, steps: steps)
        }
        if take(.doubleSlash) {
            steps.append(Self.descendantOrSelf)
            try parseRelativePath(into: &steps)
            return XPathExpression.LocationPath(origin: .root, steps: steps)
        }
        try parseRelativePath(into: &steps)
        return XPathExpression.LocationPath(origin: .contextNode, steps: steps)
    }

    /// `(expression)[predicate]/path`, `f(x)//path`: the predicates and the relative path that may
    /// follow a primary expression.
    private mutating func parseFilterPath(_ primary: Expression, at primaryStart: Int) throws(SyntaxError) -> Expression {
        var predicates: [Expression] = []
        while current.kind == .leftBracket { predicates.append(try parsePredicate()) }
        guard !predicates.isEmpty || current.kind == .slash || current.kind == .doubleSlash else { return primary }
        var filtered = nodeSet(primary, "only a node-set can be filtered by a predicate or followed by a path, and the expression at offset \(primaryStart) is not one")
        if !predicates.isEmpty { filtered = .filter(filtered, predicates: predicates) }
        var steps: [XPathExpression.Step] = []
        if take(.doubleSlash) {
            steps.append(Self.descendantOrSelf)
        } else if !take(.slash) {
            return .nodeSet(filtered)
        }
        try parseRelativePath(into: &steps)
        return .nodeSet(.path(XPathExpression.LocationPath(origin: .nodeSet(filtered), steps: steps)))
    }

    /// `//` between steps: `descendant-or-self::node()/`.
    private static let descendantOrSelf = XPathExpression.Step(axis: .descendantOrSelf, test: .anyNode, predicates: [])

    private var startsStep: Bool {
        switch current.kind {
        case .anyName, .anyNameWithPrefix, .name, .nodeType, .axisName, .at, .dot, .dotDot: true
        default: false
        }
    }

    /// Steps separated by `/` or `//`.
    private mutating func parseRelativePath(into steps: inout [XPathExpression.Step]) throws(SyntaxError) {
        steps.append(try parseStep())
        while true {
            if take(.doubleSlash) {
                steps.append(Self.descendantOrSelf)
            } else if !take(.slash) {
                return
            }
            steps.append(try parseStep())
        }
    }

    private mutating func parseStep() throws(SyntaxError) -> XPathExpression.Step {
        let start = current
        if take(.dot) || take(.dotDot) {
            if current.kind == .leftBracket {
                let written = start.kind == .dot ? "self::node()" : "parent::node()"
                throw SyntaxError(offset: current.offset, message: "\(start.quoted) takes no predicate in XPath 1.0: write \(written)[…]")
            }
            return XPathExpression.Step(axis: start.kind == .dot ? .self : .parent, test: .anyNode, predicates: [])
        }
        var axis = XPathExpression.Axis.child
        if take(.at) {
            axis = .attribute
        } else if case .axisName(let name) = current.kind {
            advance()
            try expect(.doubleColon, "expected '::' after the axis name")
            if let known = XPathExpression.Axis(rawValue: name) {
                axis = known
            } else {
                recordEvaluationProblem("the namespace axis is not supported")
            }
        }
        let test = try parseNodeTest()
        var predicates: [Expression] = []
        while current.kind == .leftBracket { predicates.append(try parsePredicate()) }
        return XPathExpression.Step(axis: axis, test: test, predicates: predicates)
    }

    private mutating func parseNodeTest() throws(SyntaxError) -> XPathExpression.NodeTest {
        let token = current
        switch token.kind {
        case .anyName:
            advance()
            return .anyName
        case .anyNameWithPrefix(let prefix):
            advance()
            return .anyNameWithPrefix(prefix)
        case .name(let prefix, let localName):
            advance()
            return .name(prefix: prefix, localName: localName)
        case .nodeType(let type):
            advance()
            try expect(.leftParenthesis, "expected '(' after \(token.quoted)")
            var target: String?
            if type == "processing-instruction", case .literal(let literal) = current.kind {
                advance()
                target = literal
            }
            try expect(.rightParenthesis, type == "processing-instruction" ? "expected ')' or a string" : "expected ')': \(type)() takes no argument")
            switch type {
            case "comment": return .comment
            case "text": return .text
            case "node": return .anyNode
            default: return .processingInstruction(target: target)
            }
        default:
            throw SyntaxError(offset: token.offset, message: "expected a name, '*' or a node type test such as text(), found \(token.quoted)")
        }
    }

    private mutating func parsePredicate() throws(SyntaxError) -> Expression {
        let open = current.offset
        advance()
        if current.kind == .rightBracket { throw SyntaxError(offset: current.offset, message: "empty predicate: expected an expression") }
        let predicate = try parseExpression()
        guard take(.rightBracket) else {
            throw SyntaxError(offset: current.offset, message: "expected ']' to close the predicate opened at offset \(open), found \(current.quoted)")
        }
        return predicate
    }

    // MARK: Function calls

    private mutating func parseCall(_ name: String) throws(SyntaxError) -> Expression {
        let open = current.offset
        try expect(.leftParenthesis, "expected '(' after the function name")
        var arguments: [Expression] = []
        if !take(.rightParenthesis) {
            repeat { arguments.append(try parseExpression()) } while take(.comma)
            guard take(.rightParenthesis) else {
                throw SyntaxError(offset: current.offset, message: "expected ',' or ')' to close the arguments of \(name)() opened at offset \(open), found \(current.quoted)")
            }
        }
        guard let call = resolve(name, arguments) else { return .literal("") }
        return .call(call)
    }
}
