import Foundation

/// The stable JSON form of an exchange printed by `portico send --format json` (docs/cli.md).
/// Secrets are masked in every text field.
public enum ExchangeJSON {
    struct Document: Encodable {
        var request: RequestPart?
        var response: ResponsePart?
        var redirects: [RedirectPart]
        var timing: TimingPart?
        var error: ErrorPart?
        var transport: String?
        var protocolError: ProtocolErrorPart?
        /// The request's `checks:`; null when it has none.
        var checks: [CheckPart]?

        // Keys are written even when null, so scripts can rely on them.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(request, forKey: .request)
            try container.encode(response, forKey: .response)
            try container.encode(redirects, forKey: .redirects)
            try container.encode(timing, forKey: .timing)
            try container.encode(error, forKey: .error)
            try container.encode(transport, forKey: .transport)
            try container.encode(protocolError, forKey: .protocolError)
            try container.encode(checks, forKey: .checks)
        }

        enum CodingKeys: String, CodingKey {
            case request, response, redirects, timing, error, transport, checks
            case protocolError = "protocol_error"
        }
    }

    struct RequestPart: Encodable {
        var method: String
        var url: String
        var headers: [[String]]
    }

    struct ResponsePart: Encodable {
        var status: Int
        var reason: String
        var url: String
        var headers: [[String]]
        var body: String?
        var bodyBase64: String?
        var size: Int
        var httpVersion: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
            try container.encode(url, forKey: .url)
            try container.encode(headers, forKey: .headers)
            try container.encode(body, forKey: .body)
            if let bodyBase64 { try container.encode(bodyBase64, forKey: .bodyBase64) }
            try container.encode(size, forKey: .size)
            try container.encode(httpVersion, forKey: .httpVersion)
        }

        enum CodingKeys: String, CodingKey {
            case status, reason, url, headers, body, size
            case httpVersion = "http_version"
            case bodyBase64 = "body_base64"
        }
    }

    struct CheckPart: Encodable {
        var check: String
        var passed: Bool
        var actual: String
        var failure: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(check, forKey: .check)
            try container.encode(passed, forKey: .passed)
            try container.encode(actual, forKey: .actual)
            try container.encode(failure, forKey: .failure)
        }

        enum CodingKeys: String, CodingKey { case check, passed, actual, failure }
    }

    struct RedirectPart: Encodable {
        var status: Int
        var location: String
    }

    struct TimingPart: Encodable {
        var ttfbMs: Double?
        var totalMs: Double

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ttfbMs, forKey: .ttfbMs)
            try container.encode(totalMs, forKey: .totalMs)
        }

        enum CodingKeys: String, CodingKey {
            case ttfbMs = "ttfb_ms"
            case totalMs = "total_ms"
        }
    }

    struct ErrorPart: Encodable {
        var kind: String
        var message: String
    }

    /// The errors a GraphQL, JSON-RPC, SOAP or XML-RPC answer reports in its body.
    struct ProtocolErrorPart: Encodable {
        var `protocol`: String
        var summary: String
        var errors: [String]
    }

    /// - Parameters:
    ///   - exchange: nil when the request could not even be built (template or input error).
    ///   - body: the response body bytes, when they were kept.
    public static func encode(exchange: Exchange?, body: Data?, bodySize: Int, error: PorticoError?, masker: SecretMasker, checks: [CheckResult]? = nil) -> Data {
        func fields(_ headers: [HTTPField]) -> [[String]] { headers.map { [$0.name, masker.mask($0.value)] } }
        var document = Document(request: nil, response: nil, redirects: [], timing: nil, error: nil, transport: nil, protocolError: nil)
        document.checks = checks.map { results in
            results.map { CheckPart(check: masker.mask($0.check.source), passed: $0.passed, actual: masker.mask($0.actual), failure: $0.failure.map(masker.mask)) }
        }
        if let exchange {
            let request = exchange.request
            document.request = RequestPart(method: request.method.rawValue, url: masker.mask(request.url.absoluteString), headers: fields(request.headers))
            if let head = exchange.response {
                var part = ResponsePart(status: head.status, reason: head.reason, url: masker.mask(head.url.absoluteString), headers: fields(head.headers), body: nil, bodyBase64: nil, size: bodySize, httpVersion: head.httpVersion)
                if let body {
                    if let text = BodyText.decode(body, contentType: head.headers.first(named: "Content-Type")) {
                        part.body = masker.mask(text)
                        if let analysis = ProtocolResponse.analyse(Data(part.body!.utf8)), analysis.isError {
                            document.protocolError = ProtocolErrorPart(protocol: analysis.kind.rawValue, summary: analysis.summary, errors: analysis.errors)
                        }
                    } else {
                        part.bodyBase64 = body.base64EncodedString()
                    }
                }
                document.response = part
            }
            document.redirects = exchange.redirects.map { RedirectPart(status: $0.status, location: masker.mask($0.location)) }
            document.transport = exchange.transport?.rawValue
            document.timing = TimingPart(ttfbMs: exchange.timing.timeToFirstByte.map { rounded($0.milliseconds) }, totalMs: rounded(exchange.timing.total.milliseconds))
        }
        if let error = error ?? exchange?.error {
            document.error = ErrorPart(kind: error.kind.rawValue, message: masker.mask(error.message))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    /// JSON escapes only U+0000–U+001F; for a terminal, DEL, C1 controls (U+009B is a one-byte
    /// CSI), bidi and invisible characters are escaped too (`TerminalText`'s choice, joiners inside
    /// emoji kept). The result is the same JSON document.
    public static func escapingForTerminal(_ json: Data) -> Data {
        var output = String.UnicodeScalarView()
        var sequence = EmojiSequence()
        var scalars = String(decoding: json, as: UTF8.self).unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            let kept = sequence.keeps(scalar, before: pending)
            if (0x7F...0x9F).contains(scalar.value) || (!kept && TerminalText.isInvisible(scalar)) {
                for unit in String(scalar).utf16 {
                    output.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars)
                }
            } else {
                output.append(scalar)
            }
        }
        return Data(String(output).utf8)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
