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

    /// Adds a folder named `name` (made valid and unique) inside `parent`; returns its path.
    @discardableResult
    public mutating func addFolder(named name: String, in parent: String = "") -> String {
        var base = Self.oneLine(name)
            .replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: "\\", with: "-")
        while base.hasPrefix(".") { base.removeFirst() }
        base = base.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = "Folder" }
        let taken = Set((collection.folder(at: parent)?.groups.map { $0.name.lowercased() } ?? [])
            + (collection.folder(at: parent)?.requests.map { ($0.relativePath as NSString).lastPathComponent.lowercased() } ?? []))
        var candidate = base
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(base) \(counter)"
            counter += 1
        }
        // The name is valid and free by construction, so this cannot fail.
        return (try? collection.addFolder(named: candidate, inFolder: parent)) ?? parent
    }

    /// Adds a request to the folder at `folder`; returns its path.
    @discardableResult
    public mutating func addRequest(_ template: RequestTemplate, in folder: String = "") -> String {
        var template = template
        template.name = Self.oneLine(template.name)
        if template.name.isEmpty { template.name = "Request" }
        return (try? collection.addRequest(template, inFolder: folder)) ?? ""
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
        var imported = ImportedCollection(collection: collection, secrets: secrets, warnings: warnings)
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
