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
        return "http-" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public static func load(_ file: URL) throws(PorticoError) -> (collection: Collection, document: HTTPFileDocument) {
        let file = file.standardizedFileURL
        let document = try HTTPFileParser.parse(try read(file))
        let name = (file.lastPathComponent as NSString).deletingPathExtension
        let environments = try HTTPFileEnvironments.load(beside: file)
        return (document.collection(id: collectionID(for: file), name: name, environments: environments), document)
    }

    /// Writes the edits from `baseline` to `collection` into the file as it is on disk now.
    public static func save(_ collection: Collection, baseline: Collection, to file: URL) throws(PorticoError) {
        let document = try HTTPFileParser.parse(try read(file))
        let text = try document.text(applying: collection, baseline: baseline)
        try AtomicFile.write(Data(text.utf8), to: file)
    }

    static func read(_ file: URL) throws(PorticoError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .input("cannot read \(file.path): \(FileManager.default.fileExists(atPath: file.path) ? "permission denied" : "no such file")")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .input("\(file.path) is not UTF-8 text") }
        return text
    }
}

/// JetBrains HTTP Client environment files: `{"dev": {"host": "…"}, "$shared": {…}}`.
enum HTTPFileEnvironments {
    static func load(beside file: URL) throws(PorticoError) -> [Environment] {
        let folder = file.deletingLastPathComponent()
        let public_ = try read(folder.appendingPathComponent("http-client.env.json"))
        let private_ = try read(folder.appendingPathComponent("http-client.private.env.json"))
        let shared = public_["$shared"] ?? [:]
        let sharedSecrets = private_["$shared"] ?? [:]
        let names = Set(public_.keys).union(private_.keys).subtracting(["$shared"]).sorted()
        return names.map { name in
            var variables: [Variable] = []
            let values = shared.merging(public_[name] ?? [:]) { _, own in own }
            for key in values.keys.sorted() { variables.append(Variable(key, values[key])) }
            let secrets = sharedSecrets.merging(private_[name] ?? [:]) { _, own in own }
            for key in secrets.keys.sorted() {
                variables.removeAll { $0.name == key }
                variables.append(Variable(key, secrets[key], isSecret: true))
            }
            return Environment(name: name, variables: variables)
        }
    }

    private static func read(_ file: URL) throws(PorticoError) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [:] }
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch { throw .input("\(file.path): \(error)") }
        guard case .object(let environments) = root else { throw .input("\(file.path): expected an object of environments") }
        var result: [String: [String: String]] = [:]
        for environment in environments {
            guard case .object(let members) = environment.value else {
                throw .input("\(file.path): environment '\(environment.name)' is not an object of variables")
            }
            var values: [String: String] = [:]
            for member in members {
                switch member.value {
                case .string(let text): values[member.name] = text
                case .number(let number): values[member.name] = number.description
                case .bool(let flag): values[member.name] = flag ? "true" : "false"
                default: continue
                }
            }
            result[environment.name] = values
        }
        return result
    }
}
