import Foundation
import OpenAPIKit

/// Imports an OpenAPI 3.0 or 3.1 document (YAML or JSON) as a collection: one request per
/// operation, in a folder per first tag, with `{{baseUrl}}` and an environment per server.
public enum OpenAPIImport {
    public static func parse(_ text: String) throws -> ImportedCollection {
        let document = try OpenAPIDocumentReading.read(text)
        var translation = OpenAPITranslation(document: document)
        return translation.run()
    }
}

/// One document's translation into a `CollectionBuilder`.
struct OpenAPITranslation {
    let document: OpenAPI.Document
    var builder: CollectionBuilder
    var security: OpenAPISecurity
    var examples: OpenAPIExampleBody
    private var folders: [String: String] = [:]
    /// Path parameters become collection variables, in the order first met, with the first value found.
    private var pathVariables: [(name: String, value: String)] = []

    init(document: OpenAPI.Document) {
        self.document = document
        builder = CollectionBuilder(name: document.info.title)
        security = OpenAPISecurity(components: document.components)
        examples = OpenAPIExampleBody(components: document.components)
    }

    mutating func run() -> ImportedCollection {
        let description = [document.info.summary, document.info.description].compactMap { $0 }.joined(separator: "\n\n")
        builder.update { $0.description = description.isEmpty ? nil : description }
        addServers()
        let collectionAuth = security.auth(for: document.security, at: "security", into: &builder) ?? .none
        builder.update { $0.auth = collectionAuth }
        for (path, maybePathItem) in document.paths {
            guard let pathItem = document.components[maybePathItem] else {
                builder.warn("paths.\(path.rawValue)", "the path item's $ref could not be resolved; its operations were skipped")
                continue
            }
            for endpoint in pathItem.endpoints {
                addOperation(endpoint.operation, method: endpoint.method, path: path, pathItem: pathItem, collectionAuth: collectionAuth)
            }
        }
        for variable in pathVariables { builder.addVariable(variable.name, variable.value) }
        for reference in examples.unresolved {
            builder.warn("components", "the schema \(reference) is outside this document and could not be read; example bodies use null for it")
        }
        return builder.finish()
    }

    // MARK: Servers

    private mutating func addServers() {
        guard let first = document.servers.first else {
            builder.addVariable("baseUrl", "http://localhost")
            builder.warn("servers", "the document names no server: baseUrl is http://localhost, change it to where the API runs")
            return
        }
        builder.addVariable("baseUrl", baseURL(of: first, at: "servers[0]"))
        var taken: Set<String> = []
        for (index, server) in document.servers.enumerated() {
            let url = baseURL(of: server, at: index == 0 ? nil : "servers[\(index)]")
            var name = Self.environmentName(server.description ?? "")
            if name.isEmpty { name = Self.environmentName(URLComponents(string: url)?.host ?? "") }
            if name.isEmpty { name = "server" }
            name = UniqueName.first(name, notIn: taken)
            taken.insert(name)
            builder.addVariable("baseUrl", url, environment: name)
        }
    }

    /// The server's URL with its variables at their defaults and no trailing slash (paths bring theirs).
    /// `location` is where to warn about a relative URL; nil when that was already said.
    private mutating func baseURL(of server: OpenAPI.Server, at location: String?) -> String {
        var url = server.urlTemplate.rawValue
        for (name, variable) in server.variables {
            url = url.replacingOccurrences(of: "{\(name)}", with: variable.default)
        }
        while url.hasSuffix("/") { url.removeLast() }
        if !url.contains("://") {
            if let location {
                builder.warn(location, "the server URL '\(server.urlTemplate.rawValue)' is relative to where the document is served; it was made http://localhost\(url.isEmpty || url.hasPrefix("/") ? "" : "/")\(url)")
            }
            url = "http://localhost" + (url.isEmpty || url.hasPrefix("/") ? "" : "/") + url
        }
        return Template.literal(url)
    }

    /// A name that is easy to type after `-e`: lower-case words joined by dashes.
    static func environmentName(_ text: String) -> String {
        var name = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "." || character == "_" {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
        }
        while name.hasSuffix("-") || name.hasSuffix(".") { name.removeLast() }
        return name
    }

    // MARK: Operations

    private mutating func addOperation(_ operation: OpenAPI.Operation, method: OpenAPI.HttpMethod, path: OpenAPI.Path, pathItem: OpenAPI.PathItem, collectionAuth: Auth) {
        let location = "paths.\(path.rawValue).\(method.rawValue.lowercased())"
        let summary = operation.summary?.nilIfEmpty
        // The summary is the name; it is repeated above a description so that the description reads whole.
        let description = operation.description?.nilIfEmpty.map { detail in summary.map { "\($0)\n\n\(detail)" } ?? detail }
        var template = RequestTemplate(
            name: summary ?? operation.operationId?.nilIfEmpty ?? "\(method.rawValue) \(path.rawValue)",
            description: description,
            method: (try? HTTPMethod(method.rawValue)) ?? .get,
            url: "{{baseUrl}}"
        )
        let parameters = mergedParameters(pathItem.parameters, operation.parameters, at: location)
        template.url += urlPath(path, parameters: parameters)
        for parameter in parameters {
            let value = Template.literal(parameterValue(parameter))
            switch parameter.context {
            case .query:
                template.params.append(KeyValueRow(parameter.name, value, isEnabled: parameter.required))
            case .header:
                // OpenAPI says these three are described elsewhere (auth, body, responses), not as parameters.
                guard !["accept", "content-type", "authorization"].contains(parameter.name.lowercased()) else { continue }
                template.headers.append(KeyValueRow(parameter.name, value, isEnabled: parameter.required))
            case .path:
                break
            case .cookie:
                builder.warn("\(location).parameters.\(parameter.name)", "cookie parameters are not carried over; add a Cookie header if the server needs '\(parameter.name)'")
            case .querystring:
                builder.warn("\(location).parameters.\(parameter.name)", "a whole-query-string parameter is not carried over; write the query into the URL")
            }
        }
        if let maybeBody = operation.requestBody {
            if let body = document.components[maybeBody] {
                template.body = requestBody(body, at: "\(location).requestBody")
            } else {
                builder.warn("\(location).requestBody", "the request body's $ref could not be resolved; the request has no body")
            }
        }
        if let requirements = operation.security {
            let auth = requirements.isEmpty ? .none : (security.auth(for: requirements, at: "\(location).security", into: &builder) ?? .none)
            template.auth = auth == collectionAuth ? .inherit : auth
        }
        builder.addRequest(template, in: folder(for: operation.tags?.first))
    }

    private mutating func folder(for tag: String?) -> String {
        guard let tag, !tag.isEmpty else { return "" }
        if let path = folders[tag] { return path }
        let path = builder.addFolder(named: tag)
        folders[tag] = path
        return path
    }

    /// The path item's parameters with the operation's, an operation's replacing the path item's of the
    /// same name and location. References are resolved; one that cannot be is a warning.
    private mutating func mergedParameters(_ shared: OpenAPI.Parameter.Array, _ own: OpenAPI.Parameter.Array, at location: String) -> [OpenAPI.Parameter] {
        var merged: [OpenAPI.Parameter] = []
        for maybeParameter in shared + own {
            guard let parameter = document.components[maybeParameter] else {
                builder.warn("\(location).parameters", "the parameter \(maybeParameter.a?.absoluteString ?? "") could not be resolved and was skipped")
                continue
            }
            if let index = merged.firstIndex(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                merged[index] = parameter
            } else {
                merged.append(parameter)
            }
        }
        return merged
    }

    /// The path with each `{name}` made a `{{name}}` variable, remembered as a collection variable.
    private mutating func urlPath(_ path: OpenAPI.Path, parameters: [OpenAPI.Parameter]) -> String {
        var result = ""
        var rest = Substring(path.rawValue)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += Template.literal(String(rest[..<open]))
            let name = String(rest[rest.index(after: open)..<close])
            let variable = Self.variableName(name)
            result += "{{\(variable)}}"
            let value = parameters.first { $0.location == .path && $0.name == name }.map(parameterValue) ?? ""
            if let index = pathVariables.firstIndex(where: { $0.name == variable }) {
                if pathVariables[index].value.isEmpty { pathVariables[index].value = Template.literal(value) }
            } else {
                pathVariables.append((variable, Template.literal(value)))
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + Template.literal(String(rest))
    }

    /// Template variable names are letters, digits, `_`, `-` and `.`; anything else becomes `_`.
    static func variableName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "_-.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty ? "param" : cleaned
    }

    /// The parameter's example, or its schema's default or example, as text; empty when it has none.
    private func parameterValue(_ parameter: OpenAPI.Parameter) -> String {
        switch parameter.schemaOrContent {
        case .a(let context):
            if let first = context.examples?.first.flatMap({ document.components[$0.value] }), let value = exampleValue(first) {
                return value.text
            }
            if let example = context.example { return Self.text(example) }
            if let schema = document.components[context.schema] {
                if let fallback = schema.defaultValue { return Self.text(fallback) }
                if let example = schema.examples.first { return Self.text(example) }
            }
        case .b(let content):
            if let media = content.first.flatMap({ document.components[$0.value] }) {
                if let example = media.example { return Self.text(example) }
                if let schema = media.schema, let fallback = schema.defaultValue ?? schema.examples.first { return Self.text(fallback) }
            }
        }
        return ""
    }

    /// A parameter value as it goes into a URL or header: a list joined by commas (OpenAPI's default
    /// `form` and `simple` styles), an object as compact JSON.
    static func text(_ value: AnyCodable) -> String {
        OpenAPIExampleBody.json(value).parameterText
    }

    // MARK: Bodies

    /// An example's value: JSON data, or (OpenAPI 3.2) text already serialised for the wire.
    private func exampleValue(_ example: OpenAPI.Example) -> (json: JSONValue?, text: String)? {
        if let data = example.dataOrLegacyValue {
            let json = OpenAPIExampleBody.json(data)
            return (json, json.parameterText)
        }
        if let serialized = example.serializedValue { return (nil, serialized) }
        return nil
    }

    private mutating func requestBody(_ body: OpenAPI.Request, at location: String) -> RequestBody {
        guard let (contentType, maybeMedia) = Self.preferredMedia(body.content) else { return .none }
        guard let media = document.components[maybeMedia] else {
            builder.warn(location, "the \(contentType) content's $ref could not be resolved; the request has no body")
            return .none
        }
        let kind = OpenAPIMediaKind(contentType)
        let schema = media.schema.flatMap { document.components[$0] }
        var value: JSONValue
        // `examples` before `example`: OpenAPIKit fills `example` with the first example written in
        // place, skipping any `$ref` listed before it.
        if let first = media.examples?.first.flatMap({ document.components[$0.value] }), let example = exampleValue(first) {
            value = example.json ?? .string(example.text)
        } else if let example = media.example {
            value = OpenAPIExampleBody.json(example)
        } else if let declared = media.schema {
            // Given as declared, $ref and all, so that a schema containing itself is cut at its first repeat.
            value = examples.value(for: declared)
        } else {
            value = kind == .json ? .object([]) : .string("")
        }
        switch kind {
        case .json:
            let text: String
            if case .string(let literal) = value, (try? JSONValue.parse(literal)) != nil {
                text = literal
            } else {
                text = value.serialized(.indented)
            }
            return contentType == "application/json" ? .json(Template.literal(text)) : .raw(text: Template.literal(text), contentType: contentType)
        case .form:
            return .formURLEncoded(Self.members(value).map { KeyValueRow($0.name, Template.literal($0.value.parameterText)) })
        case .multipart:
            let properties = schema?.objectContext?.properties
            return .multipart(Self.members(value).map { member in
                if let property = properties?[member.name].flatMap({ document.components[$0] }), Self.isBinary(property) {
                    // The file is the user's to choose; the part waits, disabled, until they do.
                    return MultipartPart(name: member.name, content: .file(path: ""), isEnabled: false)
                }
                return MultipartPart(name: member.name, content: .text(Template.literal(member.value.parameterText)))
            })
        case .xml:
            if case .string(let literal) = value { return .xml(Template.literal(literal)) }
            let root = schema?.xml?.name ?? media.schema?.reference?.name ?? "root"
            return .xml(Template.literal(OpenAPIXMLExample.text(value, root: root)))
        case .other:
            if let schema, Self.isBinary(schema) {
                builder.warn(location, "the body is a file (\(contentType)); choose it in the request's body")
                return .raw(text: "", contentType: contentType)
            }
            if case .string(let literal) = value { return .raw(text: Template.literal(literal), contentType: contentType) }
            return .raw(text: Template.literal(value.serialized(.indented)), contentType: contentType)
        }
    }

    /// JSON first, then forms, multipart, XML, then whatever comes first.
    static func preferredMedia(_ content: OpenAPI.Content.Map) -> (String, Either<OpenAPI.Reference<OpenAPI.Content>, OpenAPI.Content>)? {
        let entries = content.map { (Self.mediaType($0.key), $0.value) }
        for kind in [OpenAPIMediaKind.json, .form, .multipart, .xml] {
            if let entry = entries.first(where: { OpenAPIMediaKind($0.0) == kind }) { return entry }
        }
        return entries.first
    }

    private static func mediaType(_ contentType: OpenAPI.ContentType) -> String {
        contentType.rawValue.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    private static func members(_ value: JSONValue) -> [JSONValue.Member] {
        if case .object(let members) = value { return members }
        return []
    }

    private static func isBinary(_ schema: OpenAPIKit.JSONSchema) -> Bool {
        schema.formatString == "binary" || (schema.isString && schema.stringContext?.contentEncoding != nil)
    }
}

/// How a media type is written as a Portico body.
enum OpenAPIMediaKind {
    case json, form, multipart, xml, other

    init(_ mediaType: String) {
        self = switch mediaType {
        case "application/json", _ where mediaType.hasSuffix("+json"): .json
        case "application/x-www-form-urlencoded": .form
        case "multipart/form-data": .multipart
        case "application/xml", "text/xml", _ where mediaType.hasSuffix("+xml"): .xml
        default: .other
        }
    }
}

extension JSONValue {
    /// A value as one line of text for a URL, header or form field: strings as they are, lists
    /// joined by commas, objects as compact JSON.
    var parameterText: String {
        switch self {
        case .null: ""
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.literal
        case .array(let elements): elements.map(\.parameterText).joined(separator: ",")
        case .object: serialized(.compact)
        }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
