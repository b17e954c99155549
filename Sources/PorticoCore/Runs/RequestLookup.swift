extension Collection {
    /// The request `reference` names, as `needs:` and `portico run` write it: its path in the
    /// collection (`auth/login.yaml`, with or without `.yaml`), its file name without the extension
    /// when only one file has it, or its name.
    public func request(named reference: String) throws(PorticoError) -> StoredRequest {
        let requests = allRequests
        let trimmed = reference.hasPrefix("./") ? String(reference.dropFirst(2)) : reference
        if let exact = requests.first(where: { $0.relativePath == trimmed || Self.withoutExtension($0.relativePath) == trimmed }) {
            return exact
        }
        for candidates in [requests.filter { Self.withoutExtension(Self.fileName($0.relativePath)) == trimmed }, requests.filter { $0.template.name == reference }] {
            if candidates.count == 1 { return candidates[0] }
            if candidates.count > 1 {
                throw .input("'\(reference)' could mean \(candidates.map(\.relativePath).joined(separator: ", ")); name it by its path")
            }
        }
        throw .input("the collection '\(name)' has no request '\(reference)' (give its path, file name or name)")
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func withoutExtension(_ path: String) -> String {
        for suffix in [".yaml", ".yml"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }
}
