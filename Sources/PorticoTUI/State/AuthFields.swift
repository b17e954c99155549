import PorticoCore

/// One part of the request's own auth as the Auth tab lists and edits it.
enum AuthField: Hashable, Sendable {
    case username, password, token
    case keyName, keyValue, keyLocation
    case grant, tokenURL, authorizationURL, clientID, clientSecret, clientAuthentication, scope, audience
    case ownerUsername, ownerPassword, refreshToken, redirectPort
    case accessKeyID, secretAccessKey, sessionToken, region, service

    /// The parts of `auth`, in the order shown; none for inherit and none.
    static func all(in auth: Auth) -> [AuthField] {
        switch auth {
        case .inherit, .none: []
        case .basic, .digest: [.username, .password]
        case .bearer: [.token]
        case .apiKey: [.keyName, .keyValue, .keyLocation]
        case .oauth2(let settings):
            [.grant, .tokenURL] + (settings.grant == .authorizationCode ? [.authorizationURL, .redirectPort] : [])
                + [.clientID, .clientSecret, .clientAuthentication, .scope, .audience]
                + (settings.grant == .password ? [.ownerUsername, .ownerPassword] : [])
                + (settings.grant == .refreshToken ? [.refreshToken] : [])
        case .awsSigV4: [.accessKeyID, .secretAccessKey, .sessionToken, .region, .service]
        }
    }

    var label: String {
        switch self {
        case .username, .ownerUsername: "username"
        case .password, .ownerPassword: "password"
        case .token: "token"
        case .keyName: "name"
        case .keyValue: "value"
        case .keyLocation: "in"
        case .grant: "grant"
        case .tokenURL: "token URL"
        case .authorizationURL: "authorize URL"
        case .clientID: "client id"
        case .clientSecret: "client secret"
        case .clientAuthentication: "client auth"
        case .scope: "scope"
        case .audience: "audience"
        case .refreshToken: "refresh token"
        case .redirectPort: "redirect port"
        case .accessKeyID: "access key id"
        case .secretAccessKey: "secret key"
        case .sessionToken: "session token"
        case .region: "region"
        case .service: "service"
        }
    }

    /// Shown masked unless it is a `{{variable}}`: typing a secret into a file meant for git is
    /// what secret variables are for.
    var isSecret: Bool {
        [.password, .ownerPassword, .token, .keyValue, .clientSecret, .refreshToken, .secretAccessKey, .sessionToken].contains(self)
    }

    /// The values a choice takes (Enter moves to the next); nil for text.
    var choices: [String]? {
        switch self {
        case .keyLocation: APIKeyLocation.allCases.map(\.rawValue)
        case .grant: OAuth2Settings.Grant.allCases.map(\.rawValue)
        case .clientAuthentication: OAuth2Settings.ClientAuthentication.allCases.map(\.rawValue)
        default: nil
        }
    }

    func text(in auth: Auth) -> String {
        switch (self, auth) {
        case (.username, .basic(let username, _)), (.username, .digest(let username, _)): username
        case (.password, .basic(_, let password)), (.password, .digest(_, let password)): password
        case (.token, .bearer(let token)): token
        case (.keyName, .apiKey(let name, _, _)): name
        case (.keyValue, .apiKey(_, let value, _)): value
        case (.keyLocation, .apiKey(_, _, let location)): location.rawValue
        case (_, .oauth2(let settings)): oauth2Text(settings)
        case (_, .awsSigV4(let settings)): awsText(settings)
        default: ""
        }
    }

    private func oauth2Text(_ settings: OAuth2Settings) -> String {
        switch self {
        case .grant: settings.grant.rawValue
        case .tokenURL: settings.tokenURL
        case .authorizationURL: settings.authorizationURL
        case .clientID: settings.clientID
        case .clientSecret: settings.clientSecret
        case .clientAuthentication: settings.clientAuthentication.rawValue
        case .scope: settings.scope
        case .audience: settings.audience
        case .ownerUsername: settings.username
        case .ownerPassword: settings.password
        case .refreshToken: settings.refreshToken
        case .redirectPort: settings.redirectPort.map(String.init) ?? ""
        default: ""
        }
    }

    private func awsText(_ settings: AWSSigV4Settings) -> String {
        switch self {
        case .accessKeyID: settings.accessKeyID
        case .secretAccessKey: settings.secretAccessKey
        case .sessionToken: settings.sessionToken
        case .region: settings.region
        case .service: settings.service
        default: ""
        }
    }

    /// `auth` with this part set to `text`, or why it cannot be.
    func setting(_ text: String, in auth: Auth) -> Result<Auth, FieldProblem> {
        switch (self, auth) {
        case (.username, .basic(_, let password)): return .success(.basic(username: text, password: password))
        case (.password, .basic(let username, _)): return .success(.basic(username: username, password: text))
        case (.username, .digest(_, let password)): return .success(.digest(username: text, password: password))
        case (.password, .digest(let username, _)): return .success(.digest(username: username, password: text))
        case (.token, .bearer): return .success(.bearer(token: text))
        case (.keyName, .apiKey(_, let value, let location)): return .success(.apiKey(name: text, value: value, location: location))
        case (.keyValue, .apiKey(let name, _, let location)): return .success(.apiKey(name: name, value: text, location: location))
        case (.keyLocation, .apiKey(let name, let value, _)):
            guard let location = APIKeyLocation(rawValue: text) else { return .failure(FieldProblem("in is header, query or cookie")) }
            return .success(.apiKey(name: name, value: value, location: location))
        case (_, .oauth2(var settings)):
            switch self {
            case .grant:
                guard let grant = OAuth2Settings.Grant(rawValue: text) else { return .failure(FieldProblem("unknown grant \(text)")) }
                settings.grant = grant
            case .tokenURL: settings.tokenURL = text
            case .authorizationURL: settings.authorizationURL = text
            case .clientID: settings.clientID = text
            case .clientSecret: settings.clientSecret = text
            case .clientAuthentication:
                guard let value = OAuth2Settings.ClientAuthentication(rawValue: text) else { return .failure(FieldProblem("client auth is basic or body")) }
                settings.clientAuthentication = value
            case .scope: settings.scope = text
            case .audience: settings.audience = text
            case .ownerUsername: settings.username = text
            case .ownerPassword: settings.password = text
            case .refreshToken: settings.refreshToken = text
            case .redirectPort:
                if text.isEmpty {
                    settings.redirectPort = nil
                } else {
                    guard let port = Int(text), (1...65535).contains(port) else { return .failure(FieldProblem("the redirect port is a number from 1 to 65535, or empty for any free port")) }
                    settings.redirectPort = port
                }
            default: return .success(auth)
            }
            return .success(.oauth2(settings))
        case (_, .awsSigV4(var settings)):
            switch self {
            case .accessKeyID: settings.accessKeyID = text
            case .secretAccessKey: settings.secretAccessKey = text
            case .sessionToken: settings.sessionToken = text
            case .region: settings.region = text
            case .service: settings.service = text
            default: return .success(auth)
            }
            return .success(.awsSigV4(settings))
        default:
            return .success(auth)
        }
    }
}

/// The kinds `t` cycles through on the Auth tab. Basic and Digest keep the username and password
/// between them; the others start empty, since one kind's secret is not another's.
func nextAuthKind(_ auth: Auth) -> Auth {
    switch auth {
    case .inherit: .none
    case .none: .basic(username: "", password: "")
    case .basic(let username, let password): .digest(username: username, password: password)
    case .digest: .bearer(token: "")
    case .bearer: .apiKey(name: "X-API-Key", value: "", location: .header)
    case .apiKey: .oauth2(OAuth2Settings(grant: .clientCredentials, tokenURL: "", clientID: ""))
    case .oauth2: .awsSigV4(AWSSigV4Settings(accessKeyID: "", secretAccessKey: "", region: "us-east-1", service: ""))
    case .awsSigV4: .inherit
    }
}

func authKindName(_ auth: Auth) -> String {
    switch auth {
    case .inherit: "inherit"
    case .none: "none"
    case .basic: "Basic"
    case .digest: "Digest"
    case .bearer: "Bearer"
    case .apiKey: "API key"
    case .oauth2: "OAuth 2.0"
    case .awsSigV4: "AWS Signature V4"
    }
}

/// The Auth tab's keys: t changes the kind, j/k choose a part, Enter edits it (or moves a choice on).
func runAuthTab(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard state.requestTab == .auth else { return nil }
    let fields = AuthField.all(in: state.draft.auth)
    switch command {
    case .bodyType:
        state.draft.auth = nextAuthKind(state.draft.auth)
        state.tableSelection = 0
        state.message = "auth: \(authKindName(state.draft.auth))"
    case .down:
        moveSelection(&state.tableSelection, 1, count: fields.count)
    case .up:
        moveSelection(&state.tableSelection, -1, count: fields.count)
    case .editValue:
        guard fields.indices.contains(state.tableSelection) else {
            state.message = "\(state.keymap.label(for: .bodyType)) gives the request auth of its own"
            return []
        }
        let field = fields[state.tableSelection]
        if let choices = field.choices {
            let current = field.text(in: state.draft.auth)
            let next = choices[((choices.firstIndex(of: current) ?? -1) + 1) % choices.count]
            if case .success(let auth) = field.setting(next, in: state.draft.auth) { state.draft.auth = auth }
            // A grant brings its own parts: keep the selection on the grant.
            moveSelection(&state.tableSelection, 0, count: AuthField.all(in: state.draft.auth).count)
        } else {
            state.mode = .editingCell(row: state.tableSelection, column: 1, LineEditor(field.text(in: state.draft.auth)))
        }
    default:
        return nil
    }
    return []
}

/// Keys while an auth part is being typed: Enter keeps it when it fits, Esc drops it.
func handleAuthFieldKey(_ state: inout AppState, row: Int, _ editor: LineEditor, _ key: KeyEvent) -> [Effect] {
    handleFieldEditorKey(&state, row: row, column: 1, editor, key) { state, text in
        let fields = AuthField.all(in: state.draft.auth)
        guard fields.indices.contains(row) else { return .success(()) }
        return fields[row].setting(text, in: state.draft.auth).map { state.draft.auth = $0 }
    }
}
