import Foundation

/// An Insomnia export (format 4, JSON: a flat list of resources linked by `parentId`) made into a
/// Portico collection. Request groups become folders, the base environment the collection's
/// variables and its sub-environments Portico environments; Insomnia's `{{ _.name }}` becomes
/// `{{name}}`. Tags Portico cannot evaluate, scripts, cookies and specs come back as warnings.
public enum InsomniaImport {
    public static func parse(_ text: String) throws(PorticoError) -> ImportedCollection {
        if text.contains("collection.insomnia.rest/5") {
            throw .input("this is an Insomnia v5 (YAML) export, which is not supported yet: export again from Insomnia as \"Insomnia v4 (JSON)\"")
        }
        let document = try JSONValue.parseImported(text, source: "the export")
        guard document["_type"]?.importedText == "export", case .array(let resources) = document["resources"] else {
            throw .input("this is not an Insomnia export: expected a JSON object with \"_type\": \"export\" and a \"resources\" list, as Insomnia writes with Export → Insomnia v4 (JSON)")
        }
        let format = document["__export_format"]?.importedText ?? "?"
        guard format == "4" else {
            throw .input("Insomnia export format \(format) is not supported: export again from Insomnia as \"Insomnia v4 (JSON)\"")
        }
        var importer = InsomniaImporter(resources: resources)
        importer.importAll()
        return importer.builder.finish()
    }
}

/// Walks the resources of one Insomnia export into a `CollectionBuilder`.
struct InsomniaImporter {
    var builder: CollectionBuilder
    private let children: [String: [JSONValue]]
    private let workspaces: [JSONValue]
    private var renamedVariables: Set<String> = []

    /// Insomnia's names for the auth kinds Portico does not have yet, as people know them.
    static let unsupportedAuth = [
        "oauth1": "OAuth 1.0", "ntlm": "NTLM", "hawk": "Hawk",
        "netrc": "Netrc", "asap": "ASAP (Atlassian)",
    ]

    init(resources: [JSONValue]) {
        children = Dictionary(grouping: resources) { $0["parentId"]?.importedText ?? "" }
        workspaces = resources.filter { $0["_type"]?.importedText == "workspace" }
        builder = CollectionBuilder(name: workspaces.first?["name"]?.importedText ?? "")
    }

    mutating func importAll() {
        if workspaces.count > 1 {
            builder.warn("export", "it holds \(workspaces.count) workspaces; all are imported into this one collection")
        }
        if let description = workspaces.first?["description"]?.importedText, !description.isEmpty {
            builder.update { $0.description = description }
        }
        for workspace in workspaces {
            let id = workspace["_id"]?.importedText ?? ""
            importEnvironments(of: id)
            importChildren(of: id, in: "", location: [])
        }
    }

    /// The workspace's base environment becomes the collection's variables and each of its
    /// sub-environments a Portico environment; a private one's values become secrets.
    private mutating func importEnvironments(of workspace: String) {
        for base in (children[workspace] ?? []) where base["_type"]?.importedText == "environment" {
            for (name, value) in Self.flattened(base["data"]) {
                builder.addVariable(variableName(name, at: "base environment"), text(value, at: "base environment/\(name)"))
            }
            for environment in children[base["_id"]?.importedText ?? ""] ?? [] where environment["_type"]?.importedText == "environment" {
                let given = CollectionBuilder.oneLine(environment["name"]?.importedText ?? "")
                let name = UniqueName.first(given.isEmpty ? "Environment" : given, separator: " ", notIn: Set(builder.collection.environments.map(\.name)))
                let isPrivate = environment["isPrivate"]?.importedFlag == true
                builder.update { $0.environments.append(Environment(name: name)) }
                for (key, value) in Self.flattened(environment["data"]) {
                    let here = "environment \(name)/\(key)"
                    builder.addVariable(variableName(key, at: here), text(value, at: here), isSecret: isPrivate, environment: name)
                }
            }
        }
    }

    /// An environment's data as `name: text` pairs; nested objects (read as `_.a.b` in Insomnia)
    /// become dotted names, which Portico names may hold.
    static func flattened(_ data: JSONValue?, prefix: String = "") -> [(String, String)] {
        (data?.importedMembers ?? []).flatMap { member -> [(String, String)] in
            let name = prefix + member.name
            if member.value.isImportedObject { return flattened(member.value, prefix: name + ".") }
            return [(name, PostmanImporter.valueText(member.value))]
        }
    }

    private mutating func importChildren(of parent: String, in folder: String, location: [String]) {
        for resource in children[parent] ?? [] {
            let type = resource["_type"]?.importedText ?? ""
            let name = resource["name"]?.importedText ?? ""
            let path = location + [name.isEmpty ? "(unnamed)" : name]
            let here = path.joined(separator: "/")
            switch type {
            case "request_group":
                let folderPath = builder.addFolder(named: name, in: folder)
                if !(resource["environment"]?.importedMembers.isEmpty ?? true) {
                    builder.warn(here, "folder environment not imported (Portico folders have no variables)")
                }
                scripts(resource, at: here)
                if let own = self.auth(resource["authentication"], at: here), own != .inherit { builder.setFolderAuth(own, at: folderPath) }
                importChildren(of: resource["_id"]?.importedText ?? "", in: folderPath, location: path)
            case "request":
                importRequest(resource, in: folder, at: here)
            case "environment":
                break
            case "cookie_jar":
                let cookies = resource["cookies"]?.importedList.count ?? 0
                if cookies > 0 { builder.warn("cookie jar", "\(cookies) cookie\(cookies == 1 ? "" : "s") not imported") }
            case "api_spec":
                if !(resource["contents"]?.importedText ?? "").isEmpty { builder.warn("workspace", "API spec not imported") }
            case "grpc_request": builder.warn(here, "gRPC request not imported")
            case "websocket_request": builder.warn(here, "WebSocket request not imported")
            case "unit_test_suite": builder.warn(here, "unit test suite not imported")
            default: builder.warn(here, "Insomnia \(type.isEmpty ? "resource" : type) not imported")
            }
        }
    }

    private mutating func importRequest(_ resource: JSONValue, in folder: String, at here: String) {
        let method = builder.method(resource["method"]?.importedText, at: here)
        let auth = self.auth(resource["authentication"], at: here) ?? .inherit
        let description = resource["description"]?.importedText ?? ""
        let template = RequestTemplate(
            name: resource["name"]?.importedText ?? "", description: description.isEmpty ? nil : description, method: method,
            url: text(resource["url"]?.importedText ?? "", at: here), params: rows(resource["parameters"], at: here),
            headers: rows(resource["headers"], at: here), body: body(resource["body"], at: here), auth: auth)
        builder.addRequest(template, in: folder)
        scripts(resource, at: here)
    }

    /// `{name, value, disabled}` rows, as Insomnia writes parameters, headers and form fields.
    private mutating func rows(_ value: JSONValue?, at here: String) -> [KeyValueRow] {
        (value?.importedList ?? []).map { row in
            KeyValueRow(text(row["name"]?.importedText ?? "", at: here), text(PostmanImporter.valueText(row["value"]), at: here), isEnabled: row["disabled"]?.importedFlag != true)
        }
    }

    private mutating func body(_ value: JSONValue?, at here: String) -> RequestBody {
        guard let value else { return .none }
        let mimeType = value["mimeType"]?.importedText ?? ""
        let bodyText = text(value["text"]?.importedText ?? "", at: here)
        switch mimeType {
        case "application/x-www-form-urlencoded":
            return .formURLEncoded(rows(value["params"], at: here))
        case "multipart/form-data":
            return .multipart((value["params"]?.importedList ?? []).map { field in
                let name = text(field["name"]?.importedText ?? "", at: here)
                let isEnabled = field["disabled"]?.importedFlag != true
                guard field["type"]?.importedText == "file" else {
                    return MultipartPart(name: name, content: .text(text(PostmanImporter.valueText(field["value"]), at: here)), isEnabled: isEnabled)
                }
                let path = field["fileName"]?.importedText ?? ""
                if path.isEmpty { builder.warn(here, "form field '\(name)' has no file chosen; imported switched off") }
                return MultipartPart(name: name, content: .file(path: path), isEnabled: isEnabled && !path.isEmpty)
            })
        case "application/octet-stream" where value["fileName"] != nil:
            guard let path = value["fileName"]?.importedText, !path.isEmpty else {
                builder.warn(here, "the file body has no file chosen; imported without a body")
                return .none
            }
            return .binaryFile(path: path, contentType: nil)
        case _ where bodyText.isEmpty:
            return .none
        case "application/json":
            return .json(bodyText)
        case "application/xml", "text/xml":
            return .xml(bodyText)
        case "application/graphql":
            // Insomnia keeps the operation as the JSON it sends; its parts become the GraphQL body's.
            guard let operation = try? JSONValue.parse(value["text"]?.importedText ?? ""), case .string(let query)? = operation["query"] else {
                builder.warn(here, "the GraphQL body is not the JSON Insomnia writes; imported as a JSON body")
                return .json(bodyText)
            }
            let variables: String
            switch operation["variables"] {
            case nil, .null?: variables = ""
            case .object(let members)? where members.isEmpty: variables = ""
            case let other?: variables = other.serialized(.indented)
            }
            let operationName: String
            if case .string(let name)? = operation["operationName"] { operationName = name } else { operationName = "" }
            return .graphQL(GraphQLBody(query: text(query, at: here), variables: text(variables, at: here), operationName: text(operationName, at: here)))
        case "":
            return .raw(text: bodyText, contentType: "text/plain")
        default:
            return .raw(text: bodyText, contentType: mimeType)
        }
    }

    /// The auth `value` describes; nil for none set (the request or folder inherits). A switched-off
    /// or unsupported kind becomes `.none`, so that no other credential is sent in its place.
    private mutating func auth(_ value: JSONValue?, at here: String) -> Auth? {
        guard let value, let type = value["type"]?.importedText else { return nil }
        if value["disabled"]?.importedFlag == true { return Auth.none }
        func field(_ name: String) -> String { text(PostmanImporter.valueText(value[name]), at: here) }
        switch type {
        case "none": return Auth.none
        case "basic": return .basic(username: field("username"), password: field("password"))
        case "digest": return .digest(username: field("username"), password: field("password"))
        case "bearer":
            let prefix = value["prefix"]?.importedText ?? ""
            if !prefix.isEmpty, prefix != "Bearer" {
                builder.warn(here, "bearer prefix '\(prefix)' not imported; Portico sends 'Bearer'")
            }
            return .bearer(token: field("token"))
        case "apikey":
            switch value["addTo"]?.importedText {
            case "queryParams": return .apiKey(name: field("key"), value: field("value"), location: .query)
            case "cookie": return .apiKey(name: field("key"), value: field("value"), location: .cookie)
            default: return .apiKey(name: field("key"), value: field("value"), location: .header)
            }
        case "iam":
            return .awsSigV4(AWSSigV4Settings(accessKeyID: field("accessKeyId"), secretAccessKey: field("secretAccessKey"),
                                              sessionToken: field("sessionToken"), region: field("region"), service: field("service")))
        case "oauth2":
            var fields: [String: String] = [:]
            for key in ["grantType", "accessTokenUrl", "authorizationUrl", "clientId", "clientSecret", "scope", "audience", "username", "password", "refreshToken"] {
                fields[key] = field(key)
            }
            return oauth2(fields, credentialsInBody: value["credentialsInBody"]?.importedFlag == true, at: here)
        default:
            builder.warn(here, "\(Self.unsupportedAuth[type] ?? "'\(type)'") auth is not supported yet; imported without auth")
            return Auth.none
        }
    }

    /// Insomnia's OAuth 2.0 settings; its grant names are RFC 6749's.
    private mutating func oauth2(_ fields: [String: String], credentialsInBody: Bool, at here: String) -> Auth {
        func field(_ key: String) -> String { fields[key] ?? "" }
        let grantName = field("grantType")
        guard let grant = OAuth2Settings.Grant(rawValue: grantName.isEmpty ? "authorization_code" : grantName) else {
            builder.warn(here, "OAuth 2.0 grant '\(grantName)' is not supported (Portico runs client_credentials, password, refresh_token and authorization_code); imported without auth")
            return Auth.none
        }
        if grant == .authorizationCode {
            builder.warn(here, "OAuth 2.0 authorization code: Portico's redirect URI is http://127.0.0.1:<port>/callback (set redirectPort); register it with the provider")
        }
        return .oauth2(OAuth2Settings(
            grant: grant, tokenURL: field("accessTokenUrl"), authorizationURL: field("authorizationUrl"), clientID: field("clientId"),
            clientSecret: field("clientSecret"), clientAuthentication: credentialsInBody ? .body : .basic,
            scope: field("scope"), audience: field("audience"), username: field("username"), password: field("password"), refreshToken: field("refreshToken")))
    }

    private mutating func scripts(_ resource: JSONValue, at here: String) {
        for (key, kind) in [("preRequestScript", "pre-request script"), ("afterResponseScript", "after-response script")] {
            if !(resource[key]?.importedText ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                builder.warn(here, "\(kind) not imported")
            }
        }
    }

    /// `text` as a Portico template: `{{ _.name }}` becomes `{{name}}`; the `{% uuid %}` and
    /// `{% now %}` tags become Portico's dynamic values; other tags and expressions stay as text,
    /// with a warning.
    mutating func text(_ text: String, at here: String) -> String {
        let placeholders = ForeignTemplate.translate(text) { inner in
            var name = inner
            if name.hasPrefix("_.") { name.removeFirst(2) }
            guard !name.isEmpty, !name.contains(where: { "|()[]'\" ".contains($0) }) else {
                builder.warn(here, "Insomnia expression {{ \(inner) }} not imported; it is kept as literal text")
                return .literal
            }
            return .placeholder(variableName(name, at: here))
        }
        return tags(placeholders, at: here)
    }

    /// Replaces the `{% … %}` tags Portico has an equivalent for.
    private mutating func tags(_ text: String, at here: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{%"), let close = rest[open.upperBound...].range(of: "%}") {
            result += rest[..<open.lowerBound]
            let tag = rest[open.lowerBound..<close.upperBound]
            let words = rest[open.upperBound..<close.lowerBound].split(whereSeparator: { $0.isWhitespace || $0 == "," })
            let argument = words.dropFirst().first?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) ?? ""
            switch (words.first ?? "", argument) {
            case ("uuid", _): result += "{{$uuid}}"
            case ("now", "unix"): result += "{{$timestamp}}"
            case ("now", "iso-8601"), ("now", ""): result += "{{$isoTimestamp}}"
            default:
                builder.warn(here, "Insomnia tag \(tag) not imported; it is kept as literal text")
                result += tag
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// `name` spelled as Portico allows, reported the first time it has to change.
    private mutating func variableName(_ name: String, at here: String) -> String {
        let portico = ForeignTemplate.variableName(name)
        if portico != name, renamedVariables.insert(name).inserted {
            builder.warn(here, "variable '\(name)' is renamed '\(portico)' (a Portico name holds letters, digits, '_', '-' and '.')")
        }
        return portico
    }
}
