import Foundation

/// What must not reach the disk in clear, for one exchange: header and query values replaced by
/// `[redacted]`, and secret variable values replaced by `{{name}}` everywhere.
public struct HistoryPrivacy: Sendable {
    /// Always redacted unless a collection keeps them (`history.keep`).
    public static let defaultRedactedHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-amz-security-token"]

    /// Lower-case header names.
    public var headers: Set<String>
    public var queryParameters: Set<String>
    /// Each secret's value (and the other forms it travels in, `SecretForms`) with the variable's name.
    public var secrets: [(name: String, value: String)]

    public init(headers: Set<String> = HistoryPrivacy.defaultRedactedHeaders, queryParameters: Set<String> = [], secrets: [(name: String, value: String)] = []) {
        self.headers = headers
        self.queryParameters = queryParameters
        self.secrets = secrets
    }

    /// The rules for a request of `collection` rendered in `scope`: the defaults, the collection's
    /// `history.redact` and `history.keep`, the API key's header or parameter, every secret.
    public init(template: RequestTemplate?, collection: Collection?, scope: VariableScope?) {
        var headers = Self.defaultRedactedHeaders
        var query = Set<String>()
        // Only an API key's name matters here, so an inherit with nothing to inherit from is as good as none.
        let auth = template.map { collection?.effectiveAuth(of: $0) ?? $0.auth }
        if case .apiKey(let name, _, let location)? = auth {
            let rendered = (try? scope?.render(name)) ?? name
            switch location {
            case .header: headers.insert(rendered.lowercased())
            case .query: query.insert(rendered)
            case .cookie: break  // Cookie headers are redacted anyway.
            }
        }
        for name in collection?.history.redact ?? [] {
            headers.insert(name.lowercased())
            query.insert(name)
        }
        for name in collection?.history.keep ?? [] { headers.remove(name.lowercased()) }
        var secrets: [(name: String, value: String)] = []
        if let scope {
            for name in scope.secretNames.sorted() {
                guard let value = scope.lookup(name)?.value, !value.isEmpty else { continue }
                for form in SecretForms.of(value) { secrets.append((name, form)) }
            }
        }
        self.init(headers: headers, queryParameters: query, secrets: secrets)
    }

    /// Values obtained while sending (OAuth 2.0 access tokens): no variable holds them, so they
    /// are replaced by the redaction marker rather than a `{{name}}` a replay would fill in.
    public var obtained: [String] = []

    public var replacements: [(value: String, replacement: String)] {
        secrets.map { ($0.value, "{{\($0.name)}}") } + obtained.filter { !$0.isEmpty }.map { ($0, HistoryRecord.redactedValue) }
    }

    func maskSecrets(_ text: String) -> String {
        let replacements = replacements
        return replacements.isEmpty ? text : SecretMasker(replacements: replacements).mask(text)
    }

    /// The headers with redacted values, and the names redacted.
    func redact(_ headers: [HTTPField]) -> ([HTTPField], Set<String>) {
        var names = Set<String>()
        let result = headers.map { field -> HTTPField in
            if self.headers.contains(field.name.lowercased()) {
                names.insert(field.name.lowercased())
                return HTTPField(field.name, HistoryRecord.redactedValue)
            }
            return HTTPField(field.name, maskSecrets(field.value))
        }
        return (result, names)
    }

    /// The URL with redacted query values (and secrets masked), and the parameter names redacted.
    func redact(url: URL) -> (String, Set<String>) {
        var names = Set<String>()
        var text = url.absoluteString
        if !queryParameters.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: false), let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                let name = item.name.removingPercentEncoding ?? item.name
                guard queryParameters.contains(name), item.value != nil else { return item }
                names.insert(name)
                return URLQueryItem(name: item.name, value: RequestURL.encodeQueryComponent(HistoryRecord.redactedValue))
            }
            text = components.string ?? text
        }
        return (maskSecrets(text), names)
    }
}
