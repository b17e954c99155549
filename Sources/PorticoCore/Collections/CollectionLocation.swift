import Foundation

/// Where a collection lives: a folder with a `portico.yaml`, or a single `.http`/`.rest` file.
/// Whatever names a collection (the explorer's argument, a history record, `send`) goes through
/// here, so both kinds open, save and resolve relative paths the same way.
public enum CollectionLocation {
    /// True if `url` is a collection folder or an existing `.http`/`.rest` file.
    public static func isCollection(_ url: URL) -> Bool {
        if HTTPFileStore.isHTTPFile(url) { return FileManager.default.fileExists(atPath: url.path) }
        return CollectionStore.isCollection(url)
    }

    public static func load(_ url: URL) throws(PorticoError) -> LoadedCollection {
        guard HTTPFileStore.isHTTPFile(url) else { return try CollectionStore.load(url) }
        let (collection, document) = try HTTPFileStore.load(url)
        let diagnostics = document.warnings.map { warning in
            CollectionDiagnostic(path: url.path, line: Int(warning.location.dropFirst("line ".count)) ?? 0, message: warning.message, severity: .warning)
        }
        return LoadedCollection(folder: url.standardizedFileURL, collection: collection, diagnostics: diagnostics)
    }

    /// Saves the changes from `baseline` to `collection`. A `.http` file is read again and comes
    /// back (its request ids follow its names and positions); a folder returns nil: `collection`
    /// is what it now holds.
    public static func save(_ collection: Collection, to url: URL, baseline: Collection) throws(PorticoError) -> Collection? {
        if HTTPFileStore.isHTTPFile(url) {
            return try HTTPFileStore.save(collection, baseline: baseline, to: url)
        }
        try CollectionStore.save(collection, to: url, baseline: baseline)
        return nil
    }

    /// The folder a request's relative file paths (body files, multipart files) start from.
    public static func baseDirectory(of url: URL, requestPath: String) -> URL {
        if HTTPFileStore.isHTTPFile(url) { return url.deletingLastPathComponent() }
        return url.appendingPathComponent(requestPath).deletingLastPathComponent()
    }

    /// The folder that holds the collection's files.
    public static func folder(of url: URL) -> URL {
        HTTPFileStore.isHTTPFile(url) ? url.deletingLastPathComponent() : url
    }
}
