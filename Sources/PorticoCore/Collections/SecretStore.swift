import Foundation
import Yams

/// Where the values of secret variables live: one private file per collection under
/// `$XDG_CONFIG_HOME/portico/secrets/<collection id>.yaml` (folder 0700, file 0600), never in the
/// collection folder that goes into git. The names are readable; each value is sealed with the
/// user's `SecretKey`, so the file holds none in plain text.
public struct SecretStore: Sendable {
    public var folder: URL
    public var key: SecretKey

    /// With no key given, the key lives beside `folder` (tests and tools that keep it all in one place).
    public init(folder: URL, key: SecretKey? = nil) {
        self.folder = folder
        self.key = key ?? SecretKey(file: folder.deletingLastPathComponent().appendingPathComponent("secret.key"))
    }

    public init(paths: UserPaths) {
        folder = paths.config.appendingPathComponent("secrets")
        key = SecretKey(paths: paths)
    }

    /// Secret values of one collection: its own and per environment.
    public struct Values: Hashable, Sendable {
        public var collection: [String: String] = [:]
        public var environments: [String: [String: String]] = [:]
        public init() {}
    }

    public func file(for collectionID: String) -> URL {
        folder.appendingPathComponent(Self.fileName(for: collectionID) + ".yaml")
    }

    /// A collection id as a file name: ids are user-editable text, so anything but ASCII letters,
    /// digits, '-' and '_' is percent-encoded, and two ids never share a file.
    public static func fileName(for collectionID: String) -> String {
        collectionID.utf8.map { byte -> String in
            let character = Character(Unicode.Scalar(byte))
            return byte < 0x80 && (character.isLetter || character.isNumber || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_"))
                ? String(character) : String(format: "%%%02X", byte)
        }.joined()
    }

    public func values(for collectionID: String) throws(PorticoError) -> Values {
        AtomicFile.removeAbandonedTemporaries(in: folder)
        let url = file(for: collectionID)
        guard let data = FileManager.default.contents(atPath: url.path) else { return Values() }
        guard let text = String(data: data, encoding: .utf8) else { throw .input("\(url.path): not UTF-8 text") }
        do {
            var values = Values()
            guard let root = try YAMLReader.parse(text) else { return values }
            let pairs = try YAMLReader.mapping(root, "the secrets file", known: ["collection", "variables", "environments"])
            if let node = YAMLReader.value(pairs, "variables") {
                for (name, value, _) in try YAMLReader.mapping(node, "variables", known: []) {
                    values.collection[name] = try opened(try YAMLReader.string(value, "variables.\(name)"), url)
                }
            }
            if let node = YAMLReader.value(pairs, "environments") {
                for (environment, variables, _) in try YAMLReader.mapping(node, "environments", known: []) {
                    for (name, value, _) in try YAMLReader.mapping(variables, "environments.\(environment)", known: []) {
                        values.environments[environment, default: [:]][name] = try opened(try YAMLReader.string(value, "environments.\(environment).\(name)"), url)
                    }
                }
            }
            return values
        } catch {
            throw .input("\(url.path):\(error.line): \(error.message)")
        }
    }

    private func opened(_ value: String, _ url: URL) throws(FileProblem) -> String {
        do throws(PorticoError) { return try key.open(value) } catch { throw FileProblem(line: 0, error.message) }
    }

    /// Fills in the values of the collection's secret variables.
    public func applying(to collection: Collection) throws(PorticoError) -> Collection {
        let values = try values(for: collection.id)
        var result = collection
        result.variables = fill(collection.variables, from: values.collection)
        result.environments = collection.environments.map { environment in
            Environment(name: environment.name, variables: fill(environment.variables, from: values.environments[environment.name] ?? [:]))
        }
        return result
    }

    private func fill(_ variables: [Variable], from values: [String: String]) -> [Variable] {
        variables.map { variable in
            guard variable.isSecret, let value = values[variable.name] else { return variable }
            return Variable(variable.name, value, isSecret: true)
        }
    }

    /// Stores (or with a nil value, removes) one secret.
    public func set(_ name: String, to value: String?, environment: String?, collection: Collection) throws(PorticoError) {
        var values = try values(for: collection.id)
        if let environment {
            values.environments[environment, default: [:]][name] = value
            if values.environments[environment]?.isEmpty == true { values.environments[environment] = nil }
        } else {
            values.collection[name] = value
        }
        try AtomicFile.makeFolder(folder, permissions: 0o700)
        chmod(folder.path, 0o700)
        func mapping(_ dictionary: [String: String]) throws(PorticoError) -> Node {
            var pairs: [(String, Node)] = []
            for name in dictionary.keys.sorted() { pairs.append((name, YAMLWriter.text(try key.seal(dictionary[name] ?? "")))) }
            return YAMLWriter.mapping(pairs)
        }
        var pairs: [(String, Node)] = [("collection", YAMLWriter.text(collection.name))]
        if !values.collection.isEmpty { pairs.append(("variables", try mapping(values.collection))) }
        if !values.environments.isEmpty {
            var environments: [(String, Node)] = []
            for name in values.environments.keys.sorted() { environments.append((name, try mapping(values.environments[name] ?? [:]))) }
            pairs.append(("environments", YAMLWriter.mapping(environments)))
        }
        let text: String
        do { text = try YAMLWriter.serialize(YAMLWriter.mapping(pairs)) } catch { throw .input("cannot write secrets: \(error)") }
        try AtomicFile.write(Data(text.utf8), to: file(for: collection.id), permissions: 0o600)
    }
}
