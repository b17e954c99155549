/// A GraphQL operation: sent as `application/json` `{"query", "variables", "operationName"}`, the
/// form every GraphQL server over HTTP accepts.
public struct GraphQLBody: Hashable, Sendable {
    public var query: String
    /// JSON text of an object (templates allowed); empty sends no variables.
    public var variables: String
    /// Which operation of a document with several to run; empty when there is one.
    public var operationName: String

    public init(query: String = "", variables: String = "", operationName: String = "") {
        self.query = query
        self.variables = variables
        self.operationName = operationName
    }

    /// The JSON document sent. Each text goes through `render` first (a template renderer, or
    /// nothing when an export keeps the `{{placeholders}}`); variables are spliced in as written,
    /// and `problems` gets them when they are not a JSON object.
    public func wireText(_ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> String {
        var members = ["\"query\":" + JSONValue.string(render(query, "GraphQL query")).serialized()]
        let variables = render(variables, "GraphQL variables").trimmingCharacters(in: .whitespacesAndNewlines)
        if !variables.isEmpty {
            members.append("\"variables\":" + variables)
            if let problem = JSONText.problem(variables, allowed: .object) { problems.append("GraphQL variables: \(problem)") }
        }
        let operationName = render(operationName, "GraphQL operation name")
        if !operationName.isEmpty { members.append("\"operationName\":" + JSONValue.string(operationName).serialized()) }
        return "{" + members.joined(separator: ",") + "}"
    }
}
