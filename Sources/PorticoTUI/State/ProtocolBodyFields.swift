import PorticoCore

/// One part of a protocol body (GraphQL, JSON-RPC, SOAP, XML-RPC) that the Body tab lists and edits
/// on its own: long texts in the body editor, short ones in a line editor.
public enum BodyField: Hashable, Sendable {
    case graphQLQuery, graphQLVariables, graphQLOperationName
    case jsonRPCMethod(call: Int), jsonRPCParams(call: Int), jsonRPCID(call: Int)
    case soapVersion, soapAction, soapEnvelope
    case xmlRPCMethod, xmlRPCParam(Int)

    /// The parts of `body` in the order shown; empty for the kinds that are not protocols.
    public static func all(in body: RequestBody) -> [BodyField] {
        switch body {
        case .graphQL: [.graphQLQuery, .graphQLVariables, .graphQLOperationName]
        case .jsonRPC(let jsonRPC): jsonRPC.calls.indices.flatMap { [.jsonRPCMethod(call: $0), .jsonRPCParams(call: $0), .jsonRPCID(call: $0)] }
        case .soap: [.soapVersion, .soapAction, .soapEnvelope]
        case .xmlRPC(let call): [.xmlRPCMethod] + call.params.indices.map { .xmlRPCParam($0) }
        default: []
        }
    }

    /// Edited in the body editor (several lines) rather than on one line.
    public var isMultiline: Bool {
        switch self {
        case .graphQLQuery, .graphQLVariables, .jsonRPCParams, .soapEnvelope: true
        default: false
        }
    }

    public func label(in body: RequestBody) -> String {
        let batch: Bool = if case .jsonRPC(let jsonRPC) = body { jsonRPC.isBatch } else { false }
        func call(_ index: Int, _ name: String) -> String { batch ? "call \(index + 1) \(name)" : name }
        return switch self {
        case .graphQLQuery: "query"
        case .graphQLVariables: "variables (JSON)"
        case .graphQLOperationName: "operation"
        case .jsonRPCMethod(let index): call(index, "method")
        case .jsonRPCParams(let index): call(index, "params (JSON)")
        case .jsonRPCID(let index): call(index, "id")
        case .soapVersion: "version"
        case .soapAction: "action"
        case .soapEnvelope: "envelope (the Body's content, or a whole Envelope)"
        case .xmlRPCMethod: "method"
        case .xmlRPCParam(let index): "param \(index + 1)"
        }
    }

    /// The text shown and edited; a param shows its value (its type is `typeName`).
    public func text(in body: RequestBody) -> String {
        switch (self, body) {
        case (.graphQLQuery, .graphQL(let graphQL)): return graphQL.query
        case (.graphQLVariables, .graphQL(let graphQL)): return graphQL.variables
        case (.graphQLOperationName, .graphQL(let graphQL)): return graphQL.operationName
        case (.jsonRPCMethod(let index), .jsonRPC(let jsonRPC)) where jsonRPC.calls.indices.contains(index): return jsonRPC.calls[index].method
        case (.jsonRPCParams(let index), .jsonRPC(let jsonRPC)) where jsonRPC.calls.indices.contains(index): return jsonRPC.calls[index].params
        case (.jsonRPCID(let index), .jsonRPC(let jsonRPC)) where jsonRPC.calls.indices.contains(index): return Self.idText(jsonRPC.calls[index].id)
        case (.soapVersion, .soap(let soap)): return soap.version.rawValue
        case (.soapAction, .soap(let soap)): return soap.action
        case (.soapEnvelope, .soap(let soap)): return soap.envelope
        case (.xmlRPCMethod, .xmlRPC(let call)): return call.method
        case (.xmlRPCParam(let index), .xmlRPC(let call)) where call.params.indices.contains(index): return Self.valueText(call.params[index])
        default: return ""
        }
    }

    /// The body with this part set to `text`, or why the text does not fit.
    public func setting(_ text: String, in body: RequestBody) -> Result<RequestBody, FieldProblem> {
        switch (self, body) {
        case (.graphQLQuery, .graphQL(var graphQL)): graphQL.query = text; return .success(.graphQL(graphQL))
        case (.graphQLVariables, .graphQL(var graphQL)): graphQL.variables = text; return .success(.graphQL(graphQL))
        case (.graphQLOperationName, .graphQL(var graphQL)): graphQL.operationName = text; return .success(.graphQL(graphQL))
        case (.jsonRPCMethod(let index), .jsonRPC(var jsonRPC)) where jsonRPC.calls.indices.contains(index):
            jsonRPC.calls[index].method = text; return .success(.jsonRPC(jsonRPC))
        case (.jsonRPCParams(let index), .jsonRPC(var jsonRPC)) where jsonRPC.calls.indices.contains(index):
            jsonRPC.calls[index].params = text; return .success(.jsonRPC(jsonRPC))
        case (.jsonRPCID(let index), .jsonRPC(var jsonRPC)) where jsonRPC.calls.indices.contains(index):
            jsonRPC.calls[index].id = Self.id(from: text); return .success(.jsonRPC(jsonRPC))
        case (.soapAction, .soap(var soap)): soap.action = text; return .success(.soap(soap))
        case (.soapEnvelope, .soap(var soap)): soap.envelope = text; return .success(.soap(soap))
        case (.soapVersion, .soap(var soap)):
            guard let version = SOAPBody.Version(rawValue: text.trimmingCharacters(in: .whitespaces)) else { return .failure(FieldProblem("the SOAP version is 1.1 or 1.2")) }
            soap.version = version; return .success(.soap(soap))
        case (.xmlRPCMethod, .xmlRPC(var call)): call.method = text; return .success(.xmlRPC(call))
        case (.xmlRPCParam(let index), .xmlRPC(var call)) where call.params.indices.contains(index):
            guard case .scalar(let type, _) = call.params[index] else { return .failure(Self.containerProblem) }
            call.params[index] = .scalar(type, text)
            return .success(.xmlRPC(call))
        default:
            return .success(body)
        }
    }

    /// The type of an XML-RPC param, and the body with it changed to `name` (its text kept).
    public func settingType(_ name: String, in body: RequestBody) -> Result<RequestBody, FieldProblem> {
        guard case .xmlRPCParam(let index) = self, case .xmlRPC(var call) = body, call.params.indices.contains(index) else { return .success(body) }
        guard case .scalar(_, let text) = call.params[index] else { return .failure(Self.containerProblem) }
        let typed = name.trimmingCharacters(in: .whitespaces)
        guard let type = XMLRPCValue.ScalarType(rawValue: typed == "dateTime" ? XMLRPCValue.ScalarType.dateTime.rawValue : typed) else {
            return .failure(FieldProblem("unknown XML-RPC type '\(typed)': one of \(XMLRPCValue.ScalarType.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        call.params[index] = .scalar(type, text)
        return .success(.xmlRPC(call))
    }

    public static func typeName(_ value: XMLRPCValue) -> String {
        switch value {
        case .scalar(let type, _): type.rawValue
        case .array: "array"
        case .structure: "struct"
        }
    }

    static let containerProblem = FieldProblem("arrays and structs are edited in the request file (see docs/collection-format.md)")

    /// A scalar's text; an array or struct in a compact, read-only form.
    static func valueText(_ value: XMLRPCValue) -> String {
        switch value {
        case .scalar(_, let text): text
        case .array(let items): "[" + items.map(valueText).joined(separator: ", ") + "]"
        case .structure(let members): "{" + members.map { "\($0.name): \(valueText($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// `auto`, `notification`, a number, or a quoted string (so a string id reading "auto" stays one).
    static func idText(_ id: JSONRPCCall.ID) -> String {
        switch id {
        case .automatic: "auto"
        case .notification: "notification"
        case .number(let number): String(number)
        case .string(let text): "\"\(text)\""
        }
    }

    static func id(from text: String) -> JSONRPCCall.ID {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "", "auto": return .automatic
        case "notification", "none": return .notification
        default:
            if let number = Int(trimmed) { return .number(number) }
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") { return .string(String(trimmed.dropFirst().dropLast())) }
            return .string(trimmed)
        }
    }
}

/// Why a text cannot go into a body field: said in the footer.
public struct FieldProblem: Error, Hashable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
