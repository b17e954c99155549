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

    /// Bodies up to this size are indexed whole before they are shown; larger ones show their
    /// first screen at once and are indexed in the background.
    public static let indexedAtOnce = 1 << 20
    /// Bodies larger than this are not parsed for a JSONPath query or a protocol's answer in the
    /// explorer (`portico query FILE` has no such limit).
    public static let parsedLimit = 16 << 20
    /// Bodies larger than this are not read for a protocol's answer (GraphQL errors, a SOAP
    /// Fault): that reads and parses the whole body before the first screen, and answers that
    /// size are data, not a protocol's verdict.
    public static let protocolLimit = 4 << 20

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
    /// The body as the Body tab shows it: pretty JSON, the lines as received, or a hex dump.
    public var document: BodyDocument
    /// The body as received, for the Raw tab (the same document when the Body tab shows text).
    public var rawDocument: BodyDocument
    /// A decoded answer shown instead of the document (an XML-RPC value reads better than its XML).
    public var treeLines: [Line]?
    /// What the body is when that is not obvious from its lines: binary, an image.
    public var bodySummary: String?
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
    /// The explorer has seen the body fall back to text (see `BodyDocument.problem`).
    var fallbackSeen = false
    /// Hides the values of secret variables in every line drawn.
    let masker: SecretMasker
    /// The JSON body parsed, on the first query only (most responses are never queried), or why
    /// it could not be: remembered, so a body that fails is not parsed again at every key.
    private var parsed: Result<JSONValue, JSONValue.ParseError>?

    /// A response whose body is in memory (tests, history entries).
    public init(exchange: Exchange, body: Data, masker: SecretMasker = SecretMasker(secrets: [])) {
        self.init(exchange: exchange, bytes: BodyBytes(body), masker: masker)
    }

    /// `masker` hides the values of secret variables wherever the response repeats them. The
    /// first screen of the body is indexed here; `document.indexStep()` does the rest.
    public init(exchange: Exchange, bytes: BodyBytes, masker: SecretMasker = SecretMasker(secrets: [])) {
        self.masker = masker
        status = exchange.response?.status
        reason = exchange.response?.reason ?? ""
        error = exchange.error.map { PorticoError($0.kind, masker.mask($0.message)) }
        timeToFirstByte = exchange.timing.timeToFirstByte
        total = exchange.timing.total
        size = exchange.body?.size ?? bytes.count
        headers = (exchange.response?.headers ?? []).map { HTTPField($0.name, masker.mask($0.value)) }
        redirects = exchange.redirects.map { hop in
            var masked = hop
            masked.location = masker.mask(hop.location)
            masked.url = URL(string: masker.mask(hop.url.absoluteString)) ?? hop.url
            return masked
        }
        carrier = [exchange.transport?.rawValue, exchange.response?.httpVersion].compactMap { $0 }.joined(separator: " · ")
        if size > bytes.count { note = "showing the first \(bytes.count) of \(size) bytes" }
        let contentType = exchange.response?.headers.first(named: "Content-Type")
        suggestedFileName = Self.fileName(for: exchange.response?.url ?? exchange.request.url, contentType: contentType)
        let content = BodyContent.detect(contentType: contentType, leading: bytes.read(0..<min(bytes.count, BodyContent.sampleSize)), size: bytes.count)
        var shown = bytes
        // A UTF-8 byte order mark alone needs no copy of the body: the JSON and XML indexers skip
        // it, and as text it is shown as received.
        if content.needsTranscoding, content.charset != .utf8 {
            do throws(PorticoError) {
                shown = try BodyTranscoding.utf8(bytes, from: content.charset, skipping: content.byteOrderMarkLength)
            } catch {
                note = error.message
            }
        }
        var layout = BodyDocument.Layout.text
        // Said above the body when the lines do not make it plain: an image, binary, a converted
        // charset, a guess made without a Content-Type, a response with no body at all (a failed
        // exchange has its error instead).
        let plainlyShown = content.charset == .utf8 && [.json, .jsonLines, .xml, .text, .html].contains(content.kind)
            && (bytes.count > 0 || status == nil)
        if !plainlyShown || content.note != nil {
            // The summary ends with the note already.
            bodySummary = content.summary
        }
        let parsedWhole = { shown.count <= Self.parsedLimit ? shown.read(0..<shown.count) : nil }
        switch content.kind {
        case .json: layout = .json(sequence: false)
        case .jsonLines: layout = .json(sequence: true)
        case .xml:
            // Mislabelled JSON is still JSON (and falls back to text if it is not).
            let first = shown.read(0..<min(shown.count, 1024)).first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
            layout = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json(sequence: false) : .xml
        case .form:
            if let data = parsedWhole() { treeLines = FormBody.lines(data).map { [Span($0, .plain)] } }
        case .image, .binary: layout = .hex
        case .html, .text: break
        }
        if layout != .hex, shown.count <= Self.protocolLimit {
            // Read from the masked text: its summary and tree reach the screen.
            let raw = shown.read(0..<shown.count)
            let data = masker.isEmpty ? raw : Data(masker.mask(String(decoding: raw, as: UTF8.self)).utf8)
            protocolResponse = ProtocolResponse.analyse(data)
            if let tree = protocolResponse?.tree, !tree.isEmpty {
                // The decoded XML-RPC value reads better than its XML (which the Raw tab keeps).
                treeLines = tree.map(Self.treeLine)
            }
        }
        document = BodyDocument(bytes: shown, layout: layout)
        rawDocument = layout == .text ? document : BodyDocument(bytes: shown, layout: layout == .hex ? .hex : .text)
        if shown.count <= Self.indexedAtOnce {
            document.indexAll()
            rawDocument.indexAll()
        } else {
            document.index(atLeast: 256)
            rawDocument.index(atLeast: 256)
        }
    }

    /// The lines of the Body tab's body, read whole: for tests and small bodies.
    public var bodyLines: [Line] { treeLines ?? ShownLines(document: document, masker: masker).all }

    /// The lines of the Raw tab, read whole: for tests and small bodies.
    public var rawLines: [String] { ShownLines(document: rawDocument, masker: masker).all.map { $0.map(\.text).joined() } }

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

    /// The JSON body parsed, the first time it is asked for; or why there is none.
    mutating func parsedDocument() -> Result<JSONValue, QueryUnavailable> {
        if note != nil { return .failure(.cut) }
        guard case .json = document.layout else { return .failure(.notJSON) }
        guard document.bytes.count <= Self.parsedLimit else { return .failure(.tooLarge) }
        if parsed == nil {
            let bytes = document.bytes
            var data = bytes.read(0..<bytes.count)
            // A filter must not test guesses at a secret the screen hides.
            if !masker.isEmpty { data = Data(masker.mask(String(decoding: data, as: UTF8.self)).utf8) }
            parsed = Result { () throws(JSONValue.ParseError) in try JSONValue.parse(data) }
        }
        switch parsed! {
        case .success(let value): return .success(value)
        case .failure(let error): return .failure(.unreadable(error))
        }
    }

    /// Why a body cannot be queried.
    enum QueryUnavailable: Error {
        case cut, notJSON, tooLarge
        case unreadable(JSONValue.ParseError)

        var message: String {
            switch self {
            case .cut: "only the first part of the body is here: S saves it whole, then portico query FILE"
            case .notJSON: "the body is not JSON: queries need a JSON body"
            case .tooLarge: "the body is over \(formatSize(ResponseView.parsedLimit)): S saves it, then portico query FILE"
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

    static func role(_ kind: StyledPiece.Kind) -> Role {
        switch kind {
        case .plain: .plain
        case .punctuation: .punctuation
        case .key, .elementName: .key
        case .string, .attributeValue: .string
        case .number: .number
        case .literal, .attributeName: .literal
        case .comment, .declaration, .muted: .muted
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

extension PorticoError {
    /// The error as the explorer shows it: its kind, then the message (`protocol: …`).
    var withKind: String { "\(kind.rawValue): \(message)" }
}
