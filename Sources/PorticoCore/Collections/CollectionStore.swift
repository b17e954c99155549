import Foundation

/// A problem found while loading a collection, shown as `path:line: message`.
public struct CollectionDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// The file was skipped.
        case error
        /// The file loaded, but something in it was ignored.
        case warning
    }

    public var path: String
    public var line: Int
    public var message: String
    public var severity: Severity

    public var description: String {
        line > 0 ? "\(path):\(line): \(severity.rawValue): \(message)" : "\(path): \(severity.rawValue): \(message)"
    }
}

/// A collection read from its folder, with everything that was wrong in it.
public struct LoadedCollection: Sendable {
    public var folder: URL
    public var collection: Collection
    public var diagnostics: [CollectionDiagnostic]

    public func request(atRelativePath path: String) -> StoredRequest? {
        collection.allRequests.first { $0.relativePath == path }
    }
}

/// Reads and writes collection folders: `portico.yaml` at the root, one request per YAML file,
/// sub-folders as groups (see docs/collection-format.md).
public enum CollectionStore {
    public static let collectionFileName = CollectionFileFormat.fileName

    /// True if `folder` holds a collection file.
    public static func isCollection(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(collectionFileName).path)
    }

    /// The collection folder that holds `file`: the nearest folder above it with a `portico.yaml`.
    public static func folder(containing file: URL) -> URL? {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while true {
            if isCollection(folder) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Loads every file it can; a broken file becomes a diagnostic and the rest still loads.
    /// Temporary files of saves that a crash interrupted are removed on the way.
    public static func load(_ folder: URL) throws(PorticoError) -> LoadedCollection {
        let folder = folder.standardizedFileURL
        let collectionFile = folder.appendingPathComponent(collectionFileName)
        guard FileManager.default.fileExists(atPath: collectionFile.path) else {
            throw .input("\(folder.path) is not a Portico collection: it has no \(collectionFileName)")
        }
        var diagnostics: [CollectionDiagnostic] = []
        var collection = Collection(id: "", name: folder.lastPathComponent)
        do {
            let (settings, warnings) = try CollectionFileFormat.decode(try FolderReading.text(collectionFile.path), defaultName: folder.lastPathComponent)
            collection = settings
            diagnostics += warnings.map { CollectionDiagnostic(path: collectionFile.path, line: $0.line, message: $0.message, severity: .warning) }
        } catch {
            diagnostics.append(CollectionDiagnostic(path: collectionFile.path, line: error.line, message: error.message, severity: .error))
        }
        collection.root = loadGroup(folder, relativePath: "", name: "", diagnostics: &diagnostics)

        var seen: [String: String] = [:]
        for request in collection.allRequests {
            if let other = seen[request.template.id] {
                diagnostics.append(CollectionDiagnostic(path: folder.appendingPathComponent(request.relativePath).path, line: 0, message: "id '\(request.template.id)' is also used by \(other); give each request its own id or their history mixes", severity: .warning))
            } else {
                seen[request.template.id] = request.relativePath
            }
        }
        return LoadedCollection(folder: folder, collection: collection, diagnostics: diagnostics)
    }

    /// The tree is walked first (cheap), then the request files are parsed on every core at
    /// once: parsing is nearly all the time it takes to open a large collection.
    private static func loadGroup(_ directory: URL, relativePath: String, name: String, diagnostics: inout [CollectionDiagnostic]) -> RequestGroup {
        var files: [(path: String, relative: String)] = []
        var group = walk(directory.path, relativePath: relativePath, name: name, files: &files, diagnostics: &diagnostics)
        let results = LoadResults(count: files.count)
        let toRead = files
        DispatchQueue.concurrentPerform(iterations: toRead.count) { index in
            let (path, relative) = toRead[index]
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            do throws(FileProblem) {
                let template = try RequestFileFormat.decode(try FolderReading.text(path), defaultName: stem)
                results.set(index, .success(StoredRequest(relativePath: relative, template: template)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var loaded: [String: StoredRequest] = [:]
        for (index, file) in files.enumerated() {
            switch results.get(index) {
            case .success(let request): loaded[file.relative] = request
            case .failure(let error): diagnostics.append(CollectionDiagnostic(path: file.path, line: error.line, message: error.message, severity: .error))
            }
        }
        fill(&group, with: loaded)
        return group
    }

    /// The folders as groups and the request files to read, in the order a listing shows them.
    private static func walk(_ directory: String, relativePath: String, name: String, files: inout [(path: String, relative: String)], diagnostics: inout [CollectionDiagnostic]) -> RequestGroup {
        var group = RequestGroup(name: name)
        let listing = FolderReading.entries(directory)
        for bad in listing.notUTF8 where !bad.hasPrefix(".") {
            diagnostics.append(CollectionDiagnostic(path: directory + "/" + bad, line: 0, message: "the name is not UTF-8, so Portico cannot open it; rename it", severity: .warning))
        }
        // A save killed before its rename left its temporary file: the load after it tidies up.
        for entry in listing.entries where !entry.isFolder && AtomicFile.isAbandonedTemporary(entry.name) {
            unlink(directory + "/" + entry.name)
        }
        let entries = listing.entries
            .filter { !$0.name.hasPrefix(".") }
            .map { (entry: $0, key: $0.name.lowercased()) }
            .sorted { $0.key < $1.key }
            .map(\.entry)
        for entry in entries {
            let path = directory + "/" + entry.name
            let relative = relativePath.isEmpty ? entry.name : relativePath + "/" + entry.name
            if entry.isFolder {
                // Empty folders stay: one just made in the explorer is waiting for its first request.
                group.groups.append(walk(path, relativePath: relative, name: entry.name, files: &files, diagnostics: &diagnostics))
                continue
            }
            if entry.name == FolderFileFormat.fileName, !relativePath.isEmpty {
                do throws(FileProblem) {
                    group.auth = try FolderFileFormat.decode(try FolderReading.text(path))
                } catch {
                    diagnostics.append(CollectionDiagnostic(path: path, line: error.line, message: error.message, severity: .error))
                }
                continue
            }
            guard entry.name.hasSuffix(".yaml") || entry.name.hasSuffix(".yml"), relative != collectionFileName else { continue }
            // A placeholder keeps the listing order; `fill` puts the parsed request in its place.
            group.requests.append(StoredRequest(relativePath: relative, template: RequestTemplate(id: "", name: "", url: "")))
            files.append((path, relative))
        }
        return group
    }

    private static func fill(_ group: inout RequestGroup, with loaded: [String: StoredRequest]) {
        group.requests = group.requests.compactMap { loaded[$0.relativePath] }
        for index in group.groups.indices { fill(&group.groups[index], with: loaded) }
    }

    /// Saves `collection` into `folder`. Files whose content did not change are not touched, so a
    /// save leaves git clean and keeps hand-made formatting; requests present in `baseline` but gone
    /// from `collection` are removed. Returns the relative paths written or removed.
    @discardableResult
    public static func save(_ collection: Collection, to folder: URL, baseline: Collection? = nil) throws(PorticoError) -> [String] {
        let before = Dictionary((baseline?.allRequests ?? []).map { ($0.relativePath, $0.template) }, uniquingKeysWith: { first, _ in first })
        // A file the baseline never held (one that failed to load, or was added since) is
        // somebody's work: never overwrite it. Checked before anything is written, so a refused
        // save leaves the folder as it was.
        for request in collection.allRequests where before[request.relativePath] == nil {
            if baseline != nil, FileManager.default.fileExists(atPath: folder.appendingPathComponent(request.relativePath).path) {
                throw .input("\(request.relativePath) already exists and is not part of the loaded collection (did it fail to load?); choose another name")
            }
            // The loader never follows a link to a folder; nor may a save, or it would write
            // outside the collection (and the files would be gone from it on the next start).
            var path = folder.path
            for component in Collection.pathComponents(Collection.parentPath(of: request.relativePath)) {
                path += "/" + component
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                    throw .input("\(path) is not a folder (a link or a file is there); choose another name")
                }
            }
        }
        try AtomicFile.makeFolder(folder)
        var changed: [String] = []
        var settings = collection
        settings.root = RequestGroup(name: "")
        var baselineSettings = baseline
        baselineSettings?.root = RequestGroup(name: "")
        if settings != baselineSettings || !isCollection(folder) {
            if try writeIfDifferent(try encode { try CollectionFileFormat.encode(collection) }, to: folder.appendingPathComponent(collectionFileName)) {
                changed.append(collectionFileName)
            }
        }
        for request in collection.allRequests {
            if before[request.relativePath] == request.template { continue }
            let url = folder.appendingPathComponent(request.relativePath)
            try AtomicFile.makeFolder(url.deletingLastPathComponent())
            if try writeIfDifferent(try encode { try RequestFileFormat.encode(request.template) }, to: url) {
                changed.append(request.relativePath)
            }
        }
        for path in collection.folderPaths where !path.isEmpty {
            try AtomicFile.makeFolder(folder.appendingPathComponent(path))
            // A folder's own auth lives in its _folder.yaml, written only when it changed.
            let auth = collection.folder(at: path)?.auth ?? .inherit
            let file = folder.appendingPathComponent(path).appendingPathComponent(FolderFileFormat.fileName)
            if baseline != nil, baseline?.folder(at: path)?.auth == auth { continue }
            if auth == .inherit {
                if FileManager.default.fileExists(atPath: file.path) {
                    do { try FileManager.default.removeItem(at: file) } catch { throw .input("cannot remove \(file.path): \(FileErrors.reason(error))") }
                    changed.append(Collection.join(path, FolderFileFormat.fileName))
                }
            } else if try writeIfDifferent(try encode { try FolderFileFormat.encode(auth) }, to: file) {
                changed.append(Collection.join(path, FolderFileFormat.fileName))
            }
        }
        let kept = Set(collection.allRequests.map(\.relativePath))
        for path in before.keys.sorted() where !kept.contains(path) {
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path) {
                do { try FileManager.default.removeItem(at: url) } catch {
                    throw .input("cannot remove \(url.path): \(FileErrors.reason(error))")
                }
                changed.append(path)
            }
        }
        // Folders renamed, moved or deleted go too, deepest first; one still holding files the
        // collection does not know (notes, scripts) is left alone.
        let keptFolders = Set(collection.folderPaths)
        for path in (baseline?.folderPaths ?? []).reversed() where !keptFolders.contains(path) {
            let url = folder.appendingPathComponent(path)
            // Its settings went with it (a renamed folder's were written at its new place).
            if baseline?.folder(at: path)?.auth != .inherit {
                try? FileManager.default.removeItem(at: url.appendingPathComponent(FolderFileFormat.fileName))
            }
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url)
                changed.append(path + "/")
            }
        }
        return changed
    }

    private static func encode(_ body: () throws -> String) throws(PorticoError) -> Data {
        do { return Data(try body().utf8) } catch { throw .input("cannot write YAML: \(error)") }
    }

    private static func writeIfDifferent(_ data: Data, to url: URL) throws(PorticoError) -> Bool {
        if let existing = try? Data(contentsOf: url), existing == data { return false }
        try AtomicFile.write(data, to: url)
        return true
    }

    /// `name` in lower case, ASCII letters and digits with single dashes between; "request" when
    /// nothing is left.
    public static func slug(_ name: String) -> String {
        let slug = name.lowercased().unicodeScalars
            .map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "-" }
            .joined()
            .split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "request" : slug
    }

    /// A file name for a new request: its name's slug, made unique in `folder`.
    public static func fileName(for name: String, existing: Set<String>) -> String {
        let base = slug(name)
        var candidate = base + ".yaml"
        var counter = 2
        while existing.contains(candidate) {
            candidate = "\(base)-\(counter).yaml"
            counter += 1
        }
        return candidate
    }
}

extension CollectionStore {
    /// The text of a request file for `template`, as `save` writes it.
    public static func requestFileText(_ template: RequestTemplate) throws(PorticoError) -> String {
        do { return try RequestFileFormat.encode(template) } catch {
            throw .input("cannot write the request '\(template.name)': \(error)")
        }
    }

    /// Reads one request file on its own (outside any collection); named by the user, so it may be
    /// a pipe (`portico send <(…)`).
    public static func loadRequestFile(_ url: URL) throws(PorticoError) -> RequestTemplate {
        do {
            return try RequestFileFormat.decode(try FolderReading.text(url.path, allowingPipes: true), defaultName: (url.lastPathComponent as NSString).deletingPathExtension)
        } catch {
            throw .input(error.line > 0 ? "\(url.path):\(error.line): \(error.message)" : "\(url.path): \(error.message)")
        }
    }
}

/// Parse results written by concurrent workers, each to its own slot.
private final class LoadResults: @unchecked Sendable {
    private var slots: [Result<StoredRequest, FileProblem>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<StoredRequest, FileProblem>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func get(_ index: Int) -> Result<StoredRequest, FileProblem> {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]!
    }
}
