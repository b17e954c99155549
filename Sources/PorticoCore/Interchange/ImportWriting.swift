import Foundation

extension ImportedCollection {
    /// Writes the collection as a new folder and its secrets into `secretStore`. The folder is
    /// built beside its destination under a hidden name and renamed into place at the end, so an
    /// import that fails part-way leaves no half-written collection behind.
    public func write(to folder: URL, secretStore: SecretStore) throws(PorticoError) {
        let folder = folder.standardizedFileURL
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            let empty = isFolder.boolValue && ((try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false)
            guard empty else { throw .input("\(folder.path) already exists; import into a new folder (--into)") }
        }
        let parent = folder.deletingLastPathComponent()
        try AtomicFile.makeFolder(parent)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).import-\(UInt32.random(in: 0...UInt32.max))")
        var stored: [ImportedSecret] = []
        do throws(PorticoError) {
            try CollectionStore.save(collection, to: staging)
            for secret in secrets {
                try secretStore.set(secret.name, to: secret.value, environment: secret.environment, collection: collection)
                stored.append(secret)
            }
            if manager.fileExists(atPath: folder.path) { rmdir(folder.path) }
            guard rename(staging.path, folder.path) == 0 else {
                throw PorticoError.input("cannot create \(folder.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            // Nothing of a failed import stays: neither its folder nor its secrets.
            try? manager.removeItem(at: staging)
            for secret in stored { try? secretStore.set(secret.name, to: nil, environment: secret.environment, collection: collection) }
            throw error
        }
    }
}
