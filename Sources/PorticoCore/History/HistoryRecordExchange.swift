import Foundation

extension HistoryRecord {
    /// The record as an `Exchange` (redacted values stay redacted), so that everything that shows
    /// an exchange — `send --format json`, the explorer's panes — shows a recorded one the same way.
    public func exchange(requestBody: Data?, responseBody: Data?) -> Exchange {
        let requestURL = URL(string: request.url) ?? URL(string: "about:blank")!
        let resolved = ResolvedRequest(
            method: (try? HTTPMethod(request.method)) ?? .get,
            url: requestURL,
            headers: request.headers,
            body: requestBody.map { .data($0) } ?? .none,
            options: RequestOptions(timeout: request.timeout, followRedirects: request.followRedirects, maxRedirects: request.maxRedirects))
        let head = response.map { ResponseHead(status: $0.status, headers: $0.headers, url: URL(string: $0.url) ?? requestURL, httpVersion: $0.httpVersion) }
        var body: ResponseBody?
        if let responseBody {
            let stored = ResponseBody()
            try? stored.receive(responseBody)
            body = stored
        }
        return Exchange(
            request: resolved,
            response: head,
            body: body,
            redirects: redirects.map { hop in
                RedirectHop(method: (try? HTTPMethod(hop.method)) ?? .get, url: URL(string: hop.url) ?? requestURL, status: hop.status, location: hop.location, duration: .microseconds(Int64(hop.durationMs * 1000)))
            },
            timing: ExchangeTiming(startedAt: time, timeToFirstByte: timing.ttfbMs.map { .microseconds(Int64($0 * 1000)) }, total: .microseconds(Int64(timing.totalMs * 1000))),
            error: error.map { PorticoError(PorticoError.Kind(rawValue: $0.kind) ?? .protocol, $0.message) },
            transport: transport.flatMap(TransportKind.init(rawValue:)))
    }
}
