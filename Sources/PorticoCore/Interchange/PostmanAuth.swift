/// Postman auth: `{type, basic|bearer|apikey|…}` where the parameters are a list of `{key, value}`
/// (v2.1) or an object (v2.0).
extension PostmanImporter {
    /// Postman's names for the auth kinds Portico does not have yet, as people know them.
    static let unsupportedAuth = [
        "oauth1": "OAuth 1.0", "ntlm": "NTLM",
        "hawk": "Hawk", "akamai": "Akamai EdgeGrid", "edgegrid": "Akamai EdgeGrid", "jwt": "JWT Bearer", "asap": "ASAP (Atlassian)",
    ]

    /// The auth `value` describes; nil when there is none (the request or folder inherits). An
    /// unsupported kind becomes `.none`, so that no other credential is sent in its place.
    mutating func auth(_ value: JSONValue?, at here: String) -> Auth? {
        guard let value, let type = value["type"]?.importedText else { return nil }
        let parameters = Self.authParameters(value[type])
        func parameter(_ key: String) -> String { text(parameters[key] ?? "", at: here) }
        switch type {
        case "noauth": return Auth.none
        case "inherit": return .inherit
        case "basic": return .basic(username: parameter("username"), password: parameter("password"))
        case "digest": return .digest(username: parameter("username"), password: parameter("password"))
        case "bearer": return .bearer(token: parameter("token"))
        case "apikey":
            return .apiKey(name: parameter("key"), value: parameter("value"), location: parameters["in"] == "query" ? .query : .header)
        case "awsv4":
            return .awsSigV4(AWSSigV4Settings(accessKeyID: parameter("accessKey"), secretAccessKey: parameter("secretKey"),
                                              sessionToken: parameter("sessionToken"), region: parameter("region"), service: parameter("service")))
        case "oauth2":
            var rendered: [String: String] = [:]
            for key in parameters.keys { rendered[key] = parameter(key) }
            return oauth2(rendered, at: here)
        default:
            let label = Self.unsupportedAuth[type] ?? "'\(type)'"
            builder.warn(here, "\(label) auth is not supported yet; imported without auth")
            return Auth.none
        }
    }

    /// Postman's OAuth 2.0 settings. Its grant names differ from RFC 6749's; authorization code is
    /// Postman's default, and its PKCE variant is the one Portico runs in any case.
    private mutating func oauth2(_ parameters: [String: String], at here: String) -> Auth {
        func parameter(_ key: String) -> String { parameters[key] ?? "" }
        let grant: OAuth2Settings.Grant
        switch parameter("grant_type") {
        case "client_credentials": grant = .clientCredentials
        case "password_credentials": grant = .password
        case "", "authorization_code", "authorization_code_with_pkce": grant = .authorizationCode
        case let other:
            builder.warn(here, "OAuth 2.0 grant '\(other)' is not supported (Portico runs client_credentials, password, refresh_token and authorization_code); imported without auth")
            return Auth.none
        }
        if grant == .authorizationCode {
            builder.warn(here, "OAuth 2.0 authorization code: Portico's redirect URI is http://127.0.0.1:<port>/callback (set redirectPort); register it with the provider")
        }
        return .oauth2(OAuth2Settings(
            grant: grant, tokenURL: parameter("accessTokenUrl"), authorizationURL: parameter("authUrl"), clientID: parameter("clientId"),
            clientSecret: parameter("clientSecret"), clientAuthentication: parameter("client_authentication") == "body" ? .body : .basic,
            scope: parameter("scope"), audience: parameter("audience"), username: parameter("username"), password: parameter("password")))
    }

    private static func authParameters(_ value: JSONValue?) -> [String: String] {
        var parameters: [String: String] = [:]
        switch value {
        case .array(let rows)?:
            for row in rows {
                if let key = row["key"]?.importedText { parameters[key] = valueText(row["value"]) }
            }
        case .object(let members)?:
            for member in members { parameters[member.name] = valueText(member.value) }
        default:
            break
        }
        return parameters
    }
}
