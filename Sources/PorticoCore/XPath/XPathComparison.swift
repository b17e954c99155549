extension XPathEvaluator {
    /// `=`, `!=`, `<`, `<=`, `>`, `>=` with the rules of section 3.4: a comparison involving a
    /// node-set is true when it holds for some node (for two node-sets, some pair of nodes), except
    /// against a boolean, which compares with the node-set's own boolean.
    mutating func compare(_ left: Value, _ comparison: XPathExpression.Comparison, _ right: Value) throws(EvaluationError) -> Bool {
        switch (left, right) {
        case (.nodeSet(let leftNodes), .nodeSet(let rightNodes)):
            return try compare(stringValues(of: leftNodes), comparison, stringValues(of: rightNodes))
        case (.nodeSet(let nodes), .boolean):
            return try compareValues(.boolean(!nodes.isEmpty), comparison, right)
        case (.boolean, .nodeSet(let nodes)):
            return try compareValues(left, comparison, .boolean(!nodes.isEmpty))
        case (.nodeSet(let nodes), _):
            for node in nodes {
                if try compareValues(value(of: node, comparedWith: right), comparison, right) { return true }
            }
            return false
        case (_, .nodeSet(let nodes)):
            for node in nodes {
                if try compareValues(left, comparison, value(of: node, comparedWith: left)) { return true }
            }
            return false
        default:
            return try compareValues(left, comparison, right)
        }
    }

    /// A node as the other side of a comparison sees it: its string-value as a number when compared
    /// with a number, else as a string.
    private mutating func value(of node: Int, comparedWith other: Value) throws(EvaluationError) -> Value {
        let text = try stringValue(of: node)
        if case .number = other { return .number(XPathNumber.parse(text)) }
        return .string(text)
    }

    /// Two values neither of which is a node-set: `=` and `!=` compare as booleans if either is one,
    /// else as numbers if either is one, else as strings; the others compare as numbers.
    private mutating func compareValues(_ left: Value, _ comparison: XPathExpression.Comparison, _ right: Value) throws(EvaluationError) -> Bool {
        switch comparison {
        case .equal, .notEqual:
            let equal: Bool
            switch (left, right) {
            case (.boolean, _), (_, .boolean): equal = boolean(left) == boolean(right)
            case (.number, _), (_, .number): equal = try number(left) == number(right)
            default: equal = try Self.sameCharacters(string(left), string(right))
            }
            // NaN is not equal to itself, so `NaN != NaN` is true, as in IEEE 754.
            return comparison == .equal ? equal : !equal
        case .less: return try number(left) < number(right)
        case .lessOrEqual: return try number(left) <= number(right)
        case .greater: return try number(left) > number(right)
        case .greaterOrEqual: return try number(left) >= number(right)
        }
    }

    /// Two node-sets, by their string-values (section 3.4).
    private func compare(_ left: [String], _ comparison: XPathExpression.Comparison, _ right: [String]) -> Bool {
        switch comparison {
        case .equal:
            let leftValues = Set(left.map { Array($0.utf8) })
            return right.contains { leftValues.contains(Array($0.utf8)) }
        case .notEqual:
            // Some pair differs unless both sides hold one and the same value, however often.
            let leftValues = Set(left.map { Array($0.utf8) })
            let rightValues = Set(right.map { Array($0.utf8) })
            guard !leftValues.isEmpty, !rightValues.isEmpty else { return false }
            return leftValues.count > 1 || leftValues != rightValues
        // Some pair is ordered so when the extremes are.
        case .less: return Self.extremes(left, right).map { $0.leftMinimum < $0.rightMaximum } ?? false
        case .lessOrEqual: return Self.extremes(left, right).map { $0.leftMinimum <= $0.rightMaximum } ?? false
        case .greater: return Self.extremes(left, right).map { $0.leftMaximum > $0.rightMinimum } ?? false
        case .greaterOrEqual: return Self.extremes(left, right).map { $0.leftMaximum >= $0.rightMinimum } ?? false
        }
    }

    /// The smallest and largest numbers of two lists of string-values, nil when either has none but
    /// NaN (which never compares true).
    private static func extremes(_ left: [String], _ right: [String])
        -> (leftMinimum: Double, leftMaximum: Double, rightMinimum: Double, rightMaximum: Double)? {
        let leftNumbers = left.map(XPathNumber.parse).filter { !$0.isNaN }
        let rightNumbers = right.map(XPathNumber.parse).filter { !$0.isNaN }
        guard let leftMinimum = leftNumbers.min(), let leftMaximum = leftNumbers.max(),
              let rightMinimum = rightNumbers.min(), let rightMaximum = rightNumbers.max() else { return nil }
        return (leftMinimum, leftMaximum, rightMinimum, rightMaximum)
    }

    private mutating func stringValues(of nodes: [Int]) throws(EvaluationError) -> [String] {
        var values: [String] = []
        for node in nodes { values.append(try stringValue(of: node)) }
        return values
    }

    /// XPath compares strings character by character: "é" and "e" followed by a combining accent
    /// differ, unlike with Swift's `==`.
    static func sameCharacters(_ left: String, _ right: String) -> Bool {
        left.utf8.elementsEqual(right.utf8)
    }
}
