// The checked syntax tree of a JSONPath query (RFC 9535). Only the parser builds it, and it
// only builds well-typed trees, so evaluation never meets a type error.

extension JSONPath {
    /// `$` or `@` followed by segments.
    struct Query: Hashable, Sendable {
        /// Whether the query starts at the current node `@` (inside a filter) rather than the root `$`.
        let isRelative: Bool
        let segments: [Segment]

        /// A singular query selects at most one node: only child segments holding one name or index.
        var isSingular: Bool {
            segments.allSatisfy { segment in
                guard !segment.isDescendant, segment.selectors.count == 1 else { return false }
                switch segment.selectors[0] {
                case .name, .index: return true
                case .wildcard, .slice, .filter: return false
                }
            }
        }
    }

    /// A child segment `[…]` / `.name`, or a descendant segment `..[…]` / `..name`.
    struct Segment: Hashable, Sendable {
        let isDescendant: Bool
        let selectors: [Selector]
    }

    enum Selector: Hashable, Sendable {
        case name(String)
        case wildcard
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int?)
        case filter(LogicalExpression)
    }

    indirect enum LogicalExpression: Hashable, Sendable {
        case or([LogicalExpression])
        case and([LogicalExpression])
        case not(LogicalExpression)
        case comparison(Comparable, ComparisonOperator, Comparable)
        /// True when the query selects at least one node.
        case exists(Query)
        /// A function whose result is LogicalType, or NodesType (true when non-empty).
        case functionTest(FunctionCall)
    }

    enum ComparisonOperator: String, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
    }

    /// Something that produces a single value or Nothing.
    enum Comparable: Hashable, Sendable {
        case literal(JSONValue)
        case singularQuery(Query)
        /// A function whose result is ValueType.
        case function(FunctionCall)
    }

    struct FunctionCall: Hashable, Sendable {
        let function: FunctionExtension
        let arguments: [FunctionArgument]
    }

    /// An argument already converted to the type its parameter declares.
    enum FunctionArgument: Hashable, Sendable {
        case value(Comparable)
        case logical(LogicalExpression)
        case nodes(Query)
    }
}
