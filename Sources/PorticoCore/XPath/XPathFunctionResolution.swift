extension XPathParser {
    /// The core library function `name` called with `arguments` (section 4), or nil after recording
    /// why the call cannot be evaluated: an unknown function, a wrong number of arguments, or a
    /// value where the function needs a node-set.
    mutating func resolve(_ name: String, _ arguments: [Expression]) -> XPathExpression.FunctionCall? {
        let count = arguments.count
        /// Whether the call has between `minimum` and `maximum` arguments; records a problem if not.
        func accepts(_ minimum: Int, _ maximum: Int) -> Bool {
            guard count < minimum || count > maximum else { return true }
            let expected = minimum == maximum ? "\(minimum)" : maximum == .max ? "at least \(minimum)" : "\(minimum) to \(maximum)"
            recordEvaluationProblem("\(name)() takes \(expected) argument\(expected == "1" ? "" : "s"), not \(count)")
            return false
        }
        func nodeSetArgument(_ index: Int) -> NodeSetExpression {
            nodeSet(arguments[index], "\(name)() needs a node-set argument, such as a location path")
        }
        func optionalNodeSetArgument() -> NodeSetExpression? { count == 0 ? nil : nodeSetArgument(0) }
        func optionalArgument() -> Expression? { count == 0 ? nil : arguments[0] }

        switch name {
        case "last": return accepts(0, 0) ? .last : nil
        case "position": return accepts(0, 0) ? .position : nil
        case "count": return accepts(1, 1) ? .count(nodeSetArgument(0)) : nil
        case "local-name": return accepts(0, 1) ? .localName(optionalNodeSetArgument()) : nil
        case "namespace-uri": return accepts(0, 1) ? .namespaceURI(optionalNodeSetArgument()) : nil
        case "name": return accepts(0, 1) ? .name(optionalNodeSetArgument()) : nil
        case "string": return accepts(0, 1) ? .string(optionalArgument()) : nil
        case "concat": return accepts(2, .max) ? .concat(arguments) : nil
        case "starts-with": return accepts(2, 2) ? .startsWith(arguments[0], arguments[1]) : nil
        case "contains": return accepts(2, 2) ? .contains(arguments[0], arguments[1]) : nil
        case "substring-before": return accepts(2, 2) ? .substringBefore(arguments[0], arguments[1]) : nil
        case "substring-after": return accepts(2, 2) ? .substringAfter(arguments[0], arguments[1]) : nil
        case "substring":
            return accepts(2, 3) ? .substring(arguments[0], start: arguments[1], length: count == 3 ? arguments[2] : nil) : nil
        case "string-length": return accepts(0, 1) ? .stringLength(optionalArgument()) : nil
        case "normalize-space": return accepts(0, 1) ? .normalizeSpace(optionalArgument()) : nil
        case "translate": return accepts(3, 3) ? .translate(arguments[0], from: arguments[1], to: arguments[2]) : nil
        case "boolean": return accepts(1, 1) ? .boolean(arguments[0]) : nil
        case "not": return accepts(1, 1) ? .not(arguments[0]) : nil
        case "true": return accepts(0, 0) ? .true : nil
        case "false": return accepts(0, 0) ? .false : nil
        case "lang": return accepts(1, 1) ? .lang(arguments[0]) : nil
        case "number": return accepts(0, 1) ? .number(optionalArgument()) : nil
        case "sum": return accepts(1, 1) ? .sum(nodeSetArgument(0)) : nil
        case "floor": return accepts(1, 1) ? .floor(arguments[0]) : nil
        case "ceiling": return accepts(1, 1) ? .ceiling(arguments[0]) : nil
        case "round": return accepts(1, 1) ? .round(arguments[0]) : nil
        case "id":
            recordEvaluationProblem("id() is not supported: it needs the attribute types of a DTD, which are not read")
            return nil
        default:
            recordEvaluationProblem("unknown function \(name)(): XPath 1.0's core functions only")
            return nil
        }
    }
}
