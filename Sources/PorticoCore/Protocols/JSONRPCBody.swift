/// JSON-RPC 2.0 calls: one call, or a batch sent as a JSON array.
public struct JSONRPCBody: Hashable, Sendable {
    public var calls: [JSONRPCCall]
    /// Sent as an array even with one call (a batch of one is a valid, different request).
    public var isBatch: Bool

    public init(calls: [JSONRPCCall] = [JSONRPCCall()], isBatch: Bool = false) {
        self.calls = calls
        self.isBatch = isBatch
    }

    /// The JSON text sent; texts go through `render` first and `problems` gets params that are not
    /// a JSON array or object (see `GraphQLBody.wireText`).
    public func wireText(_ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> String {
        let objects = calls.enumerated().map { index, call in
            call.wireText(position: index + 1, location: isBatch ? "JSON-RPC call \(index + 1)" : "JSON-RPC call", render, problems: &problems)
        }
        return isBatch || objects.count != 1 ? "[" + objects.joined(separator: ",") + "]" : objects[0]
    }
}

public struct JSONRPCCall: Hashable, Sendable {
    /// How a call's `id` is chosen.
    public enum ID: Hashable, Sendable {
        /// Numbered by its place in the request (1, 2, … in a batch), so a response can be matched
        /// to its call and the same request always sends the same bytes.
        case automatic
        case number(Int)
        case string(String)
        /// No id: the server answers nothing for it.
        case notification
    }

    public var method: String
    /// JSON text of an array or object (templates allowed); empty sends no params.
    public var params: String
    public var id: ID

    public init(method: String = "", params: String = "", id: ID = .automatic) {
        self.method = method
        self.params = params
        self.id = id
    }

    func wireText(position: Int, location: String, _ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> String {
        var members = ["\"jsonrpc\":\"2.0\"", "\"method\":" + JSONValue.string(render(method, "\(location) method")).serialized()]
        let params = render(params, "\(location) params").trimmingCharacters(in: .whitespacesAndNewlines)
        if !params.isEmpty {
            members.append("\"params\":" + params)
            if let problem = JSONText.problem(params, allowed: .structured) { problems.append("\(location) params: \(problem)") }
        }
        switch id {
        case .automatic: members.append("\"id\":\(position)")
        case .number(let number): members.append("\"id\":\(number)")
        case .string(let text): members.append("\"id\":" + JSONValue.string(render(text, "\(location) id")).serialized())
        case .notification: break
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
