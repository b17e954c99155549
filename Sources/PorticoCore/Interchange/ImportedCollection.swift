import Foundation

/// What an importer made of another tool's file: a whole collection, the secret values that
/// must not go into its files, and everything it could not carry over.
public struct ImportedCollection: Sendable {
    public var collection: Collection
    /// Values of the collection's and its environments' secret variables, stored in the user's
    /// secret store when the collection is written (never in the collection's files).
    public var secrets: [ImportedSecret]
    public var warnings: [ImportWarning]

    public init(collection: Collection, secrets: [ImportedSecret] = [], warnings: [ImportWarning] = []) {
        self.collection = collection
        self.secrets = secrets
        self.warnings = warnings
    }

    /// One line for the user: how much came in.
    public var summary: String {
        let requests = collection.root.allRequestCount
        let folders = collection.folderPaths.count - 1
        let environments = collection.environments.count
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var parts = [count(requests, "request"), count(folders, "folder"), count(environments, "environment")]
        if !secrets.isEmpty { parts.append(count(secrets.count, "secret") + " (kept in the secret store)") }
        parts.append(count(warnings.count, "warning"))
        return parts.joined(separator: ", ")
    }
}

/// A secret variable's value found in an imported file.
public struct ImportedSecret: Hashable, Sendable {
    public var name: String
    /// Nil for a collection variable.
    public var environment: String?
    public var value: String

    public init(name: String, environment: String?, value: String) {
        self.name = name
        self.environment = environment
        self.value = value
    }
}

/// Something in an imported file that was not carried over as it was, with where it is.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    /// Where in the source: `line 12`, or a path such as `item[3].request.auth`.
    public var location: String
    public var message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
