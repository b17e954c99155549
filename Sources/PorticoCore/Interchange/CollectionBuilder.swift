import Foundation

/// Builds an imported collection one folder and request at a time. Names from other tools may
/// hold anything (slashes, newlines, duplicates); the builder turns them into folder and file
/// names that are valid and unique, so importers only translate.
public struct CollectionBuilder: Sendable {
    public private(set) var collection: Collection
    public private(set) var secrets: [ImportedSecret] = []
    public private(set) var warnings: [ImportWarning] = []

    public init(name: String) {
        collection = Collection(name: Self.oneLine(name).isEmpty ? "Imported" : Self.oneLine(name))
    }

    public mutating func update(_ change: (inout Collection) -> Void) {
        change(&collection)
    }

    public mutating func warn(_ location: String, _ message: String) {
        warnings.append(ImportWarning(location, message))
    }

    /// The method another tool wrote, or GET with a warning when it is not a valid method.
    public mutating func method(_ text: String?, at location: String) -> HTTPMethod {
        let text = text ?? "GET"
        do { return try HTTPMethod(text) } catch {
            warn(location, "method '\(text)' is not a valid HTTP method; imported as GET")
            return .get
        }
    }

    /// Adds a folder named `name` (made valid and unique) inside `parent`; returns its path.
    @discardableResult
    public mutating func addFolder(named name: String, in parent: String = "") -> String {
        var base = Self.oneLine(name)
            .replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: "\\", with: "-")
        while base.hasPrefix(".") { base.removeFirst() }
        base = base.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = "Folder" }
        let candidate = UniqueName.first(base, separator: " ", notIn: taken[parent, default: []], comparingLowercased: true)
        guard inGroup(parent, { $0.groups.append(RequestGroup(name: candidate)) }) else { return parent }
        taken[parent, default: []].insert(candidate.lowercased())
        return parent.isEmpty ? candidate : "\(parent)/\(candidate)"
    }

    /// Sets the auth the requests in the folder at `folder` inherit (written to its `_folder.yaml`).
    public mutating func setFolderAuth(_ auth: Auth, at folder: String) {
        _ = inGroup(folder) { $0.auth = auth }
    }

    /// Adds a request to the folder at `folder`; returns its path.
    @discardableResult
    public mutating func addRequest(_ template: RequestTemplate, in folder: String = "") -> String {
        var template = template
        template.name = Self.oneLine(template.name)
        if template.name.isEmpty { template.name = "Request" }
        let file = CollectionStore.fileName(for: template.name, existing: taken[folder, default: []])
        let path = folder.isEmpty ? file : "\(folder)/\(file)"
        guard inGroup(folder, { $0.requests.append(StoredRequest(relativePath: path, template: template)) }) else { return "" }
        taken[folder, default: []].insert(file)
        return path
    }

    /// Names taken in each folder, lower-cased (file systems may ignore case). Kept here rather
    /// than asked of the collection, and the tree sorted once in `finish`, so that adding stays
    /// cheap: a spec with thousands of operations in one folder imports in seconds.
    private var taken: [String: Set<String>] = ["": [CollectionStore.collectionFileName]]

    private mutating func inGroup(_ path: String, _ change: (inout RequestGroup) -> Void) -> Bool {
        func descend(_ group: inout RequestGroup, _ names: ArraySlice<String>) -> Bool {
            guard let name = names.first else {
                change(&group)
                return true
            }
            guard let index = group.groups.firstIndex(where: { $0.name == name }) else { return false }
            return descend(&group.groups[index], names.dropFirst())
        }
        return descend(&collection.root, Collection.pathComponents(path)[...])
    }

    /// The order a collection loaded from disk has.
    private static func sort(_ group: inout RequestGroup) {
        group.requests = group.requests
            .map { (request: $0, key: ($0.relativePath as NSString).lastPathComponent.lowercased()) }
            .sorted { $0.key < $1.key }.map(\.request)
        group.groups.sort { $0.name.lowercased() < $1.name.lowercased() }
        for index in group.groups.indices { sort(&group.groups[index]) }
    }

    /// Adds a variable holding `value` to the collection (`environment` nil) or to an environment,
    /// which is created if missing. A secret's value goes to `secrets`, not into the files.
    public mutating func addVariable(_ name: String, _ value: String, isSecret: Bool = false, environment: String? = nil) {
        let variable = Variable(name, isSecret ? nil : value, isSecret: isSecret)
        if let environment {
            if let index = collection.environments.firstIndex(where: { $0.name == environment }) {
                collection.environments[index].variables.removeAll { $0.name == name }
                collection.environments[index].variables.append(variable)
            } else {
                collection.environments.append(Environment(name: environment, variables: [variable]))
            }
        } else {
            collection.variables.removeAll { $0.name == name }
            collection.variables.append(variable)
        }
        secrets.removeAll { $0.name == name && $0.environment == environment }
        if isSecret { secrets.append(ImportedSecret(name: name, environment: environment, value: value)) }
    }

    /// The collection, with every credential written in clear moved into a secret variable.
    public func finish() -> ImportedCollection {
        var sorted = collection
        Self.sort(&sorted.root)
        var imported = ImportedCollection(collection: sorted, secrets: secrets, warnings: warnings)
        ImportedCredentials.moveToSecrets(&imported)
        return imported
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline }).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}

extension Collection {
    /// Adds an imported request to this collection, its credentials written in clear moved into
    /// new secret variables; returns its path and the secret values to store.
    public mutating func addImportedRequest(_ template: RequestTemplate, inFolder folder: String, avoiding: Set<String> = []) throws(PorticoError) -> (path: String, secrets: [ImportedSecret]) {
        let (secured, secrets) = ImportedCredentials.moveToSecrets(template, joining: &self)
        return (try addRequest(secured, inFolder: folder, avoiding: avoiding), secrets)
    }
}
