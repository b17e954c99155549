import Foundation

/// Rebuilds the request a record holds so it can be sent again exactly. What was redacted before
/// the record reached the disk comes back from the present: secret variables from the current
/// scope, redacted headers and query values from the saved request rendered now.
public struct HistoryReplay: Sendable {
    public var record: HistoryRecord
    /// The saved request rendered with the current environment, when it still exists.
    public var rendered: ResolvedRequest?
    /// Looks up the current value of a secret variable.
    public var secretValue: @Sendable (String) -> String?

    public init(record: HistoryRecord, rendered: ResolvedRequest?, secretValue: @escaping @Sendable (String) -> String?) {
        self.record = record
        self.rendered = rendered
        self.secretValue = secretValue
    }

    /// The exact request, with every redacted value filled in, or an error that names what could not be.
    public func exactRequest(body: Data?) throws(PorticoError) -> ResolvedRequest {
        let recorded = record.request
        if recorded.body?.truncated == true {
            throw .input("the recorded request body was cut at the history body limit; replay with --render to send the saved request instead")
        }
        var secrets: [(placeholder: String, value: String)] = []
        for name in record.redactedSecrets {
            guard let value = secretValue(name) else {
                throw .template("the recorded request held secret '\(name)', which has no value now: set it with `portico secret set \(name)` or replay with --render")
            }
            secrets.append(("{{\(name)}}", value))
        }
        func fill(_ text: String, encode: (String) -> String = { $0 }) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1.placeholder, with: encode($1.value)) }
        }

        var urlText = fill(recorded.url, encode: RequestURL.encodeQueryComponent)
        if !record.redactedQuery.isEmpty {
            urlText = try fillQuery(urlText)
        }
        guard let url = URL(string: urlText) else { throw .input("the recorded URL is not valid: \(urlText)") }

        var headers: [HTTPField] = []
        for field in recorded.headers {
            if field.value == HistoryRecord.redactedValue, record.redactedHeaders.contains(field.name.lowercased()) {
                // Cookies from the jar are not in the saved request: the jar sends today's when replayed.
                if field.name.caseInsensitiveCompare("Cookie") == .orderedSame, rendered?.headers.contains(named: "Cookie") != true { continue }
                guard let current = rendered?.headers.first(named: field.name) else {
                    throw .input("the recorded request's \(field.name) header was redacted and \(rendered == nil ? "its saved request is not available" : "the saved request no longer sends it"); replay with --render, or send the request again")
                }
                headers.append(HTTPField(field.name, current))
            } else {
                headers.append(HTTPField(field.name, fill(field.value)))
            }
        }

        var resolvedBody = ResolvedBody.none
        if let body, !body.isEmpty {
            if secrets.isEmpty {
                resolvedBody = .data(body)
            } else {
                resolvedBody = .data(Data(fill(String(decoding: body, as: UTF8.self)).utf8))
            }
        }
        var options = RequestOptions(timeout: recorded.timeout, followRedirects: recorded.followRedirects, maxRedirects: recorded.maxRedirects)
        // How to reach the server (proxy, TLS) and which headers are credentials are today's
        // settings, not part of what was sent: they come from the saved request rendered now.
        options.connection = rendered?.options.connection ?? ConnectionOptions()
        var request = ResolvedRequest(method: try HTTPMethod(recorded.method), url: url, headers: headers, body: resolvedBody, options: options,
                                      credentialHeaders: rendered?.credentialHeaders ?? [])
        // Digest answers, OAuth 2.0 tokens and AWS signatures are made while sending, so the record holds none:
        // the saved request's credentials make them again.
        request.digest = rendered?.digest
        request.oauth2 = rendered?.oauth2
        request.awsSigV4 = rendered?.awsSigV4
        return request
    }

    /// Puts back query values that were redacted, taking them from the request rendered now.
    private func fillQuery(_ urlText: String) throws(PorticoError) -> String {
        guard var components = URLComponents(string: urlText), let items = components.percentEncodedQueryItems else { return urlText }
        let currentItems = rendered.flatMap { URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems } ?? []
        let marker = RequestURL.encodeQueryComponent(HistoryRecord.redactedValue)
        var filled: [URLQueryItem] = []
        for item in items {
            let name = item.name.removingPercentEncoding ?? item.name
            if item.value == marker, record.redactedQuery.contains(name) {
                guard let current = currentItems.first(where: { ($0.name.removingPercentEncoding ?? $0.name) == name }) else {
                    throw .input("the recorded query parameter '\(name)' was redacted and \(rendered == nil ? "its saved request is not available" : "the saved request no longer sends it"); replay with --render")
                }
                filled.append(current)
            } else {
                filled.append(item)
            }
        }
        components.percentEncodedQueryItems = filled
        return components.string ?? urlText
    }
}
