// The syntax tree of an XPath 1.0 expression, as the parser builds it once every function is known
// and every operand that must be a node-set is one. Node-set expressions have a type of their own,
// so evaluation never has to check a value's type. Chains of one operator (`a or b or c`,
// `1 + 2 - 3`, `a | b | c`) are lists, not nested nodes: their length costs no stack.

extension XPathExpression {
    indirect enum Expression: Sendable {
        case nodeSet(NodeSetExpression)
        case or([Expression])
        case and([Expression])
        /// Left to right: `a = b != c` is `(a = b) != c`.
        case comparison(Expression, [ComparisonTerm])
        /// Left to right: `1 - 2 + 3` is `(1 - 2) + 3`.
        case arithmetic(Expression, [ArithmeticTerm])
        case negation(Expression)
        case literal(String)
        case number(Double)
        case call(FunctionCall)
    }

    struct ComparisonTerm: Sendable {
        let comparison: Comparison
        let operand: Expression
    }

    enum Comparison: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    struct ArithmeticTerm: Sendable {
        let operation: Arithmetic
        let operand: Expression
    }

    enum Arithmetic: Sendable {
        case add, subtract, multiply, divide, modulo
    }

    indirect enum NodeSetExpression: Sendable {
        case path(LocationPath)
        case union([NodeSetExpression])
        /// `(expression)[predicate]…`: predicates see the node-set in document order.
        case filter(NodeSetExpression, predicates: [Expression])
    }

    struct LocationPath: Sendable {
        let origin: Origin
        let steps: [Step]
    }

    enum Origin: Sendable {
        /// `/…`: the root node.
        case root
        /// A relative path: the context node.
        case contextNode
        /// `(expression)/…`, `f()[1]//…`: every node of a node-set.
        case nodeSet(NodeSetExpression)
    }

    struct Step: Sendable {
        let axis: Axis
        let test: NodeTest
        let predicates: [Expression]
    }

    enum Axis: String, Sendable {
        case child, descendant, parent, ancestor
        case followingSibling = "following-sibling"
        case precedingSibling = "preceding-sibling"
        case following, preceding, attribute, `self`
        case descendantOrSelf = "descendant-or-self"
        case ancestorOrSelf = "ancestor-or-self"

        /// Reverse axes number their nodes from the context node backwards (section 2.4).
        var isReverse: Bool {
            switch self {
            case .parent, .ancestor, .ancestorOrSelf, .preceding, .precedingSibling: true
            case .child, .descendant, .descendantOrSelf, .followingSibling, .following, .attribute, .self: false
            }
        }
    }

    enum NodeTest: Sendable {
        /// `*`: any node of the axis's principal type (attributes on the attribute axis, else elements).
        case anyName
        /// `prefix:*`: the prefix as written in the document.
        case anyNameWithPrefix(String)
        /// `local` matches that local name in any namespace; `prefix:local` also needs the prefix as
        /// written in the document (checks have no way to bind prefixes to namespaces).
        case name(prefix: String?, localName: String)
        case anyNode
        case text
        case comment
        /// `processing-instruction()` or `processing-instruction('target')`.
        case processingInstruction(target: String?)
    }

    /// A call of a core library function, its arguments checked for number and for node-set type.
    enum FunctionCall: Sendable {
        case last, position
        case count(NodeSetExpression)
        /// Without an argument these three take the context node.
        case localName(NodeSetExpression?), namespaceURI(NodeSetExpression?), name(NodeSetExpression?)
        case string(Expression?)
        case concat([Expression])
        case startsWith(Expression, Expression)
        case contains(Expression, Expression)
        case substringBefore(Expression, Expression)
        case substringAfter(Expression, Expression)
        case substring(Expression, start: Expression, length: Expression?)
        case stringLength(Expression?)
        case normalizeSpace(Expression?)
        case translate(Expression, from: Expression, to: Expression)
        case boolean(Expression)
        case not(Expression)
        case `true`, `false`
        case lang(Expression)
        case number(Expression?)
        case sum(NodeSetExpression)
        case floor(Expression), ceiling(Expression), round(Expression)
    }
}
