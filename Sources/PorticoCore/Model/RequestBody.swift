/// What a request carries, as the user wrote it (templates not yet rendered).
public enum RequestBody: Hashable, Sendable {
    case none
    /// Free text with the content type the user chose; empty for none (a .http body without a
    /// Content-Type header is sent without one, as REST Client and JetBrains send it).
    case raw(text: String, contentType: String)
    case json(String)
    case xml(String)
    case formURLEncoded([KeyValueRow])
    case multipart([MultipartPart])
    /// The bytes of a file, read when the request is sent; relative paths are relative to the request file.
    case binaryFile(path: String, contentType: String?)
    case graphQL(GraphQLBody)
    case jsonRPC(JSONRPCBody)
    case soap(SOAPBody)
    case xmlRPC(XMLRPCCall)

    /// The Content-Type sent unless the user sets one in the headers.
    public var defaultContentType: String? {
        switch self {
        case .none: nil
        case .raw(_, let contentType): contentType.isEmpty ? nil : contentType
        case .json: "application/json"
        case .xml: "application/xml"
        case .formURLEncoded: "application/x-www-form-urlencoded"
        case .multipart: "multipart/form-data"
        case .binaryFile(_, let contentType): contentType ?? "application/octet-stream"
        case .graphQL, .jsonRPC: "application/json"
        case .soap(let soap): soap.contentType(action: soap.action)
        case .xmlRPC: "text/xml"
        }
    }

    /// The protocol of a protocol body, as people name it; nil for the other kinds.
    public var protocolName: String? {
        switch self {
        case .graphQL: "GraphQL"
        case .jsonRPC(let body): body.isBatch ? "JSON-RPC 2.0 batch" : "JSON-RPC 2.0"
        case .soap(let soap): "SOAP \(soap.version.rawValue)"
        case .xmlRPC: "XML-RPC"
        default: nil
        }
    }

    /// For the protocol kinds, what goes on the wire: the body text, the Content-Type and the
    /// other headers the protocol needs, with every text passed through `render` (a template
    /// renderer, or nothing for exports that keep the `{{placeholders}}`); `problems` gets values
    /// that do not fit their declared type. Nil for the other kinds.
    public func protocolWire(_ render: (_ text: String, _ location: String) -> String, problems: inout [String]) -> (text: String, contentType: String, headers: [HTTPField])? {
        switch self {
        case .graphQL(let graphQL): return (graphQL.wireText(render, problems: &problems), "application/json", [])
        case .jsonRPC(let jsonRPC): return (jsonRPC.wireText(render, problems: &problems), "application/json", [])
        case .soap(let soap):
            let action = render(soap.action, "SOAP action")
            return (soap.wireText(render), soap.contentType(action: action), soap.actionHeaders(action: action))
        case .xmlRPC(let call): return (call.wireText(render, problems: &problems), "text/xml", [])
        default: return nil
        }
    }
}

/// A part of a multipart/form-data body: a text field or a file.
public struct MultipartPart: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case text(String)
        /// Relative paths are relative to the request file.
        case file(path: String)
    }

    public var name: String
    public var content: Content
    /// For file parts, the filename announced to the server (defaults to the file's own name).
    public var filename: String?
    public var contentType: String?
    public var isEnabled: Bool

    public init(name: String, content: Content, filename: String? = nil, contentType: String? = nil, isEnabled: Bool = true) {
        self.name = name
        self.content = content
        self.filename = filename
        self.contentType = contentType
        self.isEnabled = isEnabled
    }
}
