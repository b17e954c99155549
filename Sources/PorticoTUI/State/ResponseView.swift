import Foundation
import PorticoCore

/// What the response pane shows, prepared once when an exchange ends so drawing stays cheap.
public struct ResponseView: Sendable {
    /// A piece of a line with its syntax role, for colouring.
    public struct Span: Hashable, Sendable {
        public var text: String
        public var role: Role
        public init(_ text: String, _ role: Role) {
            self.text = text
            self.role = role
        }
    }

    public enum Role: Hashable, Sendable {
        case plain, key, string, number, literal, punctuation, muted
        /// What a protocol reports as an error (a GraphQL error, a SOAP Fault, …).
        case error
        /// A search match, and the one last jumped to.
        case match, currentMatch
    }

    public typealias Line = [Span]

    /// Bodies larger than this are shown up to this size (the rest stays in the exchange).
    public static let displayLimit = 4 << 20

    public var status: Int?
    public var reason: String
    public var error: PorticoError?
    public var timeToFirstByte: Duration?
    public var total: Duration
    public var size: Int
    public var headers: [HTTPField]
    public var redirects: [RedirectHop]
    /// What carried the exchange: `async-http-client · HTTP/2`, `urlsession`; empty for records
    /// written before Portico named it.
    public var carrier: String
    public var bodyLines: [Line]
    public var rawLines: [String]
    public var note: String?
    /// What the body says in its protocol's terms (GraphQL errors, a SOAP Fault, an XML-RPC
    /// answer), shown above the body.
    public var protocolResponse: ProtocolResponse?
    /// The saved request the response answers, whose checks these are.
    public var requestID: String?
    /// How the request's checks fared on this response, in the request's order.
    public var checks: [CheckResult] = []
    /// The names of the values captured from it.
    public var captured: [String] = []
    /// Why a capture found nothing.
    public var captureProblem: String?
    /// A file name to offer when the body is saved: the URL's last segment, with an extension
    /// from the Content-Type when it has none.
    public var suggestedFileName = "response"
    /// The shown body's text (secrets masked) when it is JSON: what a JSONPath query runs on.
    var jsonText: String?
    /// `jsonText` parsed, on the first query only (most responses are never queried), or why it
    /// could not be: remembered, so a body that fails is not parsed again at every key.
    private var document: Result<JSONValue, JSONValue.ParseError>?

    /// `masker` hides the values of secret variables wherever the response repeats them.
    public init(exchange: Exchange, body: Data, masker: SecretMasker = SecretMasker(secrets: [])) {
        status = exchange.response?.status
        reason = exchange.response?.reason ?? ""
        error = exchange.error.map { PorticoError($0.kind, masker.mask($0.message)) }
        timeToFirstByte = exchange.timing.timeToFirstByte
        total = exchange.timing.total
        size = exchange.body?.size ?? body.count
        headers = (exchange.response?.headers ?? []).map { HTTPField($0.name, masker.mask($0.value)) }
        redirects = exchange.redirects.map { hop in
            var masked = hop
            masked.location = masker.mask(hop.location)
            masked.url = URL(string: masker.mask(hop.url.absoluteString)) ?? hop.url
            return masked
        }
        carrier = [exchange.transport?.rawValue, exchange.response?.httpVersion].compactMap { $0 }.joined(separator: " · ")
        let shown = body.prefix(Self.displayLimit)
        if size > shown.count { note = "showing the first \(shown.count) of \(size) bytes" }
        let contentType = exchange.response?.headers.first(named: "Content-Type")
        suggestedFileName = Self.fileName(for: exchange.response?.url ?? exchange.request.url, contentType: contentType)
        if let decoded = BodyText.decode(Data(shown), contentType: contentType) {
            let text = masker.mask(decoded)
            // CR LF and lone CR end lines too; a CR must never reach the terminal.
            rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            if let pretty = JSONPrettyPrinter.lines(text) {
                bodyLines = pretty.map { line in line.map { Span($0.text, Self.role($0.kind)) } }
                jsonText = text
            } else if Self.mayBeXML(text, contentType: contentType), let pretty = XMLPrettyPrinter.lines(text) {
                bodyLines = pretty.map { line in line.map { Span($0.text, Self.role($0.kind)) } }
            } else {
                bodyLines = rawLines.map { [Span($0, .plain)] }
            }
            protocolResponse = ProtocolResponse.analyse(Data(text.utf8))
            if let tree = protocolResponse?.tree, !tree.isEmpty {
                // The decoded XML-RPC value reads better than its XML (which the Raw tab keeps).
                bodyLines = tree.map(Self.treeLine)
            }
        } else {
            rawLines = HexDump.lines(Data(shown.prefix(64 << 10)))
            bodyLines = [[Span("binary body, \(body.count) bytes (\(contentType ?? "no Content-Type")): see Raw", .muted)]]
        }
    }

    /// `label: type value` with the label as a key and the type muted.
    private static func treeLine(_ line: String) -> Line {
        let indent = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(indent.count)
        guard let colon = rest.range(of: ": ") else { return [Span(line, .plain)] }
        let value = rest[colon.upperBound...]
        let type = value.prefix { $0 != " " }
        return [Span(indent + rest[..<colon.lowerBound], .key), Span(": ", .punctuation), Span(String(type), .muted), Span(String(value.dropFirst(type.count)), .plain)]
    }

    /// Letters, digits, dot, dash and underscore only: a server must not choose where the file goes
    /// (`..`, `/`) or put control characters in the prompt.
    static func fileName(for url: URL, contentType: String?) -> String {
        let segment = url.lastPathComponent.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        var name = String(String.UnicodeScalarView(segment)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if name.isEmpty { name = "response" }
        if !name.contains(".") {
            let type = (contentType ?? "").lowercased()
            let suffix = type.contains("json") ? "json" : type.contains("xml") ? "xml" : type.contains("html") ? "html" : type.hasPrefix("text/") ? "txt" : "bin"
            name += ".\(suffix)"
        }
        return name
    }

    /// The JSON body as a document, parsed the first time it is asked for; or why there is none.
    mutating func parsedDocument() -> Result<JSONValue, QueryUnavailable> {
        if note != nil { return .failure(.cut) }
        guard let jsonText else { return .failure(.notJSON) }
        if document == nil { document = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(Data(jsonText.utf8)) } }
        switch document! {
        case .success(let value): return .success(value)
        case .failure(let error): return .failure(.unreadable(error))
        }
    }

    /// Why a body cannot be queried.
    enum QueryUnavailable: Error {
        case cut, notJSON
        case unreadable(JSONValue.ParseError)

        var message: String {
            switch self {
            case .cut: "only the first part of the body is here: S saves it whole, then portico query FILE"
            case .notJSON: "the body is not JSON: queries need a JSON body"
            case .unreadable(let error): "the body cannot be queried: \(error.description)"
            }
        }
    }

    /// Rate-limit headers worth showing in the status line.
    public var rateLimitHeaders: [HTTPField] {
        headers.filter { field in
            let name = field.name.lowercased()
            return name.hasPrefix("ratelimit") || name.hasPrefix("x-ratelimit") || name == "retry-after"
        }
    }

    /// Cookies set by the response: name, value and attributes.
    public var cookies: [(name: String, value: String, attributes: String)] {
        SetCookie.lines(in: headers).filter { $0.contains("=") }
            .map { cookie in
                let parts = cookie.split(separator: ";", maxSplits: 1).map(String.init)
                let pair = parts[0].split(separator: "=", maxSplits: 1).map(String.init)
                return (pair[0].trimmingCharacters(in: .whitespaces), pair.count > 1 ? pair[1] : "", parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
    }

    /// XML by its media type (`text/xml`, `application/xml`, `…+xml`), or a body that starts with
    /// `<` under another type. HTML, by type or by its opening, is kept as sent: it is seldom
    /// well-formed XML, and where it happens to be, re-indenting it would still misrepresent it.
    private static func mayBeXML(_ text: String, contentType: String?) -> Bool {
        let mediaType = (contentType?.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if mediaType == "text/html" { return false }
        if mediaType.contains("xml") { return true }
        let opening = String(String.UnicodeScalarView(
            text.unicodeScalars.drop { $0 == "\u{FEFF}" || $0.properties.isWhitespace }.prefix(14))).lowercased()
        return opening.hasPrefix("<") && !opening.hasPrefix("<!doctype html") && !opening.hasPrefix("<html")
    }

    private static func role(_ kind: XMLPrettyPrinter.TokenKind) -> Role {
        switch kind {
        case .elementName: .key
        case .attributeName: .literal
        case .attributeValue: .string
        case .punctuation: .punctuation
        case .text: .plain
        case .comment, .declaration: .muted
        }
    }

    static func role(_ kind: JSONPrettyPrinter.TokenKind) -> Role {
        switch kind {
        case .key: .key
        case .string: .string
        case .number: .number
        case .literal: .literal
        case .punctuation: .punctuation
        case .plain: .plain
        }
    }
}

/// Classic hex dump lines: offset, 16 bytes in hex, and their printable ASCII.
enum HexDump {
    static func lines(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: 16).map { offset in
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            let hex = row.map { String(format: "%02x", $0) }.joined(separator: " ")
            let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            return String(format: "%08x  ", offset) + hex.padding(toLength: 48, withPad: " ", startingAt: 0) + "  " + ascii
        }
    }
}
