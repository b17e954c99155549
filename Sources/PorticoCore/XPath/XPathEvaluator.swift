/// Evaluates a checked expression against one document (section 3 of XPath 1.0).
///
/// Recursion follows the expression only, never the document, so its depth is bounded by
/// `XPathParser.maximumNesting`. Work is counted in nodes visited, so that an expression that is
/// quadratic on a hostile document (`//*[. = 'x']` on elements nested 100,000 deep) ends with an
/// error instead of running for hours.
struct XPathEvaluator {
    /// Nodes an evaluation may visit: some seconds of work, far more than any check needs on an
    /// API response of a few megabytes.
    static let workLimit = 20_000_000

    typealias Expression = XPathExpression.Expression
    typealias NodeSetExpression = XPathExpression.NodeSetExpression
    typealias EvaluationError = XPathExpression.EvaluationError

    enum Value {
        /// Node indices in document order, without duplicates.
        case nodeSet([Int])
        case number(Double)
        case string(String)
        case boolean(Bool)
    }

    /// The context of section 1: a node, its position in the node list being filtered, and that
    /// list's size.
    struct Context {
        let node: Int
        let position: Int
        let size: Int
    }

    let document: XPathDocument
    private var remainingWork = workLimit

    init(document: XPathDocument) { self.document = document }

    /// The value of `expression` with the root node as context node, as the API gives it.
    mutating func result(of expression: Expression) throws(EvaluationError) -> XPathValue {
        switch try evaluate(expression, in: Context(node: XPathDocument.root, position: 1, size: 1)) {
        case .nodeSet(let nodes):
            var values: [String] = []
            for node in nodes { values.append(try stringValue(of: node)) }
            return .nodes(values)
        case .number(let number): return .number(number)
        case .string(let string): return .string(string)
        case .boolean(let boolean): return .boolean(boolean)
        }
    }

    mutating func spend(_ nodesVisited: Int) throws(EvaluationError) {
        remainingWork -= nodesVisited
        guard remainingWork >= 0 else {
            throw EvaluationError(message: "the expression takes too much work on this document (more than \(Self.workLimit) node visits)")
        }
    }

    mutating func evaluate(_ expression: Expression, in context: Context) throws(EvaluationError) -> Value {
        switch expression {
        case .nodeSet(let nodeSet):
            return .nodeSet(try select(nodeSet, in: context))
        case .or(let operands):
            for operand in operands {
                if try boolean(evaluate(operand, in: context)) { return .boolean(true) }
            }
            return .boolean(false)
        case .and(let operands):
            for operand in operands {
                if try !boolean(evaluate(operand, in: context)) { return .boolean(false) }
            }
            return .boolean(true)
        case .comparison(let first, let terms):
            var value = try evaluate(first, in: context)
            for term in terms {
                value = .boolean(try compare(value, term.comparison, evaluate(term.operand, in: context)))
            }
            return value
        case .arithmetic(let first, let terms):
            var value = try number(evaluate(first, in: context))
            for term in terms {
                let operand = try number(evaluate(term.operand, in: context))
                switch term.operation {
                case .add: value += operand
                case .subtract: value -= operand
                case .multiply: value *= operand
                case .divide: value /= operand
                // XPath's mod truncates like Java's %: 5 mod -2 is 1, -5 mod 2 is -1.
                case .modulo: value = value.truncatingRemainder(dividingBy: operand)
                }
            }
            return .number(value)
        case .negation(let operand):
            return .number(-(try number(evaluate(operand, in: context))))
        case .literal(let text):
            return .string(text)
        case .number(let number):
            return .number(number)
        case .call(let call):
            return try evaluate(call, in: context)
        }
    }

    mutating func select(_ expression: NodeSetExpression, in context: Context) throws(EvaluationError) -> [Int] {
        switch expression {
        case .path(let path):
            var nodes: [Int]
            switch path.origin {
            case .root: nodes = [XPathDocument.root]
            case .contextNode: nodes = [context.node]
            case .nodeSet(let origin): nodes = try select(origin, in: context)
            }
            for step in path.steps { nodes = try apply(step, to: nodes) }
            return nodes
        case .union(let operands):
            var nodes: [Int] = []
            for operand in operands { nodes += try select(operand, in: context) }
            return Self.inDocumentOrder(nodes)
        case .filter(let base, let predicates):
            var nodes = try select(base, in: context)
            for predicate in predicates { nodes = try filter(nodes, by: predicate) }
            return nodes
        }
    }

    /// The nodes a step selects from each of `contextNodes` (in document order), in document order.
    private mutating func apply(_ step: XPathExpression.Step, to contextNodes: [Int]) throws(EvaluationError) -> [Int] {
        if step.predicates.isEmpty { return try nodes(on: step.axis, passing: step.test, from: contextNodes) }
        // Positions in a predicate count along the axis from each context node on its own.
        var selected: [Int] = []
        for contextNode in contextNodes {
            var candidates = try nodes(on: step.axis, passing: step.test, from: [contextNode])
            if step.axis.isReverse { candidates.reverse() }
            for predicate in step.predicates { candidates = try filter(candidates, by: predicate) }
            selected += candidates
        }
        return Self.inDocumentOrder(selected)
    }

    /// The nodes for which the predicate holds: a number is compared with the position, any other
    /// value converted to a boolean (section 2.4).
    private mutating func filter(_ nodes: [Int], by predicate: Expression) throws(EvaluationError) -> [Int] {
        try spend(nodes.count)
        var kept: [Int] = []
        for (index, node) in nodes.enumerated() {
            let position = index + 1
            let value = try evaluate(predicate, in: Context(node: node, position: position, size: nodes.count))
            let keep = if case .number(let number) = value { number == Double(position) } else { boolean(value) }
            if keep { kept.append(node) }
        }
        return kept
    }

    /// Sorted, without duplicates.
    static func inDocumentOrder(_ nodes: [Int]) -> [Int] {
        var index = 1
        while index < nodes.count, nodes[index - 1] < nodes[index] { index += 1 }
        if index >= nodes.count { return nodes }
        var ordered: [Int] = []
        for node in nodes.sorted() where ordered.last != node { ordered.append(node) }
        return ordered
    }
}
