/// A filter expression as written, before RFC 9535's type rules (§2.4.3) decide what each part
/// may be used as. The grammar alone cannot tell `@.a` the test from `@.a` the nodes argument, or
/// `length(@)` the value from a misuse of it as a test, so the parser builds these terms and the
/// `as…` conversions below turn them into the checked tree, reporting misuse at its offset.
indirect enum FilterTerm {
    case literal(JSONValue, at: Int)
    case query(JSONPath.Query, at: Int)
    case call(JSONPath.FunctionCall, at: Int)
    case not(FilterTerm, at: Int)
    case and([FilterTerm])
    case or([FilterTerm])
    case comparison(FilterTerm, JSONPath.ComparisonOperator, FilterTerm, at: Int)
    case parenthesized(FilterTerm, at: Int)

    typealias SyntaxError = JSONPath.SyntaxError

    /// The term used as a test: in a filter, after `!`, or around `&&` and `||`.
    func asLogical() throws(SyntaxError) -> JSONPath.LogicalExpression {
        switch self {
        case .or(let terms):
            var converted: [JSONPath.LogicalExpression] = []
            for term in terms { converted.append(try term.asLogical()) }
            return .or(converted)
        case .and(let terms):
            var converted: [JSONPath.LogicalExpression] = []
            for term in terms { converted.append(try term.asLogical()) }
            return .and(converted)
        case .not(let term, _):
            return .not(try term.asLogical())
        case .parenthesized(let term, _):
            return try term.asLogical()
        case .comparison(let left, let comparison, let right, _):
            return .comparison(try left.asComparable(), comparison, try right.asComparable())
        case .query(let query, _):
            return .exists(query)
        case .call(let call, let offset):
            guard call.function.resultType != .value else {
                throw SyntaxError(offset: offset, message: "\(call.function.rawValue)() returns a value (ValueType), which cannot be a test; compare it, e.g. \(call.function.rawValue)(…) == 1")
            }
            return .functionTest(call)
        case .literal(_, let offset):
            throw SyntaxError(offset: offset, message: "a literal cannot be a test on its own; compare it with something")
        }
    }

    /// The term as one side of a comparison.
    func asComparable() throws(SyntaxError) -> JSONPath.Comparable {
        switch self {
        case .literal(let value, _):
            return .literal(value)
        case .query(let query, let offset):
            guard query.isSingular else {
                throw SyntaxError(offset: offset, message: "only a singular query (names and indexes only, no '..', '*', slices or filters) can be compared")
            }
            return .singularQuery(query)
        case .call(let call, let offset):
            guard call.function.resultType == .value else {
                throw SyntaxError(offset: offset, message: "\(call.function.rawValue)() returns \(call.function.resultType.rawValue), which cannot be compared; use it as a test on its own")
            }
            return .function(call)
        case .not, .parenthesized, .comparison, .and, .or:
            throw SyntaxError(offset: startOffset, message: "a logical expression cannot be compared")
        }
    }

    /// Where the term begins in the query.
    var startOffset: Int {
        switch self {
        case .literal(_, let offset), .query(_, let offset), .call(_, let offset), .not(_, let offset), .parenthesized(_, let offset):
            offset
        case .comparison(let left, _, _, _):
            left.startOffset
        case .and(let terms), .or(let terms):
            terms[0].startOffset
        }
    }

    /// The term as argument `number` (1-based) of `function`, converted to the parameter's type.
    func asArgument(of type: JSONPath.ExpressionType, number: Int, function: String, at offset: Int) throws(SyntaxError) -> JSONPath.FunctionArgument {
        let position = "argument \(number) of \(function)()"
        switch type {
        case .value:
            switch self {
            case .literal(let value, _):
                return .value(.literal(value))
            case .call(let call, _):
                guard call.function.resultType == .value else {
                    throw SyntaxError(offset: offset, message: "\(position) must be a value, but \(call.function.rawValue)() returns \(call.function.resultType.rawValue)")
                }
                return .value(.function(call))
            case .query(let query, _):
                guard query.isSingular else {
                    throw SyntaxError(offset: offset, message: "\(position) must be a single value, so the query must be singular (names and indexes only)")
                }
                return .value(.singularQuery(query))
            default:
                throw SyntaxError(offset: offset, message: "\(position) must be a value (a literal, a singular query or a value function), not a logical expression")
            }
        case .logical:
            switch self {
            case .literal:
                throw SyntaxError(offset: offset, message: "\(position) must be a logical expression, not a literal")
            default:
                return .logical(try asLogical())
            }
        case .nodes:
            guard case .query(let query, _) = self else {
                throw SyntaxError(offset: offset, message: "\(position) must be a query (NodesType)")
            }
            return .nodes(query)
        }
    }
}
