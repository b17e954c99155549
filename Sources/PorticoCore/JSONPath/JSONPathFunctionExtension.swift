extension JSONPath {
    /// The type system of RFC 9535 §2.4.1, checked while parsing.
    enum ExpressionType: String, Sendable {
        case value = "ValueType"
        case logical = "LogicalType"
        case nodes = "NodesType"
    }

    /// The function extensions RFC 9535 §2.4 defines.
    enum FunctionExtension: String, Sendable, CaseIterable {
        case length, count, match, search, value

        var parameterTypes: [ExpressionType] {
            switch self {
            case .length: [.value]
            case .count, .value: [.nodes]
            case .match, .search: [.value, .value]
            }
        }

        var resultType: ExpressionType {
            switch self {
            case .length, .count, .value: .value
            case .match, .search: .logical
            }
        }
    }
}
