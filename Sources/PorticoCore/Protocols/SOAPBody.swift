import Foundation

/// A SOAP call: the content of the envelope's Body (wrapped in an Envelope of the chosen version),
/// or a whole Envelope sent as written.
public struct SOAPBody: Hashable, Sendable {
    public enum Version: String, Hashable, Sendable, CaseIterable {
        case v1_1 = "1.1"
        case v1_2 = "1.2"

        public var envelopeNamespace: String {
            switch self {
            case .v1_1: "http://schemas.xmlsoap.org/soap/envelope/"
            case .v1_2: "http://www.w3.org/2003/05/soap-envelope"
            }
        }
    }

    /// The Body's content, or a whole `<Envelope>` (with a Header, say) sent as is.
    public var envelope: String
    public var version: Version
    /// The SOAPAction (1.1 header) or the `action` parameter of the Content-Type (1.2); may be empty.
    public var action: String

    public init(envelope: String = "", version: Version = .v1_1, action: String = "") {
        self.envelope = envelope
        self.version = version
        self.action = action
    }

    /// Whether the text is already a whole envelope: its first element is an `Envelope`.
    public static func isWholeEnvelope(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            if rest.hasPrefix("<?"), let end = rest.range(of: "?>") {
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
                rest = rest[end.upperBound...]
            } else {
                break
            }
        }
        guard rest.hasPrefix("<") else { return false }
        let name = rest.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
        return name == "Envelope" || name.hasSuffix(":Envelope")
    }

    /// The XML sent; the envelope text goes through `render` first (see `GraphQLBody.wireText`).
    public func wireText(_ render: (_ text: String, _ location: String) -> String) -> String {
        let content = render(envelope, "SOAP envelope")
        if Self.isWholeEnvelope(content) { return content }
        let indented = content.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="\(version.envelopeNamespace)">
          <soap:Body>
        \(indented)
          </soap:Body>
        </soap:Envelope>

        """
    }

    /// The Content-Type for `action` (already rendered): SOAP 1.2 carries the action in it.
    public func contentType(action: String) -> String {
        switch version {
        case .v1_1: return "text/xml; charset=utf-8"
        case .v1_2: return "application/soap+xml; charset=utf-8" + (action.isEmpty ? "" : "; action=\"\(action)\"")
        }
    }

    /// The headers SOAP adds besides the Content-Type: SOAP 1.1's `SOAPAction`, always sent (an
    /// empty one means "the intent is the HTTP request URI").
    public func actionHeaders(action: String) -> [HTTPField] {
        version == .v1_1 ? [HTTPField("SOAPAction", "\"\(action)\"")] : []
    }
}
