/// Postman auth: `{type, basic|bearer|apikey|…}` where the parameters are a list of `{key, value}`
/// (v2.1) or an object (v2.0).
extension PostmanImporter {
    /// Postman's names for the auth kinds Portico does not have yet, as people know them.
    static let unsupportedAuth = [
        "oauth1": "OAuth 1.0", "oauth2": "OAuth 2.0", "awsv4": "AWS Signature", "ntlm": "NTLM",
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
        default:
            let label = Self.unsupportedAuth[type] ?? "'\(type)'"
            builder.warn(here, "\(label) auth is not supported yet; imported without auth")
            return Auth.none
        }
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
