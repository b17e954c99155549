import Yams

/// The YAML of the protocol body kinds (`graphql`, `jsonrpc`, `soap`, `xmlrpc`; see
/// docs/collection-format.md). Long texts are literal blocks, so a query diffs line by line.
enum ProtocolBodyFormat {
    static let kinds = ["graphql", "jsonrpc", "soap", "xmlrpc"]

    // MARK: Reading

    static func decode(_ kind: String, _ node: Node) throws(FileProblem) -> RequestBody {
        switch kind {
        case "graphql": return .graphQL(try graphQL(node))
        case "jsonrpc": return .jsonRPC(try jsonRPC(node))
        case "soap": return .soap(try soap(node))
        default: return .xmlRPC(try xmlRPC(node))
        }
    }

    private typealias Pairs = [(key: String, value: Node, line: Int)]

    private static func text(_ pairs: Pairs, _ key: String, _ path: String) throws(FileProblem) -> String {
        try YAMLReader.value(pairs, key).map { node throws(FileProblem) in try YAMLReader.string(node, "\(path).\(key)") } ?? ""
    }

    private static func graphQL(_ node: Node) throws(FileProblem) -> GraphQLBody {
        let path = "body.graphql"
        let pairs = try YAMLReader.mapping(node, path, known: ["query", "variables", "operationName"])
        guard YAMLReader.value(pairs, "query") != nil else { throw FileProblem(line: YAMLReader.line(node), "\(path) has no 'query'") }
        return GraphQLBody(query: try text(pairs, "query", path), variables: try text(pairs, "variables", path), operationName: try text(pairs, "operationName", path))
    }

    private static func jsonRPC(_ node: Node) throws(FileProblem) -> JSONRPCBody {
        let path = "body.jsonrpc"
        if let pairs = try? YAMLReader.mapping(node, path, known: ["batch"]), let batch = YAMLReader.value(pairs, "batch") {
            let calls = try YAMLReader.sequence(batch, "\(path).batch").enumerated().map { index, item throws(FileProblem) in
                try jsonRPCCall(item, "\(path).batch[\(index + 1)]")
            }
            guard !calls.isEmpty else { throw FileProblem(line: YAMLReader.line(batch), "\(path).batch needs at least one call") }
            return JSONRPCBody(calls: calls, isBatch: true)
        }
        return JSONRPCBody(calls: [try jsonRPCCall(node, path)])
    }

    private static func jsonRPCCall(_ node: Node, _ path: String) throws(FileProblem) -> JSONRPCCall {
        let pairs = try YAMLReader.mapping(node, path, known: ["method", "params", "id", "notification"])
        guard YAMLReader.value(pairs, "method") != nil else { throw FileProblem(line: YAMLReader.line(node), "\(path) has no 'method'") }
        if let params = YAMLReader.value(pairs, "params"), params.scalar == nil {
            throw FileProblem(line: YAMLReader.line(params), "\(path).params is JSON text: quote it, e.g. params: '[1, 2]'")
        }
        var call = JSONRPCCall(method: try text(pairs, "method", path), params: try text(pairs, "params", path))
        let isNotification = try YAMLReader.value(pairs, "notification").map { node throws(FileProblem) in try YAMLReader.bool(node, "\(path).notification") } ?? false
        if let idNode = YAMLReader.value(pairs, "id") {
            guard !isNotification else { throw FileProblem(line: YAMLReader.line(idNode), "\(path) is a notification: it has no 'id'") }
            let id = try YAMLReader.string(idNode, "\(path).id")
            // A plain whole number is a number id; quoted, it stays text.
            if idNode.scalar?.style == .plain, let number = Int(id) { call.id = .number(number) } else { call.id = .string(id) }
        } else if isNotification {
            call.id = .notification
        }
        return call
    }

    private static func soap(_ node: Node) throws(FileProblem) -> SOAPBody {
        let path = "body.soap"
        let pairs = try YAMLReader.mapping(node, path, known: ["version", "action", "envelope"])
        guard YAMLReader.value(pairs, "envelope") != nil else { throw FileProblem(line: YAMLReader.line(node), "\(path) has no 'envelope'") }
        var body = SOAPBody(envelope: try text(pairs, "envelope", path), action: try text(pairs, "action", path))
        if let versionNode = YAMLReader.value(pairs, "version") {
            guard let version = SOAPBody.Version(rawValue: try YAMLReader.string(versionNode, "\(path).version")) else {
                throw FileProblem(line: YAMLReader.line(versionNode), "\(path).version must be 1.1 or 1.2")
            }
            body.version = version
        }
        return body
    }

    private static func xmlRPC(_ node: Node) throws(FileProblem) -> XMLRPCCall {
        let path = "body.xmlrpc"
        let pairs = try YAMLReader.mapping(node, path, known: ["method", "params"])
        guard YAMLReader.value(pairs, "method") != nil else { throw FileProblem(line: YAMLReader.line(node), "\(path) has no 'method'") }
        let params = try YAMLReader.value(pairs, "params").map { node throws(FileProblem) in
            try YAMLReader.sequence(node, "\(path).params").enumerated().map { index, item throws(FileProblem) in
                try xmlRPCValue(item, "\(path).params[\(index + 1)]")
            }
        } ?? []
        return XMLRPCCall(method: try text(pairs, "method", path), params: params)
    }

    /// A value is a mapping with one key, its type: `int: 2`, `array: [...]`, `struct: {name: {string: Ada}}`.
    private static func xmlRPCValue(_ node: Node, _ path: String) throws(FileProblem) -> XMLRPCValue {
        let types = XMLRPCValue.ScalarType.allCases.map(\.rawValue) + ["array", "struct"]
        let pairs = try YAMLReader.mapping(node, path, known: types)
        guard pairs.count == 1, let (type, value, _) = pairs.first else {
            throw FileProblem(line: YAMLReader.line(node), "\(path) must have exactly one type: \(types.joined(separator: ", "))")
        }
        switch type {
        case "array":
            return .array(try YAMLReader.sequence(value, "\(path).array").enumerated().map { index, item throws(FileProblem) in
                try xmlRPCValue(item, "\(path).array[\(index + 1)]")
            })
        case "struct":
            return .structure(try YAMLReader.mapping(value, "\(path).struct", known: []).map { pair throws(FileProblem) in
                XMLRPCValue.Member(pair.key, try xmlRPCValue(pair.value, "\(path).struct.\(pair.key)"))
            })
        default:
            return .scalar(XMLRPCValue.ScalarType(rawValue: type)!, try YAMLReader.string(value, "\(path).\(type)"))
        }
    }

    // MARK: Writing

    static func node(_ graphQL: GraphQLBody) -> Node {
        var pairs = [("query", YAMLWriter.text(graphQL.query))]
        if !graphQL.variables.isEmpty { pairs.append(("variables", YAMLWriter.text(graphQL.variables))) }
        if !graphQL.operationName.isEmpty { pairs.append(("operationName", YAMLWriter.text(graphQL.operationName))) }
        return YAMLWriter.mapping(pairs)
    }

    static func node(_ jsonRPC: JSONRPCBody) -> Node {
        if jsonRPC.isBatch { return YAMLWriter.mapping([("batch", YAMLWriter.sequence(jsonRPC.calls.map(callNode)))]) }
        return callNode(jsonRPC.calls.first ?? JSONRPCCall())
    }

    static func node(_ soap: SOAPBody) -> Node {
        var pairs: [(String, Node)] = []
        if soap.version != .v1_1 { pairs.append(("version", YAMLWriter.text(soap.version.rawValue))) }
        if !soap.action.isEmpty { pairs.append(("action", YAMLWriter.text(soap.action))) }
        pairs.append(("envelope", YAMLWriter.text(soap.envelope)))
        return YAMLWriter.mapping(pairs)
    }

    static func node(_ call: XMLRPCCall) -> Node {
        var pairs = [("method", YAMLWriter.text(call.method))]
        if !call.params.isEmpty { pairs.append(("params", YAMLWriter.sequence(call.params.map(valueNode)))) }
        return YAMLWriter.mapping(pairs)
    }

    private static func callNode(_ call: JSONRPCCall) -> Node {
        var pairs = [("method", YAMLWriter.text(call.method))]
        if !call.params.isEmpty { pairs.append(("params", YAMLWriter.text(call.params))) }
        switch call.id {
        case .automatic: break
        case .number(let number): pairs.append(("id", YAMLWriter.plain(String(number))))
        case .string(let text): pairs.append(("id", Int(text) == nil ? YAMLWriter.text(text) : Node(text, Tag(.str), .singleQuoted)))
        case .notification: pairs.append(("notification", YAMLWriter.bool(true)))
        }
        return YAMLWriter.mapping(pairs)
    }

    private static func valueNode(_ value: XMLRPCValue) -> Node {
        switch value {
        case .scalar(let type, let text):
            // Numbers and booleans read best plain (`int: 2`) when they are what their type says.
            let plain = type != .string && type.problem(with: text) == nil && text == text.trimmingCharacters(in: .whitespaces) && !text.isEmpty
            return YAMLWriter.mapping([(type.rawValue, plain && type != .dateTime && type != .base64 ? YAMLWriter.plain(text) : YAMLWriter.text(text))])
        case .array(let items):
            return YAMLWriter.mapping([("array", YAMLWriter.sequence(items.map(valueNode)))])
        case .structure(let members):
            return YAMLWriter.mapping([("struct", YAMLWriter.mapping(members.map { ($0.name, valueNode($0.value)) }))])
        }
    }
}
