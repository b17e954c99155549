import Foundation

/// Changes to the shape of a collection: adding, renaming, duplicating, moving and removing
/// requests and folders. Only the model changes here; `CollectionStore.save` with the old
/// collection as baseline then writes, renames and removes exactly the files involved. Request
/// ids never change, so history stays attached through renames and moves.
extension Collection {
    public func request(at path: String) -> StoredRequest? {
        allRequests.first { $0.relativePath == path }
    }

    /// The folder at `path` ("" is the collection itself).
    public func folder(at path: String) -> RequestGroup? {
        var group = root
        for name in Self.pathComponents(path) {
            guard let child = group.groups.first(where: { $0.name == name }) else { return nil }
            group = child
        }
        return group
    }

    /// Every folder path, parents before children, the root ("") first.
    public var folderPaths: [String] {
        func walk(_ group: RequestGroup, _ path: String) -> [String] {
            [path] + group.groups.flatMap { walk($0, Self.join(path, $0.name)) }
        }
        return walk(root, "")
    }

    /// Adds a request to the folder at `folderPath`, in a file named after it and not among
    /// `avoiding` (names of files there that the collection did not load); returns its path.
    @discardableResult
    public mutating func addRequest(_ template: RequestTemplate, inFolder folderPath: String, avoiding: Set<String> = []) throws(PorticoError) -> String {
        let path = try newRequestPath(for: template.name, inFolder: folderPath, avoiding: avoiding)
        try update(folderPath) { $0.requests.append(StoredRequest(relativePath: path, template: template)) }
        return path
    }

    /// Puts `template` in place of the request saved at `path`, file name unchanged.
    public mutating func replaceRequest(at path: String, with template: RequestTemplate) throws(PorticoError) {
        guard request(at: path) != nil else { throw .input("no request at \(path)") }
        try update(Self.parentPath(of: path)) { group in
            if let index = group.requests.firstIndex(where: { $0.relativePath == path }) { group.requests[index].template = template }
        }
    }

    /// Renames a request and its file (the file follows the name); returns the new path.
    @discardableResult
    public mutating func renameRequest(at path: String, to name: String) throws(PorticoError) -> String {
        let name = try Self.validRequestName(name)
        guard var stored = request(at: path) else { throw .input("no request at \(path)") }
        // Same name: a hand-named file keeps its name rather than being renamed to the slug.
        if name == stored.template.name { return path }
        let folderPath = Self.parentPath(of: path)
        try removeRequest(at: path)
        stored.template.name = name
        let newPath = try newRequestPath(for: name, inFolder: folderPath)
        stored.relativePath = newPath
        try update(folderPath) { $0.requests.append(stored) }
        return newPath
    }

    /// A copy of a request beside it, with its own id and "copy" in its name; returns its path.
    @discardableResult
    public mutating func duplicateRequest(at path: String, id: String = RequestTemplate.newID()) throws(PorticoError) -> String {
        guard var copy = request(at: path)?.template else { throw .input("no request at \(path)") }
        copy.id = id
        copy.name += " copy"
        return try addRequest(copy, inFolder: Self.parentPath(of: path))
    }

    /// Moves a request into another folder; returns its new path.
    @discardableResult
    public mutating func moveRequest(at path: String, toFolder folderPath: String) throws(PorticoError) -> String {
        guard let stored = request(at: path) else { throw .input("no request at \(path)") }
        guard folder(at: folderPath) != nil else { throw .input("no folder \(folderPath)") }
        if Self.parentPath(of: path) == folderPath { return path }
        try removeRequest(at: path)
        // The file keeps its name (it may have been chosen by hand) unless the folder has one.
        let fileName = (path as NSString).lastPathComponent
        guard let target = folder(at: folderPath) else { throw .input("no folder \(folderPath)") }
        let taken = Set(target.requests.map { ($0.relativePath as NSString).lastPathComponent.lowercased() } + target.groups.map { $0.name.lowercased() }
            + (folderPath.isEmpty ? [CollectionStore.collectionFileName] : []))
        guard !taken.contains(fileName.lowercased()) else { return try addRequest(stored.template, inFolder: folderPath) }
        let newPath = Self.join(folderPath, fileName)
        try update(folderPath) { $0.requests.append(StoredRequest(relativePath: newPath, template: stored.template)) }
        return newPath
    }

    public mutating func removeRequest(at path: String) throws(PorticoError) {
        guard request(at: path) != nil else { throw .input("no request at \(path)") }
        try update(Self.parentPath(of: path)) { $0.requests.removeAll { $0.relativePath == path } }
    }

    /// Adds an empty folder; returns its path.
    @discardableResult
    public mutating func addFolder(named name: String, inFolder parentPath: String) throws(PorticoError) -> String {
        let name = try validFolderName(name, in: parentPath)
        try update(parentPath) { $0.groups.append(RequestGroup(name: name)) }
        return Self.join(parentPath, name)
    }

    /// Renames a folder; every request inside moves with it. Returns the new path.
    @discardableResult
    public mutating func renameFolder(at path: String, to name: String) throws(PorticoError) -> String {
        guard !path.isEmpty, var group = folder(at: path) else { throw .input("no folder \(path)") }
        let parentPath = Self.parentPath(of: path)
        if name == group.name { return path }
        if name.trimmingCharacters(in: .whitespaces).lowercased() == group.name.lowercased() {
            // On a case-insensitive file system (macOS) the new folder is the old one, and removing
            // the old files afterwards would delete what was just written.
            throw .input("a folder's name cannot change only in case (it would lose files on macOS); rename it to another name first")
        }
        let name = try validFolderName(name, in: parentPath)
        try removeFolder(at: path)
        group.name = name
        let newPath = Self.join(parentPath, name)
        Self.rebase(&group, to: newPath)
        try update(parentPath) { $0.groups.append(group) }
        return newPath
    }

    /// Moves a folder (with everything in it) into another one; returns its new path.
    @discardableResult
    public mutating func moveFolder(at path: String, toFolder parentPath: String) throws(PorticoError) -> String {
        guard !path.isEmpty, var group = folder(at: path) else { throw .input("no folder \(path)") }
        if parentPath == path || parentPath.hasPrefix(path + "/") { throw .input("a folder cannot move into itself") }
        guard folder(at: parentPath) != nil else { throw .input("no folder \(parentPath)") }
        if Self.parentPath(of: path) == parentPath { return path }
        _ = try validFolderName(group.name, in: parentPath)
        try removeFolder(at: path)
        let newPath = Self.join(parentPath, group.name)
        Self.rebase(&group, to: newPath)
        try update(parentPath) { $0.groups.append(group) }
        return newPath
    }

    /// Sets the auth the requests in the folder at `path` inherit (`.inherit`: its parent's).
    public mutating func setFolderAuth(_ auth: Auth, at path: String) throws(PorticoError) {
        guard !path.isEmpty, folder(at: path) != nil else { throw .input("no folder \(path); the collection's own auth is in portico.yaml") }
        try update(path) { $0.auth = auth }
    }

    /// Removes a folder and every request in it.
    public mutating func removeFolder(at path: String) throws(PorticoError) {
        guard !path.isEmpty, folder(at: path) != nil else { throw .input("no folder \(path)") }
        let name = Self.pathComponents(path).last!
        try update(Self.parentPath(of: path)) { $0.groups.removeAll { $0.name == name } }
    }

    // MARK: - Paths

    /// The folder names and file name of a path relative to the collection.
    public static func pathComponents(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// The folder holding `path` ("" for the top of the collection).
    public static func parentPath(of path: String) -> String {
        pathComponents(path).dropLast().joined(separator: "/")
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : "\(folder)/\(name)"
    }

    private mutating func update(_ folderPath: String, _ change: (inout RequestGroup) -> Void) throws(PorticoError) {
        func descend(_ group: inout RequestGroup, _ names: ArraySlice<String>) -> Bool {
            guard let name = names.first else {
                change(&group)
                // The order a fresh load gives, so the tree does not reshuffle on the next start.
                group.requests.sort { ($0.relativePath as NSString).lastPathComponent.lowercased() < ($1.relativePath as NSString).lastPathComponent.lowercased() }
                group.groups.sort { $0.name.lowercased() < $1.name.lowercased() }
                return true
            }
            guard let index = group.groups.firstIndex(where: { $0.name == name }) else { return false }
            return descend(&group.groups[index], names.dropFirst())
        }
        guard descend(&root, Self.pathComponents(folderPath)[...]) else { throw .input("no folder \(folderPath)") }
    }

    private func newRequestPath(for name: String, inFolder folderPath: String, avoiding: Set<String> = []) throws(PorticoError) -> String {
        guard let group = folder(at: folderPath) else { throw .input("no folder \(folderPath)") }
        // File names are compared without case: two names differing only in case would clash on
        // case-insensitive file systems (macOS) once the collection is cloned there.
        // At the top, portico.yaml is the collection's own file, never a request's.
        let reserved = folderPath.isEmpty ? [CollectionStore.collectionFileName] : []
        let taken = Set(group.requests.map { ($0.relativePath as NSString).lastPathComponent.lowercased() } + group.groups.map { $0.name.lowercased() } + avoiding.map { $0.lowercased() } + reserved)
        return Self.join(folderPath, CollectionStore.fileName(for: name, existing: taken))
    }

    private static func validRequestName(_ name: String) throws(PorticoError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .input("a request needs a name") }
        guard !trimmed.contains(where: { $0.isNewline }) else { throw .input("a request name is one line") }
        return trimmed
    }

    private func validFolderName(_ name: String, in parentPath: String) throws(PorticoError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .input("a folder needs a name") }
        guard !trimmed.contains("/"), !trimmed.contains("\\"), !trimmed.hasPrefix("."), !trimmed.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } ?? false }) else {
            throw .input("'\(trimmed)' cannot be a folder name: no slashes, no leading dot, one line")
        }
        guard let parent = folder(at: parentPath) else { throw .input("no folder \(parentPath)") }
        let taken = Set(parent.groups.map { $0.name.lowercased() } + parent.requests.map { ($0.relativePath as NSString).lastPathComponent.lowercased() })
        guard !taken.contains(trimmed.lowercased()) else { throw .input("'\(trimmed)' is already taken in \(parentPath.isEmpty ? "the collection" : parentPath)") }
        return trimmed
    }

    /// Gives every request in `group` paths under `path`.
    private static func rebase(_ group: inout RequestGroup, to path: String) {
        for index in group.requests.indices {
            group.requests[index].relativePath = join(path, (group.requests[index].relativePath as NSString).lastPathComponent)
        }
        for index in group.groups.indices {
            rebase(&group.groups[index], to: join(path, group.groups[index].name))
        }
    }
}
