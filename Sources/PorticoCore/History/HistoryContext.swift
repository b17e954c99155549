import Foundation

/// Where an exchange came from: which request of which collection, in which environment, and
/// what to redact. The front ends build one per send.
public struct HistoryContext: Sendable {
    public var source: String
    public var requestID: String?
    public var requestName: String?
    public var collectionPath: String?
    public var collectionID: String?
    public var environment: String?
    public var privacy: HistoryPrivacy

    public init(source: String, template: RequestTemplate? = nil, collection: Collection? = nil, collectionFolder: URL? = nil, environment: String? = nil, scope: VariableScope? = nil) {
        self.source = source
        requestID = template?.id
        requestName = template?.name
        collectionPath = collectionFolder?.standardizedFileURL.path
        collectionID = collection?.id
        self.environment = environment
        privacy = HistoryPrivacy(template: template, collection: collection, scope: scope)
    }

    /// What to redact in `exchange`: the context's rules and the credentials the exchange obtained.
    public func privacy(for exchange: Exchange) -> HistoryPrivacy {
        var privacy = privacy
        privacy.obtained = exchange.obtainedSecrets
        return privacy
    }
}

extension HistoryDraft {
    /// The record of `exchange` with everything private redacted; bodies are read by the store.
    public init(exchange: Exchange, context: HistoryContext, id: String = HistoryRecord.newID()) {
        let privacy = context.privacy(for: exchange)
        let request = exchange.request
        let (url, redactedQuery) = privacy.redact(url: request.url)
        let (requestHeaders, redactedRequestHeaders) = privacy.redact(request.headers)
        var redactedHeaders = redactedRequestHeaders
        var response: HistoryRecord.Response?
        if let head = exchange.response {
            let (headers, names) = privacy.redact(head.headers)
            redactedHeaders.formUnion(names)
            response = HistoryRecord.Response(status: head.status, reason: head.reason, url: privacy.redact(url: head.url).0, headers: headers, body: nil, httpVersion: head.httpVersion)
        }
        let record = HistoryRecord(
            id: id,
            time: HistoryLine.millisecondPrecision(exchange.timing.startedAt),
            source: context.source,
            requestID: context.requestID,
            requestName: context.requestName,
            collection: context.collectionPath,
            collectionID: context.collectionID,
            environment: context.environment,
            request: HistoryRecord.Request(
                method: request.method.rawValue, url: url, headers: requestHeaders, body: nil,
                timeout: request.options.timeout, followRedirects: request.options.followRedirects, maxRedirects: request.options.maxRedirects),
            response: response,
            redirects: exchange.redirects.map { hop in
                HistoryRecord.Redirect(method: hop.method.rawValue, url: privacy.redact(url: hop.url).0, status: hop.status, location: privacy.maskSecrets(hop.location), durationMs: Self.rounded(hop.duration.milliseconds))
            },
            timing: HistoryRecord.Timing(ttfbMs: exchange.timing.timeToFirstByte.map { Self.rounded($0.milliseconds) }, totalMs: Self.rounded(exchange.timing.total.milliseconds)),
            error: exchange.error.map { HistoryRecord.Failure(kind: $0.kind.rawValue, message: privacy.maskSecrets($0.message)) },
            redactedHeaders: redactedHeaders.sorted(),
            redactedQuery: redactedQuery.sorted(),
            redactedSecrets: Self.secretsSent(in: request, privacy: privacy),
            transport: exchange.transport?.rawValue)
        let replacements = privacy.replacements
        var requestBody: BodySource?
        switch request.body {
        case .none: break
        case .data(let data): requestBody = data.isEmpty ? nil : BodySource(.data(data), secrets: replacements)
        case .file(let url): requestBody = BodySource(.file(url), secrets: replacements)
        }
        let responseBody = exchange.body.map { BodySource(.response($0), secrets: replacements) }
        self.init(record: record, requestBody: requestBody, responseBody: responseBody)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// The secrets whose values the request carried (in any of their encoded forms): the ones an
    /// exact replay must put back. Responses are masked for every secret but do not count here.
    private static func secretsSent(in request: ResolvedRequest, privacy: HistoryPrivacy) -> [String] {
        guard !privacy.secrets.isEmpty else { return [] }
        let texts = [request.url.absoluteString] + request.headers.map(\.value)
        var body: Data?
        switch request.body {
        case .none: break
        case .data(let data): body = data
        // Mapped, not read: only the pages holding a match are touched.
        case .file(let url): body = try? Data(contentsOf: url, options: .alwaysMapped)
        }
        var names = Set<String>()
        for secret in privacy.secrets where !names.contains(secret.name) {
            let needle = ByteSearch(secret.value, ignoringCase: false)
            let inTexts = texts.contains { text in Array(text.utf8).withUnsafeBytes { needle.contains($0, range: 0..<$0.count) } }
            let inBody = body?.withUnsafeBytes { needle.contains($0, range: 0..<$0.count) } ?? false
            if inTexts || inBody { names.insert(secret.name) }
        }
        return names.sorted()
    }
}
