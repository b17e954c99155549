import Crypto
import Foundation

/// Opens a `.http` or `.rest` file as a collection and writes edits back into it.
///
/// Environments come from JetBrains' `http-client.env.json` beside the file; values in
/// `http-client.private.env.json` (which JetBrains keeps out of git) become secret variables.
public enum HTTPFileStore {
    public static func isHTTPFile(_ url: URL) -> Bool {
        ["http", "rest"].contains(url.pathExtension.lowercased())
    }

    /// The collection id of a file: derived from its path, so its history and secrets stay
    /// attached from one start to the next.
    public static func collectionID(for file: URL) -> String {
        let digest = SHA256.hash(data: Data(file.standardizedFileURL.path.utf8))
        return "http-" + digest.prefix(8).hexText
    }

    public static func load(_ file: URL) throws(PorticoError) -> (collection: Collection, document: HTTPFileDocument) {
        let file = file.standardizedFileURL
        let document = try HTTPFileParser.parse(try read(file))
        let name = (file.lastPathComponent as NSString).deletingPathExtension
        let environments = try HTTPFileEnvironments.load(beside: file)
        return (document.collection(id: collectionID(for: file), name: name, environments: environments), document)
    }

    /// Writes the edits from `baseline` to `collection` into the file, and returns the file read
    /// again: request ids come from names and positions, so the caller must continue from what the
    /// file now says. A file changed by someone else since `baseline` was read is not written over.
    @discardableResult
    public static func save(_ collection: Collection, baseline: Collection, to file: URL) throws(PorticoError) -> Collection {
        let document = try HTTPFileParser.parse(try read(file))
        let onDisk = document.collection(id: baseline.id, name: baseline.name)
        guard Set(onDisk.allRequests.map(\.template)) == Set(baseline.allRequests.map(\.template)),
              onDisk.variables == baseline.variables.filter({ !$0.isSecret }) else {
            throw .input("\(file.lastPathComponent) was changed since it was opened (by another program?); reopen it, then make your change again")
        }
        let text = try document.text(applying: collection, baseline: baseline)
        try AtomicFile.write(Data(text.utf8), to: file)
        return try load(file).collection
    }

    static func read(_ file: URL) throws(PorticoError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .input("cannot read \(file.path): \(FileManager.default.fileExists(atPath: file.path) ? "permission denied" : "no such file")")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .input("\(file.path) is not UTF-8 text") }
        return text
    }
}
