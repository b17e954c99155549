/// Credentials that other tools keep in clear (Postman auth, a curl `-u`, an Authorization
/// header in a HAR) must not reach files meant for git: each becomes a secret variable whose
/// value goes to the secret store, and the request refers to it by `{{name}}`.
enum ImportedCredentials {
    /// Headers whose values are credentials.
    static let credentialHeaders: [String: String] = [
        "authorization": "authorization", "proxy-authorization": "proxyAuthorization", "cookie": "cookie",
    ]

    static func moveToSecrets(_ imported: inout ImportedCollection) {
        var mover = Mover(secrets: imported.secrets, taken: Set(imported.collection.variables.map(\.name)))
        imported.collection.auth = mover.secure(imported.collection.auth)
        imported.collection.headers = mover.secure(imported.collection.headers)
        mover.secure(&imported.collection.root)
        for name in mover.added {
            imported.collection.variables.append(Variable(name, nil, isSecret: true))
        }
        imported.secrets = mover.secrets
    }

    /// `template`, to be added to `collection`, with its credentials moved into new secret
    /// variables of `collection`; the values to store come back with it.
    static func moveToSecrets(_ template: RequestTemplate, joining collection: inout Collection) -> (RequestTemplate, [ImportedSecret]) {
        let names = collection.variables.map(\.name) + collection.environments.flatMap { $0.variables.map(\.name) }
        var mover = Mover(secrets: [], taken: Set(names))
        var template = template
        template.auth = mover.secure(template.auth)
        template.headers = mover.secure(template.headers)
        for name in mover.added { collection.variables.append(Variable(name, nil, isSecret: true)) }
        return (template, mover.secrets)
    }

    private struct Mover {
        var secrets: [ImportedSecret]
        var taken: Set<String>
        var added: [String] = []

        mutating func secure(_ group: inout RequestGroup) {
            for index in group.requests.indices {
                group.requests[index].template.auth = secure(group.requests[index].template.auth)
                group.requests[index].template.headers = secure(group.requests[index].template.headers)
            }
            for index in group.groups.indices { secure(&group.groups[index]) }
        }

        mutating func secure(_ auth: Auth) -> Auth {
            switch auth {
            case .basic(let username, let password): .basic(username: username, password: reference(password, suggesting: "password"))
            case .bearer(let token): .bearer(token: reference(token, suggesting: "token"))
            case .apiKey(let name, let value, let location): .apiKey(name: name, value: reference(value, suggesting: "apiKey"), location: location)
            case .inherit, .none: auth
            }
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
