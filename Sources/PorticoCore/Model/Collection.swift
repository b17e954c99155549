/// A folder of requests a team keeps in git, with what its requests share.
public struct Collection: Hashable, Sendable {
    /// Stable identity, used to find the collection's secrets and history wherever the folder moves.
    public var id: String
    public var name: String
    public var description: String?
    public var variables: [Variable]
    public var headers: [KeyValueRow]
    public var auth: Auth
    public var environments: [Environment]
    /// The tree of requests; folders on disk are groups here.
    public var root: RequestGroup
    /// Whether and how its exchanges are recorded (`history:` in portico.yaml).
    public var history = HistorySettings()
    /// Transport, proxy and TLS settings its requests share (`options:` in portico.yaml).
    public var connection = ConnectionOptions()

    public init(
        id: String = RequestTemplate.newID(),
        name: String,
        description: String? = nil,
        variables: [Variable] = [],
        headers: [KeyValueRow] = [],
        auth: Auth = .none,
        environments: [Environment] = [],
        root: RequestGroup = RequestGroup(name: "")
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.variables = variables
        self.headers = headers
        self.auth = auth
        self.environments = environments
        self.root = root
    }

    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }

    /// Every request with its path relative to the collection folder, depth first.
    public var allRequests: [StoredRequest] { root.allRequests }

    /// The auth a request that inherits gets, and where it comes from: the nearest enclosing
    /// folder with auth of its own (its path), else the collection's (nil). The request is found by
    /// its id, so an edited draft of a saved request inherits as the saved one does.
    public func inheritedAuth(for template: RequestTemplate) -> (auth: Auth, folder: String?) {
        guard let path = allRequests.first(where: { $0.template.id == template.id })?.relativePath else { return (auth, nil) }
        return inheritedAuth(atPath: path)
    }

    /// The same for the request saved at `path`, found by walking its folders only.
    public func inheritedAuth(atPath path: String) -> (auth: Auth, folder: String?) {
        var group = root
        var found: (auth: Auth, folder: String?) = (auth, nil)
        var folderPath = ""
        for name in Self.pathComponents(path).dropLast() {
            guard let child = group.groups.first(where: { $0.name == name }) else { break }
            group = child
            folderPath = Self.join(folderPath, name)
            if group.auth != .inherit { found = (group.auth, folderPath) }
        }
        return found
    }

    /// The auth `template` is sent with: its own, or what it inherits.
    public func effectiveAuth(of template: RequestTemplate) -> Auth {
        template.auth == .inherit ? inheritedAuth(for: template).auth : template.auth
    }
}

/// A group of requests: a sub-folder of the collection.
public struct RequestGroup: Hashable, Sendable {
    /// The folder name; empty for the collection root.
    public var name: String
    /// Auth for the requests inside that inherit (`auth:` in the folder's `_folder.yaml`);
    /// `.inherit`: the enclosing folder's, up to the collection's.
    public var auth: Auth = .inherit
    public var groups: [RequestGroup]
    public var requests: [StoredRequest]

    public init(name: String, groups: [RequestGroup] = [], requests: [StoredRequest] = []) {
        self.name = name
        self.groups = groups
        self.requests = requests
    }

    var allRequests: [StoredRequest] {
        requests + groups.flatMap(\.allRequests)
    }

    /// Changes every request of the folder and its sub-folders.
    public mutating func updateRequests(_ change: (inout RequestTemplate) -> Void) {
        for index in requests.indices { change(&requests[index].template) }
        for index in groups.indices { groups[index].updateRequests(change) }
    }

    /// How many requests the folder holds, sub-folders included.
    public var allRequestCount: Int {
        requests.count + groups.reduce(0) { $0 + $1.allRequestCount }
    }
}

/// A request together with the file it lives in, relative to the collection folder.
public struct StoredRequest: Hashable, Sendable {
    public var relativePath: String
    public var template: RequestTemplate

    public init(relativePath: String, template: RequestTemplate) {
        self.relativePath = relativePath
        self.template = template
    }
}

/// A collection's history settings: whether to record at all, and which header or query values to
/// redact beyond the defaults (`redact`) or to keep although they are redacted by default (`keep`).
public struct HistorySettings: Hashable, Sendable {
    public var record = true
    public var redact: [String] = []
    public var keep: [String] = []

    public init(record: Bool = true, redact: [String] = [], keep: [String] = []) {
        self.record = record
        self.redact = redact
        self.keep = keep
    }
}
