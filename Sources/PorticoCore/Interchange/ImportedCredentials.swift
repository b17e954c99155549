import Foundation

/// Credentials that other tools keep in clear (Postman auth, a curl `-u`, an Authorization
/// header in a HAR, a `password` field of a login form) must not reach files meant for git: each
/// becomes a secret variable whose value goes to the secret store, and the request refers to it
/// by `{{name}}`.
enum ImportedCredentials {
    /// Headers whose values are credentials.
    static let credentialHeaders: [String: String] = [
        "authorization": "authorization", "proxy-authorization": "proxyAuthorization", "cookie": "cookie",
        "x-amz-security-token": "awsSessionToken",
    ]

    /// Query parameters and form fields whose names say they hold a credential.
    static let credentialFieldWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key"]

    static func isCredentialField(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return credentialFieldWords.contains { lowered.contains($0) }
    }

    static func moveToSecrets(_ imported: inout ImportedCollection) {
        secureVariables(&imported)
        // Environment names count as taken: an environment's value would shadow a new collection secret.
        let names = imported.collection.variables.map(\.name) + imported.collection.environments.flatMap { $0.variables.map(\.name) }
        var mover = Mover(secrets: imported.secrets, taken: Set(names))
        imported.collection.auth = mover.secure(imported.collection.auth)
        imported.collection.headers = mover.secure(imported.collection.headers)
        mover.secure(&imported.collection.root)
        for name in mover.added {
            imported.collection.variables.append(Variable(name, nil, isSecret: true))
        }
        imported.secrets = mover.secrets
    }

    /// Plain variables named like credentials (`@password = …` in a .http file, a Postman value
    /// `apiKey` of the default type) become secret variables, keeping their names.
    private static func secureVariables(_ imported: inout ImportedCollection) {
        func secure(_ variables: inout [Variable], environment: String?) {
            for index in variables.indices {
                let variable = variables[index]
                guard !variable.isSecret, let value = variable.value, !value.isEmpty, !value.contains("{{"), isCredentialField(variable.name) else { continue }
                variables[index] = Variable(variable.name, nil, isSecret: true)
                imported.secrets.append(ImportedSecret(name: variable.name, environment: environment, value: value))
            }
        }
        secure(&imported.collection.variables, environment: nil)
        for index in imported.collection.environments.indices {
            secure(&imported.collection.environments[index].variables, environment: imported.collection.environments[index].name)
        }
    }

    /// `template`, to be added to `collection`, with its credentials moved into new secret
    /// variables of `collection`; the values to store come back with it.
    static func moveToSecrets(_ template: RequestTemplate, joining collection: inout Collection) -> (RequestTemplate, [ImportedSecret]) {
        let names = collection.variables.map(\.name) + collection.environments.flatMap { $0.variables.map(\.name) }
        var mover = Mover(secrets: [], taken: Set(names))
        var template = template
        mover.secure(&template)
        for name in mover.added { collection.variables.append(Variable(name, nil, isSecret: true)) }
        return (template, mover.secrets)
    }

    private struct Mover {
        var secrets: [ImportedSecret]
        var taken: Set<String>
        var added: [String] = []

        mutating func secure(_ group: inout RequestGroup) {
            group.auth = secure(group.auth)
            for index in group.requests.indices { secure(&group.requests[index].template) }
            for index in group.groups.indices { secure(&group.groups[index]) }
        }

        mutating func secure(_ template: inout RequestTemplate) {
            template.auth = secure(template.auth)
            template.headers = secure(template.headers)
            template.params = secureFields(template.params)
            template.url = secureQuery(template.url)
            if let proxy = template.options.connection.proxy { template.options.connection.proxy = secureProxy(proxy) }
            switch template.body {
            case .formURLEncoded(let rows): template.body = .formURLEncoded(secureFields(rows))
            case .multipart(let parts):
                template.body = .multipart(parts.map { part in
                    guard case .text(let value) = part.content, isCredentialField(part.name) else { return part }
                    var part = part
                    part.content = .text(reference(value, suggesting: variableName(part.name)))
                    return part
                })
            default: break
            }
        }

        mutating func secureFields(_ rows: [KeyValueRow]) -> [KeyValueRow] {
            rows.map { row in
                guard isCredentialField(row.name) else { return row }
                var row = row
                row.value = reference(row.value, suggesting: variableName(row.name))
                return row
            }
        }

        /// Query parameters written into the URL (HAR and Postman keep them there). The value is
        /// kept as written, percent-encoding included, so the URL renders as it was.
        mutating func secureQuery(_ url: String) -> String {
            guard let mark = url.firstIndex(of: "?") else { return url }
            let end = url[mark...].firstIndex(of: "#") ?? url.endIndex
            let pairs = url[url.index(after: mark)..<end].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
                let name = String(pair[..<equals])
                guard isCredentialField(name.removingPercentEncoding ?? name) else { return String(pair) }
                return name + "=" + reference(String(pair[pair.index(after: equals)...]), suggesting: variableName(name.removingPercentEncoding ?? name))
            }
            return String(url[...mark]) + pairs.joined(separator: "&") + url[end...]
        }

        /// A proxy URL's password (curl's `-U user:password`), as written, percent-encoding included.
        mutating func secureProxy(_ url: String) -> String {
            guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@"),
                  let colon = url[scheme.upperBound..<at].firstIndex(of: ":") else { return url }
            let password = String(url[url.index(after: colon)..<at])
            return String(url[..<url.index(after: colon)]) + reference(password, suggesting: "proxyPassword") + url[at...]
        }

        /// A field name as a variable name: `client_secret` stays, `api key` becomes `apiKey`.
        func variableName(_ field: String) -> String {
            let words = field.split { !($0.isLetter || $0.isNumber || $0 == "_") }
            let name = words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
            return Template.isName(name) ? name : "secret"
        }

        mutating func secure(_ auth: Auth) -> Auth {
            switch auth {
            case .basic(let username, let password): .basic(username: username, password: reference(password, suggesting: "password"))
            case .digest(let username, let password): .digest(username: username, password: reference(password, suggesting: "password"))
            case .bearer(let token): .bearer(token: reference(token, suggesting: "token"))
            case .apiKey(let name, let value, let location): .apiKey(name: name, value: reference(value, suggesting: "apiKey"), location: location)
            case .oauth2(let settings): .oauth2(secure(settings))
            case .awsSigV4(let settings): .awsSigV4(secure(settings))
            case .inherit, .none: auth
            }
        }

        /// The client secret, password and refresh token become secrets; ids, URLs and scope stay.
        private mutating func secure(_ settings: OAuth2Settings) -> OAuth2Settings {
            var settings = settings
            settings.clientSecret = reference(settings.clientSecret, suggesting: "clientSecret")
            settings.password = reference(settings.password, suggesting: "password")
            settings.refreshToken = reference(settings.refreshToken, suggesting: "refreshToken")
            return settings
        }

        /// The secret access key and the session token become secrets; the key id, region and service stay.
        private mutating func secure(_ settings: AWSSigV4Settings) -> AWSSigV4Settings {
            var settings = settings
            settings.secretAccessKey = reference(settings.secretAccessKey, suggesting: "awsSecretAccessKey")
            settings.sessionToken = reference(settings.sessionToken, suggesting: "awsSessionToken")
            return settings
        }

        mutating func secure(_ rows: [KeyValueRow]) -> [KeyValueRow] {
            rows.map { row in
                guard let suggestion = credentialHeaders[row.name.lowercased()] else { return row }
                var row = row
                row.value = reference(row.value, suggesting: suggestion)
                return row
            }
        }

        /// `{{name}}` of a secret holding `value`; a value that already refers to a variable
        /// stays as it is, and the same value is stored once.
        mutating func reference(_ value: String, suggesting suggestion: String) -> String {
            if value.isEmpty || value.contains("{{") { return value }
            if let existing = secrets.first(where: { $0.environment == nil && $0.value == value }) {
                return "{{\(existing.name)}}"
            }
            let name = UniqueName.first(suggestion, separator: "", notIn: taken)
            taken.insert(name)
            added.append(name)
            secrets.append(ImportedSecret(name: name, environment: nil, value: value))
            return "{{\(name)}}"
        }
    }
}
