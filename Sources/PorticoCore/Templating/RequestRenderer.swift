import Foundation

/// Turns a saved `RequestTemplate` into the `ResolvedRequest` that goes on the wire: renders every
/// `{{placeholder}}`, applies the collection's default headers and auth, builds the query and the body.
/// Every problem is collected, so the user sees all undefined variables at once; nothing is sent.
public struct RequestRenderer: Sendable {
    public var scope: VariableScope
    /// Default headers and auth of the collection, if the request belongs to one.
    public var collection: Collection?
    /// Relative body and multipart file paths are relative to this folder (the request file's).
    public var baseDirectory: URL
    /// The collection's folder: relative file paths in its `options:` are relative to it
    /// (`baseDirectory` when not given).
    public var collectionFolder: URL?
    public var userAgent: String

    public init(scope: VariableScope, collection: Collection? = nil, baseDirectory: URL, collectionFolder: URL? = nil, userAgent: String = "portico/\(PorticoVersion.current)") {
        self.scope = scope
        self.collection = collection
        self.baseDirectory = baseDirectory
        self.collectionFolder = collectionFolder
        self.userAgent = userAgent
    }

    public func render(_ template: RequestTemplate) throws(PorticoError) -> ResolvedRequest {
        var problems = Problems()

        let urlText = problems.render(template.url, at: "url", scope)
        var query = template.params.filter(\.isEnabled).map { row in
            (problems.render(row.name, at: "param '\(row.name)'", scope), problems.render(row.value, at: "param '\(row.name)'", scope))
        }

        var headers: [HTTPField] = []
        let requestHeaders = template.headers.filter(\.isEnabled).map { row in
            HTTPField(problems.render(row.name, at: "header '\(row.name)'", scope), problems.render(row.value, at: "header '\(row.name)'", scope))
        }
        for row in (collection?.headers ?? []).filter(\.isEnabled) {
            let field = HTTPField(problems.render(row.name, at: "collection header '\(row.name)'", scope), problems.render(row.value, at: "collection header '\(row.name)'", scope))
            if !requestHeaders.contains(named: field.name) { headers.append(field) }
        }
        headers += requestHeaders

        var credentialHeaders: [String] = []
        var digest: DigestCredentials?
        var oauth2: OAuth2Credentials?
        var awsSigV4: AWSSigV4Credentials?
        let auth = template.auth == .inherit ? (collection?.inheritedAuth(for: template).auth ?? .none) : template.auth
        switch auth {
        case .inherit, .none:
            break
        case .basic(let username, let password):
            let user = problems.render(username, at: "auth username", scope)
            let pass = problems.render(password, at: "auth password", scope)
            Self.setGenerated(HTTPField("Authorization", "Basic " + Data("\(user):\(pass)".utf8).base64EncodedString()), in: &headers, unlessSetIn: requestHeaders)
        case .digest(let username, let password):
            digest = DigestCredentials(username: problems.render(username, at: "auth username", scope), password: problems.render(password, at: "auth password", scope))
        case .bearer(let token):
            let value = problems.render(token, at: "auth token", scope)
            Self.setGenerated(HTTPField("Authorization", "Bearer " + value), in: &headers, unlessSetIn: requestHeaders)
        case .apiKey(let name, let value, let location):
            let keyName = problems.render(name, at: "API key name", scope)
            let keyValue = problems.render(value, at: "API key value", scope)
            switch location {
            case .header:
                Self.setGenerated(HTTPField(keyName, keyValue), in: &headers, unlessSetIn: requestHeaders)
                credentialHeaders.append(keyName)
            case .query: query.append((keyName, keyValue))
            case .cookie:
                // Joined to a Cookie header the request writes itself, unless it names the key already.
                let pair = "\(keyName)=\(keyValue)"
                if let index = headers.firstIndex(where: { $0.name.caseInsensitiveCompare("Cookie") == .orderedSame }) {
                    let named = headers[index].value.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(keyName + "=") }
                    if !named { headers[index].value += "; " + pair }
                } else {
                    headers.append(HTTPField("Cookie", pair))
                }
            }
        case .oauth2(let settings):
            oauth2 = renderOAuth2(settings, &problems)
        case .awsSigV4(let settings):
            awsSigV4 = renderAWSSigV4(settings, &problems)
        }

        let body = renderBody(template.body, &problems, &headers, requestHeaders: requestHeaders)
        if !headers.contains(named: "User-Agent") { headers.append(HTTPField("User-Agent", userAgent)) }
        var options = template.options
        options.connection = renderConnection(template.options.connection, at: "options", against: baseDirectory, &problems)
            .overriding(renderConnection(collection?.connection ?? ConnectionOptions(), at: "collection options", against: collectionFolder ?? baseDirectory, &problems))

        if let error = problems.combined() { throw error }
        for field in headers {
            try Self.validate(field)
        }
        let url = try RequestURL.build(urlText, appending: query)
        var request = ResolvedRequest(method: template.method, url: url, headers: headers, body: body, options: options, credentialHeaders: credentialHeaders)
        // An Authorization header written in the request wins, as it does over the other kinds.
        if !requestHeaders.contains(named: "Authorization") {
            request.digest = digest
            request.oauth2 = oauth2
            request.awsSigV4 = awsSigV4
        }
        return request
    }

    /// The proxy URL and file paths with their `{{placeholders}}` rendered (a proxy password can be
    /// a secret) and the paths made absolute against `folder`.
    private func renderConnection(_ options: ConnectionOptions, at path: String, against folder: URL, _ problems: inout Problems) -> ConnectionOptions {
        var rendered = options
        rendered.proxy = options.proxy.map { problems.render($0, at: "\(path).proxy", scope) }
        rendered.caFile = options.caFile.map { problems.render($0, at: "\(path).caFile", scope) }
        rendered.clientCertificate = options.clientCertificate.map { problems.render($0, at: "\(path).clientCertificate", scope) }
        rendered.clientKey = options.clientKey.map { problems.render($0, at: "\(path).clientKey", scope) }
        return rendered.resolvingFiles(against: folder)
    }

    /// The OAuth 2.0 settings with their templates rendered; the URLs are checked here so a typo is
    /// reported before anything is sent.
    private func renderOAuth2(_ settings: OAuth2Settings, _ problems: inout Problems) -> OAuth2Credentials? {
        func text(_ value: String, _ field: String) -> String { problems.render(value, at: "OAuth 2.0 \(field)", scope) }
        func url(_ value: String, _ field: String) -> URL? {
            let rendered = text(value, field)
            do { return try RequestURL.build(rendered) } catch {
                problems.add(.input("OAuth 2.0 \(field): \(error.message)"))
                return nil
            }
        }
        let tokenURL = url(settings.tokenURL, "token URL")
        var authorizationURL: URL?
        if settings.grant == .authorizationCode {
            authorizationURL = url(settings.authorizationURL, "authorization URL")
        }
        let credentials = OAuth2Credentials(
            grant: settings.grant, tokenURL: tokenURL ?? URL(fileURLWithPath: "/"), authorizationURL: authorizationURL,
            clientID: text(settings.clientID, "client id"), clientSecret: text(settings.clientSecret, "client secret"),
            clientAuthentication: settings.clientAuthentication, scope: text(settings.scope, "scope"), audience: text(settings.audience, "audience"),
            username: text(settings.username, "username"), password: text(settings.password, "password"),
            refreshToken: text(settings.refreshToken, "refresh token"), redirectPort: settings.redirectPort)
        return tokenURL == nil ? nil : credentials
    }

    /// The AWS settings with their templates rendered; a missing key, region or service is reported
    /// here, since the request cannot be signed without it.
    private func renderAWSSigV4(_ settings: AWSSigV4Settings, _ problems: inout Problems) -> AWSSigV4Credentials {
        func text(_ value: String, _ field: String, required: Bool = true) -> String {
            let reported = problems.count
            let rendered = problems.render(value, at: "AWS SigV4 \(field)", scope)
            // A template that failed is reported already; an empty value is a problem of its own.
            if required, rendered.isEmpty, problems.count == reported {
                problems.add(.input("AWS SigV4 \(field) is empty"))
            }
            return rendered
        }
        return AWSSigV4Credentials(
            accessKeyID: text(settings.accessKeyID, "access key id"), secretAccessKey: text(settings.secretAccessKey, "secret access key"),
            sessionToken: text(settings.sessionToken, "session token", required: false),
            region: text(settings.region, "region"), service: text(settings.service, "service"))
    }

    /// The texts to mask when showing `request`: the scope's secret values in every form they travel
    /// in (`SecretForms`), and the encoded form of Basic credentials that contain one (base64 would
    /// otherwise show the password to anyone who decodes it).
    public func secretValues(for request: ResolvedRequest) -> [String] {
        let secrets = scope.secretValues
        var values = secrets.flatMap(SecretForms.of)
        for field in request.headers where field.name.caseInsensitiveCompare("Authorization") == .orderedSame {
            let parts = field.value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic",
                  let decoded = Data(base64Encoded: String(parts[1])).flatMap({ String(data: $0, encoding: .utf8) }),
                  secrets.contains(where: { decoded.contains($0) })
            else { continue }
            values.append(String(parts[1]))
        }
        return values
    }

    /// Adds a header Portico makes (auth, Content-Type): a header the request sets itself wins;
    /// one inherited from the collection gives way, since the request's own auth and body are
    /// more specific.
    static func setGenerated(_ field: HTTPField, in headers: inout [HTTPField], unlessSetIn requestHeaders: [HTTPField]) {
        guard !requestHeaders.contains(named: field.name) else { return }
        headers.removeAll(named: field.name)
        headers.append(field)
    }

    private func renderBody(_ body: RequestBody, _ problems: inout Problems, _ headers: inout [HTTPField], requestHeaders: [HTTPField]) -> ResolvedBody {
        var contentType = body.defaultContentType
        let resolved: ResolvedBody
        switch body {
        case .none:
            resolved = .none
        case .raw(let text, _), .json(let text), .xml(let text):
            resolved = .data(Data(problems.render(text, at: "body", scope).utf8))
        case .formURLEncoded(let rows):
            let pairs = rows.filter(\.isEnabled).map { row in
                FormURLEncoding.encode(problems.render(row.name, at: "form field '\(row.name)'", scope)) + "="
                    + FormURLEncoding.encode(problems.render(row.value, at: "form field '\(row.name)'", scope))
            }
            resolved = .data(Data(pairs.joined(separator: "&").utf8))
        case .multipart(let parts):
            let boundary = "portico-" + scope.dynamicValues.uuid()
            var encoder = MultipartEncoder(boundary: boundary)
            for part in parts where part.isEnabled {
                let name = problems.render(part.name, at: "multipart part '\(part.name)'", scope)
                let partType = part.contentType.map { problems.render($0, at: "multipart part '\(part.name)'", scope) }
                switch part.content {
                case .text(let text):
                    encoder.addText(name: name, value: problems.render(text, at: "multipart part '\(part.name)'", scope), contentType: partType)
                case .file(let path):
                    let fileURL = resolvePath(problems.render(path, at: "multipart part '\(part.name)'", scope))
                    do {
                        let data = try Data(contentsOf: fileURL)
                        let filename = part.filename.map { problems.render($0, at: "multipart part '\(part.name)'", scope) } ?? fileURL.lastPathComponent
                        encoder.addFile(name: name, filename: filename, contentType: partType ?? MediaTypes.guess(forPath: fileURL.path), data: data)
                    } catch {
                        problems.add(.input("cannot read file '\(fileURL.path)' for multipart part '\(part.name)': \(FileErrors.reason(error))"))
                    }
                }
            }
            contentType = "multipart/form-data; boundary=\(boundary)"
            if let explicit = requestHeaders.first(named: "Content-Type"), explicit.lowercased().hasPrefix("multipart/"), !explicit.lowercased().contains("boundary=") {
                headers.removeAll(named: "Content-Type")
                headers.append(HTTPField("Content-Type", "\(explicit); boundary=\(boundary)"))
            }
            resolved = .data(encoder.finish())
        case .graphQL, .jsonRPC, .soap, .xmlRPC:
            var typeProblems: [String] = []
            let wire = body.protocolWire({ problems.render($0, at: $1, scope) }, problems: &typeProblems)!
            typeProblems.forEach { problems.add(.input($0)) }
            contentType = wire.contentType
            for field in wire.headers { Self.setGenerated(field, in: &headers, unlessSetIn: requestHeaders) }
            resolved = .data(Data(wire.text.utf8))
        case .binaryFile(let path, _):
            let fileURL = resolvePath(problems.render(path, at: "body file", scope))
            if FileManager.default.isReadableFile(atPath: fileURL.path), !fileURL.hasDirectoryPath, (try? fileURL.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true {
                resolved = .file(fileURL)
            } else {
                problems.add(.input("cannot read body file '\(fileURL.path)': \(FileManager.default.fileExists(atPath: fileURL.path) ? "not a readable file" : "no such file")"))
                resolved = .none
            }
        }
        if let contentType {
            Self.setGenerated(HTTPField("Content-Type", contentType), in: &headers, unlessSetIn: requestHeaders)
        }
        return resolved
    }

    private func resolvePath(_ path: String) -> URL {
        let expanded = UserPaths.expandingTilde(in: path)
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : baseDirectory.appendingPathComponent(expanded)
    }

    /// Header names must be tokens and values must not break the line: otherwise a variable could
    /// smuggle a second header or a second request onto the wire.
    static func validate(_ field: HTTPField) throws(PorticoError) {
        guard HTTPToken.isToken(field.name) else {
            throw .input("invalid header name '\(field.name)': a header name is a token of letters, digits and !#$%&'*+-.^_`|~")
        }
        if field.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw .input("header '\(field.name)' has a line break or NUL in its value")
        }
    }
}

/// Collects rendering problems with where they occurred.
private struct Problems {
    private var errors: [PorticoError] = []

    mutating func render(_ text: String, at location: String, _ scope: VariableScope) -> String {
        do {
            return try scope.render(text)
        } catch {
            errors.append(PorticoError(error.kind, "\(error.message) in \(location)"))
            return ""
        }
    }

    mutating func add(_ error: PorticoError) { errors.append(error) }

    var count: Int { errors.count }

    func combined() -> PorticoError? {
        guard let first = errors.first else { return nil }
        // An unreadable file is bad input; any template problem makes the whole a template error.
        let kind: PorticoError.Kind = errors.contains { $0.kind == .template } ? .template : first.kind
        var unique: [String] = []
        for error in errors where !unique.contains(error.message) { unique.append(error.message) }
        return PorticoError(kind, unique.joined(separator: "\n"))
    }
}
