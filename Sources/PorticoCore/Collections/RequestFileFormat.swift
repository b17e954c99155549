import Yams

/// The YAML form of one request file (see docs/collection-format.md). Defaults are left out when
/// writing, so a simple GET is three lines.
enum RequestFileFormat {
    static let keys = ["id", "name", "description", "method", "url", "params", "headers", "body", "auth", "options", "checks", "captures", "needs"]

    // MARK: Reading

    static func decode(_ text: String, defaultName: String) throws(FileProblem) -> RequestTemplate {
        guard let root = try YAMLReader.parse(text) else {
            throw FileProblem(line: 0, "the file is empty; a request needs at least a url")
        }
        let pairs = try YAMLReader.mapping(root, "the request", known: keys)
        func get(_ key: String) -> Node? { YAMLReader.value(pairs, key) }

        guard let urlNode = get("url") else {
            throw FileProblem(line: YAMLReader.line(root), "the request has no 'url'")
        }
        var template = RequestTemplate(name: defaultName, url: try YAMLReader.string(urlNode, "url"))
        if let node = get("id") {
            template.id = try YAMLReader.string(node, "id")
        } else {
            throw FileProblem(line: YAMLReader.line(root), "the request has no 'id'; add one (any unique text, e.g. \(RequestTemplate.newID())) so its history survives renames")
        }
        if let node = get("name") { template.name = try YAMLReader.string(node, "name") }
        if let node = get("description") { template.description = try YAMLReader.string(node, "description") }
        if let node = get("method") {
            do { template.method = try HTTPMethod(try YAMLReader.string(node, "method")) } catch let error as PorticoError {
                throw FileProblem(line: YAMLReader.line(node), error.message)
            } catch let problem as FileProblem { throw problem } catch { throw FileProblem(line: YAMLReader.line(node), "\(error)") }
        }
        if let node = get("params") { template.params = try rows(node, "params") }
        if let node = get("headers") { template.headers = try rows(node, "headers") }
        if let node = get("body") { template.body = try body(node) }
        if let node = get("auth") { template.auth = try auth(node, "auth") }
        if let node = get("options") { template.options = try options(node) }
        if let node = get("checks") { template.checks = try ChecksFormat.checks(node) }
        if let node = get("captures") { template.captures = try ChecksFormat.captures(node) }
        if let node = get("needs") { template.needs = try ChecksFormat.needs(node) }
        return template
    }

    static func rows(_ node: Node, _ path: String) throws(FileProblem) -> [KeyValueRow] {
        var result: [KeyValueRow] = []
        for (index, item) in try YAMLReader.sequence(node, path).enumerated() {
            let itemPath = "\(path)[\(index + 1)]"
            let pairs = try YAMLReader.mapping(item, itemPath, known: ["name", "value", "enabled"])
            guard let name = YAMLReader.value(pairs, "name") else {
                throw FileProblem(line: YAMLReader.line(item), "\(itemPath) has no 'name'")
            }
            let value = try YAMLReader.value(pairs, "value").map { node throws(FileProblem) in try YAMLReader.string(node, "\(itemPath).value") } ?? ""
            let enabled = try YAMLReader.value(pairs, "enabled").map { node throws(FileProblem) in try YAMLReader.bool(node, "\(itemPath).enabled") } ?? true
            result.append(KeyValueRow(try YAMLReader.string(name, "\(itemPath).name"), value, isEnabled: enabled))
        }
        return result
    }

    private static func body(_ node: Node) throws(FileProblem) -> RequestBody {
        let kinds = ["json", "xml", "text", "form", "multipart", "file"] + ProtocolBodyFormat.kinds
        let pairs = try YAMLReader.mapping(node, "body", known: kinds + ["contentType"])
        let chosen = pairs.filter { kinds.contains($0.key) }
        guard chosen.count == 1, let (kind, value, _) = chosen.first else {
            throw FileProblem(line: YAMLReader.line(node), "body must have exactly one of: \(kinds.joined(separator: ", "))")
        }
        let contentType = try YAMLReader.value(pairs, "contentType").map { node throws(FileProblem) in try YAMLReader.string(node, "body.contentType") }
        if contentType != nil, !["text", "file"].contains(kind) {
            throw FileProblem(line: YAMLReader.line(node), "body.contentType goes with text or file bodies; for \(kind) set a Content-Type header instead")
        }
        switch kind {
        case "json": return .json(try YAMLReader.string(value, "body.json"))
        case "xml": return .xml(try YAMLReader.string(value, "body.xml"))
        case "text": return .raw(text: try YAMLReader.string(value, "body.text"), contentType: contentType ?? "text/plain")
        case "form": return .formURLEncoded(try rows(value, "body.form"))
        case "file": return .binaryFile(path: try YAMLReader.string(value, "body.file"), contentType: contentType)
        case "multipart": return .multipart(try multipartParts(value))
        default: return try ProtocolBodyFormat.decode(kind, value)
        }
    }

    private static func multipartParts(_ node: Node) throws(FileProblem) -> [MultipartPart] {
        var parts: [MultipartPart] = []
        for (index, item) in try YAMLReader.sequence(node, "body.multipart").enumerated() {
            let path = "body.multipart[\(index + 1)]"
            let pairs = try YAMLReader.mapping(item, path, known: ["name", "value", "file", "filename", "contentType", "enabled"])
            func text(_ key: String) throws(FileProblem) -> String? {
                try YAMLReader.value(pairs, key).map { node throws(FileProblem) in try YAMLReader.string(node, "\(path).\(key)") }
            }
            guard let name = try text("name") else { throw FileProblem(line: YAMLReader.line(item), "\(path) has no 'name'") }
            let value = try text("value")
            let file = try text("file")
            let content: MultipartPart.Content
            switch (value, file) {
            case (let value?, nil): content = .text(value)
            case (nil, let file?): content = .file(path: file)
            default: throw FileProblem(line: YAMLReader.line(item), "\(path) needs either 'value' (a text part) or 'file' (a file part)")
            }
            let filename = try text("filename")
            if filename != nil, case .text = content {
                throw FileProblem(line: YAMLReader.line(item), "\(path).filename goes with file parts only")
            }
            let enabled = try YAMLReader.value(pairs, "enabled").map { node throws(FileProblem) in try YAMLReader.bool(node, "\(path).enabled") } ?? true
            parts.append(MultipartPart(name: name, content: content, filename: filename, contentType: try text("contentType"), isEnabled: enabled))
        }
        return parts
    }

    static func auth(_ node: Node, _ path: String) throws(FileProblem) -> Auth {
        if let word = node.scalar?.string {
            switch word {
            case "none": return .none
            case "inherit": return .inherit
            default: throw FileProblem(line: YAMLReader.line(node), "\(path) must be none, inherit, or one of basic, digest, bearer, apiKey, oauth2, awsSigV4 with their fields")
            }
        }
        let pairs = try YAMLReader.mapping(node, path, known: ["basic", "digest", "bearer", "apiKey", "oauth2", "awsSigV4"])
        guard pairs.count == 1, let (kind, value, _) = pairs.first else {
            throw FileProblem(line: YAMLReader.line(node), "\(path) must have exactly one of: basic, digest, bearer, apiKey, oauth2, awsSigV4")
        }
        switch kind {
        case "basic":
            let fields = try YAMLReader.mapping(value, "\(path).basic", known: ["username", "password"])
            return .basic(username: try required(fields, "username", "\(path).basic", value), password: try required(fields, "password", "\(path).basic", value))
        case "digest":
            let fields = try YAMLReader.mapping(value, "\(path).digest", known: ["username", "password"])
            return .digest(username: try required(fields, "username", "\(path).digest", value), password: try required(fields, "password", "\(path).digest", value))
        case "bearer":
            let fields = try YAMLReader.mapping(value, "\(path).bearer", known: ["token"])
            return .bearer(token: try required(fields, "token", "\(path).bearer", value))
        case "oauth2":
            return .oauth2(try oauth2(value, "\(path).oauth2"))
        case "awsSigV4":
            let here = "\(path).awsSigV4"
            let fields = try YAMLReader.mapping(value, here, known: ["accessKeyId", "secretAccessKey", "sessionToken", "region", "service"])
            let sessionToken = try YAMLReader.value(fields, "sessionToken").map { node throws(FileProblem) in try YAMLReader.string(node, "\(here).sessionToken") }
            return .awsSigV4(AWSSigV4Settings(
                accessKeyID: try required(fields, "accessKeyId", here, value), secretAccessKey: try required(fields, "secretAccessKey", here, value),
                sessionToken: sessionToken ?? "", region: try required(fields, "region", here, value), service: try required(fields, "service", here, value)))
        default:
            let fields = try YAMLReader.mapping(value, "\(path).apiKey", known: ["name", "value", "in"])
            let location = try YAMLReader.value(fields, "in").map { node throws(FileProblem) -> APIKeyLocation in
                guard let location = APIKeyLocation(rawValue: try YAMLReader.string(node, "\(path).apiKey.in")) else {
                    throw FileProblem(line: YAMLReader.line(node), "\(path).apiKey.in must be header, query or cookie")
                }
                return location
            } ?? .header
            return .apiKey(name: try required(fields, "name", "\(path).apiKey", value), value: try required(fields, "value", "\(path).apiKey", value), location: location)
        }
    }

    static let oauth2Keys = ["grant", "tokenUrl", "authorizationUrl", "clientId", "clientSecret", "clientAuth", "scope", "audience",
                             "username", "password", "refreshToken", "redirectPort"]

    private static func oauth2(_ node: Node, _ path: String) throws(FileProblem) -> OAuth2Settings {
        let fields = try YAMLReader.mapping(node, path, known: oauth2Keys)
        func text(_ key: String) throws(FileProblem) -> String {
            try YAMLReader.value(fields, key).map { node throws(FileProblem) in try YAMLReader.string(node, "\(path).\(key)") } ?? ""
        }
        func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type) throws(FileProblem) -> Choice? where Choice.RawValue == String {
            guard let value = YAMLReader.value(fields, key) else { return nil }
            guard let chosen = Choice(rawValue: try YAMLReader.string(value, "\(path).\(key)")) else {
                throw FileProblem(line: YAMLReader.line(value), "\(path).\(key) must be one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return chosen
        }
        guard let grant = try choice("grant", OAuth2Settings.Grant.self) else {
            throw FileProblem(line: YAMLReader.line(node), "\(path) has no 'grant' (one of: \(OAuth2Settings.Grant.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var settings = OAuth2Settings(grant: grant, tokenURL: try required(fields, "tokenUrl", path, node), clientID: try required(fields, "clientId", path, node))
        settings.authorizationURL = try text("authorizationUrl")
        settings.clientSecret = try text("clientSecret")
        settings.clientAuthentication = try choice("clientAuth", OAuth2Settings.ClientAuthentication.self) ?? .basic
        settings.scope = try text("scope")
        settings.audience = try text("audience")
        settings.username = try text("username")
        settings.password = try text("password")
        settings.refreshToken = try text("refreshToken")
        if let value = YAMLReader.value(fields, "redirectPort") {
            let port = try YAMLReader.integer(value, "\(path).redirectPort")
            guard (1...65535).contains(port) else { throw FileProblem(line: YAMLReader.line(value), "\(path).redirectPort must be a port number, 1 to 65535") }
            settings.redirectPort = port
        }
        // What a grant lacks is said when it is sent: an import or an edit in progress may write
        // settings not yet complete, and every file written must load back.
        return settings
    }

    private static func required(_ pairs: [(key: String, value: Node, line: Int)], _ key: String, _ path: String, _ parent: Node) throws(FileProblem) -> String {
        guard let node = YAMLReader.value(pairs, key) else {
            throw FileProblem(line: YAMLReader.line(parent), "\(path) has no '\(key)'")
        }
        return try YAMLReader.string(node, "\(path).\(key)")
    }

    private static func options(_ node: Node) throws(FileProblem) -> RequestOptions {
        let pairs = try YAMLReader.mapping(node, "options", known: ["timeout", "followRedirects", "maxRedirects", "history"] + ConnectionOptionsFormat.keys)
        var options = RequestOptions()
        options.connection = try ConnectionOptionsFormat.decode(pairs, path: "options")
        if let value = YAMLReader.value(pairs, "timeout") {
            options.timeout = try YAMLReader.number(value, "options.timeout")
            guard options.timeout > 0, options.timeout <= RequestOptions.maximumTimeout else {
                throw FileProblem(line: YAMLReader.line(value), "options.timeout must be more than 0 and at most \(Int(RequestOptions.maximumTimeout)) seconds")
            }
        }
        if let value = YAMLReader.value(pairs, "followRedirects") { options.followRedirects = try YAMLReader.bool(value, "options.followRedirects") }
        if let value = YAMLReader.value(pairs, "history") { options.recordsHistory = try YAMLReader.bool(value, "options.history") }
        if let value = YAMLReader.value(pairs, "maxRedirects") {
            options.maxRedirects = try YAMLReader.integer(value, "options.maxRedirects")
            guard options.maxRedirects >= 0 else { throw FileProblem(line: YAMLReader.line(value), "options.maxRedirects must be 0 or more") }
        }
        return options
    }

    // MARK: Writing

    static func encode(_ template: RequestTemplate) throws -> String {
        var pairs: [(String, Node)] = [("id", YAMLWriter.text(template.id)), ("name", YAMLWriter.text(template.name))]
        if let description = template.description { pairs.append(("description", YAMLWriter.text(description))) }
        if template.method != .get { pairs.append(("method", YAMLWriter.text(template.method.rawValue))) }
        pairs.append(("url", YAMLWriter.text(template.url)))
        if !template.params.isEmpty { pairs.append(("params", rowsNode(template.params))) }
        if !template.headers.isEmpty { pairs.append(("headers", rowsNode(template.headers))) }
        if template.body != .none { pairs.append(("body", bodyNode(template.body))) }
        if template.auth != .inherit { pairs.append(("auth", authNode(template.auth))) }
        let defaults = RequestOptions()
        var options: [(String, Node)] = []
        if template.options.timeout != defaults.timeout { options.append(("timeout", YAMLWriter.number(template.options.timeout))) }
        if template.options.followRedirects != defaults.followRedirects { options.append(("followRedirects", YAMLWriter.bool(template.options.followRedirects))) }
        if template.options.maxRedirects != defaults.maxRedirects { options.append(("maxRedirects", YAMLWriter.number(Double(template.options.maxRedirects)))) }
        if template.options.recordsHistory != defaults.recordsHistory { options.append(("history", YAMLWriter.bool(template.options.recordsHistory))) }
        options += ConnectionOptionsFormat.encode(template.options.connection)
        if !options.isEmpty { pairs.append(("options", YAMLWriter.mapping(options))) }
        if !template.needs.isEmpty { pairs.append(("needs", ChecksFormat.needsNode(template.needs))) }
        if !template.checks.isEmpty { pairs.append(("checks", ChecksFormat.checksNode(template.checks))) }
        if !template.captures.isEmpty { pairs.append(("captures", ChecksFormat.capturesNode(template.captures))) }
        return try YAMLWriter.serialize(YAMLWriter.mapping(pairs))
    }

    static func rowsNode(_ rows: [KeyValueRow]) -> Node {
        Node(rows.map { row in
            var pairs = [("name", YAMLWriter.text(row.name)), ("value", YAMLWriter.text(row.value))]
            if !row.isEnabled { pairs.append(("enabled", YAMLWriter.bool(false))) }
            return YAMLWriter.mapping(pairs)
        })
    }

    private static func bodyNode(_ body: RequestBody) -> Node {
        switch body {
        case .none: return YAMLWriter.mapping([])
        case .json(let text): return YAMLWriter.mapping([("json", YAMLWriter.text(text))])
        case .xml(let text): return YAMLWriter.mapping([("xml", YAMLWriter.text(text))])
        case .raw(let text, let contentType):
            var pairs = [("text", YAMLWriter.text(text))]
            if contentType != "text/plain" { pairs.append(("contentType", YAMLWriter.text(contentType))) }
            return YAMLWriter.mapping(pairs)
        case .formURLEncoded(let rows): return YAMLWriter.mapping([("form", rowsNode(rows))])
        case .binaryFile(let path, let contentType):
            var pairs = [("file", YAMLWriter.text(path))]
            if let contentType { pairs.append(("contentType", YAMLWriter.text(contentType))) }
            return YAMLWriter.mapping(pairs)
        case .multipart(let parts):
            return YAMLWriter.mapping([("multipart", Node(parts.map { part in
                var pairs = [("name", YAMLWriter.text(part.name))]
                switch part.content {
                case .text(let value): pairs.append(("value", YAMLWriter.text(value)))
                case .file(let path): pairs.append(("file", YAMLWriter.text(path)))
                }
                if let filename = part.filename { pairs.append(("filename", YAMLWriter.text(filename))) }
                if let contentType = part.contentType { pairs.append(("contentType", YAMLWriter.text(contentType))) }
                if !part.isEnabled { pairs.append(("enabled", YAMLWriter.bool(false))) }
                return YAMLWriter.mapping(pairs)
            }))])
        case .graphQL(let graphQL): return YAMLWriter.mapping([("graphql", ProtocolBodyFormat.node(graphQL))])
        case .jsonRPC(let jsonRPC): return YAMLWriter.mapping([("jsonrpc", ProtocolBodyFormat.node(jsonRPC))])
        case .soap(let soap): return YAMLWriter.mapping([("soap", ProtocolBodyFormat.node(soap))])
        case .xmlRPC(let call): return YAMLWriter.mapping([("xmlrpc", ProtocolBodyFormat.node(call))])
        }
    }

    static func authNode(_ auth: Auth) -> Node {
        switch auth {
        case .inherit: return YAMLWriter.plain("inherit")
        case .none: return YAMLWriter.plain("none")
        case .basic(let username, let password):
            return YAMLWriter.mapping([("basic", YAMLWriter.mapping([("username", YAMLWriter.text(username)), ("password", YAMLWriter.text(password))]))])
        case .digest(let username, let password):
            return YAMLWriter.mapping([("digest", YAMLWriter.mapping([("username", YAMLWriter.text(username)), ("password", YAMLWriter.text(password))]))])
        case .bearer(let token):
            return YAMLWriter.mapping([("bearer", YAMLWriter.mapping([("token", YAMLWriter.text(token))]))])
        case .apiKey(let name, let value, let location):
            return YAMLWriter.mapping([("apiKey", YAMLWriter.mapping([("name", YAMLWriter.text(name)), ("value", YAMLWriter.text(value)), ("in", YAMLWriter.plain(location.rawValue))]))])
        case .oauth2(let settings):
            return YAMLWriter.mapping([("oauth2", oauth2Node(settings))])
        case .awsSigV4(let settings):
            var fields = [("accessKeyId", YAMLWriter.text(settings.accessKeyID)), ("secretAccessKey", YAMLWriter.text(settings.secretAccessKey))]
            if !settings.sessionToken.isEmpty { fields.append(("sessionToken", YAMLWriter.text(settings.sessionToken))) }
            fields += [("region", YAMLWriter.text(settings.region)), ("service", YAMLWriter.text(settings.service))]
            return YAMLWriter.mapping([("awsSigV4", YAMLWriter.mapping(fields))])
        }
    }

    /// Fields left empty are left out, as defaults are.
    private static func oauth2Node(_ settings: OAuth2Settings) -> Node {
        var pairs: [(String, Node)] = [("grant", YAMLWriter.plain(settings.grant.rawValue)), ("tokenUrl", YAMLWriter.text(settings.tokenURL))]
        func add(_ key: String, _ value: String) {
            if !value.isEmpty { pairs.append((key, YAMLWriter.text(value))) }
        }
        add("authorizationUrl", settings.authorizationURL)
        pairs.append(("clientId", YAMLWriter.text(settings.clientID)))
        add("clientSecret", settings.clientSecret)
        if settings.clientAuthentication != .basic { pairs.append(("clientAuth", YAMLWriter.plain(settings.clientAuthentication.rawValue))) }
        add("scope", settings.scope)
        add("audience", settings.audience)
        add("username", settings.username)
        add("password", settings.password)
        add("refreshToken", settings.refreshToken)
        if let port = settings.redirectPort { pairs.append(("redirectPort", YAMLWriter.number(Double(port)))) }
        return YAMLWriter.mapping(pairs)
    }
}
