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
}

extension HistoryDraft {
    /// The record of `exchange` with everything private redacted; bodies are read by the store.
    public init(exchange: Exchange, context: HistoryContext, id: String = HistoryRecord.newID()) {
        let privacy = context.privacy
        let request = exchange.request
        let (url, redactedQuery) = privacy.redact(url: request.url)
        let (requestHeaders, redactedRequestHeaders) = privacy.redact(request.headers)
        var redactedHeaders = redactedRequestHeaders
        var response: HistoryRecord.Response?
        if let head = exchange.response {
            let (headers, names) = privacy.redact(head.headers)
            redactedHeaders.formUnion(names)
            response = HistoryRecord.Response(status: head.status, reason: head.reason, url: privacy.redact(url: head.url).0, headers: headers, body: nil)
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
            redactedSecrets: Array(Set(privacy.secrets.map(\.name))).sorted())
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
}
