import OpenAPIKit

/// Turns OpenAPI security requirements into Portico auth with `{{variables}}` for the credentials,
/// which become (secret) collection variables the first time a scheme is used.
struct OpenAPISecurity {
    let components: OpenAPI.Components
    private var addedVariables: Set<String> = []
    private var warned: Set<String> = []

    init(components: OpenAPI.Components) {
        self.components = components
    }

    /// The auth for a list of alternative requirements: the first one Portico can send. Nil when
    /// none can (each scheme that cannot is a warning, once). An empty requirement (`{}`) means
    /// auth is optional: `.none` if nothing else is usable.
    mutating func auth(for requirements: [OpenAPI.SecurityRequirement], at location: String, into builder: inout CollectionBuilder) -> Auth? {
        var optional = false
        for requirement in requirements {
            if requirement.isEmpty {
                optional = true
                continue
            }
            // A requirement names schemes that apply together; a request carries one auth, so one is kept.
            let names = requirement.keys.compactMap(\.name).sorted()
            for name in names {
                guard let auth = auth(forScheme: name, into: &builder) else { continue }
                if names.count > 1 {
                    warnOnce(location, "the API asks for \(names.map { "'\($0)'" }.joined(separator: " and ")) together; only '\(name)' was applied", into: &builder)
                }
                return auth
            }
        }
        return optional ? Auth.none : nil
    }

    private mutating func auth(forScheme name: String, into builder: inout CollectionBuilder) -> Auth? {
        let location = "components.securitySchemes.\(name)"
        guard let scheme = components[JSONReference<OpenAPI.SecurityScheme>.component(named: name)] else {
            warnOnce(location, "the security scheme '\(name)' is not defined; requests that use it have no auth", into: &builder)
            return nil
        }
        switch scheme.type {
        case .http(let httpScheme, _) where ["basic", "digest"].contains(httpScheme.lowercased()):
            addVariable("username", isSecret: false, into: &builder)
            addVariable("password", isSecret: true, into: &builder)
            return httpScheme.lowercased() == "basic" ? .basic(username: "{{username}}", password: "{{password}}") : .digest(username: "{{username}}", password: "{{password}}")
        case .http(let httpScheme, _) where httpScheme.lowercased() == "bearer":
            addVariable("token", isSecret: true, into: &builder)
            return .bearer(token: "{{token}}")
        case .apiKey(let keyName, let placement):
            addVariable("apiKey", isSecret: true, into: &builder)
            let location: APIKeyLocation = switch placement {
            case .query: .query
            case .cookie: .cookie
            default: .header
            }
            return .apiKey(name: keyName, value: "{{apiKey}}", location: location)
        case .http(let httpScheme, _):
            warnOnce(location, "HTTP '\(httpScheme)' authentication is not supported (basic, digest and bearer are); requests that use it have no auth", into: &builder)
        case .oauth2:
            warnOnce(location, "OAuth 2.0 is not supported yet; requests that use it have no auth (set a bearer token by hand)", into: &builder)
        case .openIdConnect:
            warnOnce(location, "OpenID Connect is not supported yet; requests that use it have no auth (set a bearer token by hand)", into: &builder)
        case .mutualTLS:
            warnOnce(location, "mutual TLS (client certificates) is not supported; requests that use it have no auth", into: &builder)
        }
        return nil
    }

    /// Credentials start empty: the document says how to authenticate, not with what.
    private mutating func addVariable(_ name: String, isSecret: Bool, into builder: inout CollectionBuilder) {
        guard addedVariables.insert(name).inserted else { return }
        builder.addVariable(name, "", isSecret: isSecret)
    }

    private mutating func warnOnce(_ location: String, _ message: String, into builder: inout CollectionBuilder) {
        guard warned.insert(location + message).inserted else { return }
        builder.warn(location, message)
    }
}
