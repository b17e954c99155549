import Foundation

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
