extension XPathEvaluator {
    /// The string-value of a node (section 5), its cost counted.
    mutating func stringValue(of node: Int) throws(EvaluationError) -> String {
        try spend(document.nodes[node].subtreeEnd - node)
        return document.stringValue(of: node)
    }

    /// `string()`: the string-value of the first node of a node-set ("" when empty).
    mutating func string(_ value: Value) throws(EvaluationError) -> String {
        switch value {
        case .nodeSet(let nodes):
            guard let first = nodes.first else { return "" }
            return try stringValue(of: first)
        case .number(let number): return XPathNumber.text(number)
        case .string(let string): return string
        case .boolean(let boolean): return boolean ? "true" : "false"
        }
    }

    /// `number()`.
    mutating func number(_ value: Value) throws(EvaluationError) -> Double {
        switch value {
        case .nodeSet, .string: XPathNumber.parse(try string(value))
        case .number(let number): number
        case .boolean(let boolean): boolean ? 1 : 0
        }
    }

    /// `boolean()`: a node-set or string is true when not empty, a number when neither zero nor NaN.
    func boolean(_ value: Value) -> Bool {
        switch value {
        case .nodeSet(let nodes): !nodes.isEmpty
        case .number(let number): number != 0 && !number.isNaN
        case .string(let string): !string.isEmpty
        case .boolean(let boolean): boolean
        }
    }
}
