import Foundation
import PorticoCore
import Testing

/// A secrets folder that does not exist yet, inside a temporary folder the test removes.
private struct SecretsFolder {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    var url: URL { parent.appendingPathComponent("config/portico/secrets") }
    var store: SecretStore { SecretStore(folder: url) }

    func remove() { try? FileManager.default.removeItem(at: parent) }
}

private func mode(_ url: URL) throws -> Int? {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
}

private let collection = Collection(
    id: "shop-0d4f1a52",
    name: "Shop",
    variables: [Variable("host", "example.com"), Variable("token", nil, isSecret: true), Variable("apiKey", nil, isSecret: true)],
    environments: [
        Environment(name: "local", variables: [Variable("password", nil, isSecret: true), Variable("user", "dev")]),
        Environment(name: "staging", variables: [Variable("password", nil, isSecret: true)]),
    ])

@Suite("Secret store")
struct SecretStoreTests {
    @Test func noFileMeansNoValues() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        #expect(try folder.store.values(for: collection.id) == SecretStore.Values())
    }

    @Test func setStoresCollectionAndEnvironmentSecrets() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t0k3n", environment: nil, collection: collection)
        try store.set("password", to: "local-pw", environment: "local", collection: collection)
        try store.set("password", to: "staging-pw", environment: "staging", collection: collection)

        let values = try store.values(for: collection.id)
        #expect(values.collection == ["token": "t0k3n"])
        #expect(values.environments == ["local": ["password": "local-pw"], "staging": ["password": "staging-pw"]])
    }

    @Test func setReplacesAnEarlierValue() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "old", environment: nil, collection: collection)
        try store.set("token", to: "new", environment: nil, collection: collection)
        #expect(try store.values(for: collection.id).collection == ["token": "new"])
    }

    @Test func unsetRemovesOnlyThatSecret() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t", environment: nil, collection: collection)
        try store.set("apiKey", to: "k", environment: nil, collection: collection)
        try store.set("password", to: "p", environment: "local", collection: collection)
        try store.set("password", to: "s", environment: "staging", collection: collection)

        try store.set("token", to: nil, environment: nil, collection: collection)
        try store.set("password", to: nil, environment: "local", collection: collection)

        let values = try store.values(for: collection.id)
        #expect(values.collection == ["apiKey": "k"])
        #expect(values.environments == ["staging": ["password": "s"]])
    }

    @Test func unsettingEverythingLeavesNoValues() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t", environment: nil, collection: collection)
        try store.set("password", to: "p", environment: "local", collection: collection)
        try store.set("token", to: nil, environment: nil, collection: collection)
        try store.set("password", to: nil, environment: "local", collection: collection)
        #expect(try store.values(for: collection.id) == SecretStore.Values())
    }

    @Test func valuesThatLookLikeOtherYAMLTypesComeBackAsWritten() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        let tricky = ["null", "~", "", "true", "0123", "1e3", "p@ss: w#rd", "\"quoted\"", "it's", "- x", "multi\nline\n", "  spaces  ", "é€😀", "{{notATemplate}}", "tab\t", "cr\r\nlf"]
        for (index, value) in tricky.enumerated() {
            try store.set("s\(index)", to: value, environment: index.isMultiple(of: 2) ? nil : "local", collection: collection)
        }
        let values = try store.values(for: collection.id)
        for (index, value) in tricky.enumerated() {
            let stored = index.isMultiple(of: 2) ? values.collection["s\(index)"] : values.environments["local"]?["s\(index)"]
            #expect(stored == value, "secret s\(index)")
        }
    }

    @Test func theFileIsPrivateAndItsFolderToo() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t", environment: nil, collection: collection)
        let file = store.file(for: collection.id)
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(file.deletingLastPathComponent().standardizedFileURL.path == folder.url.standardizedFileURL.path)
        #expect(try mode(file) == 0o600)
        #expect(try mode(folder.url) == 0o700)
    }

    @Test func anExistingOpenFolderIsMadePrivate() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try folder.store.set("token", to: "t", environment: nil, collection: collection)
        #expect(try mode(folder.url) == 0o700)
        #expect(try mode(folder.store.file(for: collection.id)) == 0o600)
    }

    @Test func anExistingOpenFileIsMadePrivate() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let file = folder.store.file(for: collection.id)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data("variables:\n  apiKey: old\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try folder.store.set("token", to: "t", environment: nil, collection: collection)
        #expect(try mode(file) == 0o600)
        #expect(try folder.store.values(for: collection.id).collection == ["apiKey": "old", "token": "t"])
    }

    @Test func eachCollectionHasItsOwnFile() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        let other = Collection(id: "other-collection", name: "Other")
        try store.set("token", to: "mine", environment: nil, collection: collection)
        try store.set("token", to: "theirs", environment: nil, collection: other)
        #expect(try store.values(for: collection.id).collection == ["token": "mine"])
        #expect(try store.values(for: other.id).collection == ["token": "theirs"])
        #expect(store.file(for: collection.id) != store.file(for: other.id))
    }

    @Test func collectionIDsCannotLeaveTheFolder() {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        for id in ["../../etc/passwd", "/abs", "a/b", "..", "with space"] {
            let file = store.file(for: id)
            #expect(file.deletingLastPathComponent().standardizedFileURL.path == store.folder.standardizedFileURL.path, "\(id)")
            #expect(!file.lastPathComponent.contains("/"))
        }
    }

    @Test func applyingFillsOnlySecretVariables() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t0k3n", environment: nil, collection: collection)
        // Values stored under names that are not secret in the collection must not replace them.
        try store.set("host", to: "evil.example", environment: nil, collection: collection)
        try store.set("user", to: "root", environment: "local", collection: collection)
        try store.set("password", to: "local-pw", environment: "local", collection: collection)

        let filled = try store.applying(to: collection)
        #expect(filled.variables == [Variable("host", "example.com"), Variable("token", "t0k3n", isSecret: true), Variable("apiKey", nil, isSecret: true)])
        #expect(filled.environments == [
            Environment(name: "local", variables: [Variable("password", "local-pw", isSecret: true), Variable("user", "dev")]),
            Environment(name: "staging", variables: [Variable("password", nil, isSecret: true)]),
        ])
        #expect(filled.id == collection.id)
        #expect(filled.name == collection.name)
    }

    @Test func environmentSecretsDoNotLeakIntoOtherLevels() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "env-token", environment: "local", collection: collection)
        try store.set("password", to: "collection-level", environment: nil, collection: collection)
        let filled = try store.applying(to: collection)
        #expect(filled.variables.first { $0.name == "token" }?.value == nil)
        #expect(filled.environments.allSatisfy { $0.variables.first { $0.name == "password" }?.value == nil })
    }

    @Test func aCorruptFileIsAnInputErrorNamingIt() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data("variables: [unclosed\n".utf8).write(to: store.file(for: collection.id))
        let error = #expect(throws: PorticoError.self) { try store.values(for: collection.id) }
        #expect(error?.kind == .input)
        #expect(error?.message.contains(store.file(for: collection.id).path) == true)
    }

    @Test func valuesAreSealedOnDiskUnderAPrivateKey() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        let store = folder.store
        try store.set("token", to: "t0k3n-in-clear", environment: nil, collection: collection)
        try store.set("password", to: "pw-in-clear", environment: "local", collection: collection)
        let text = try String(contentsOf: store.file(for: collection.id), encoding: .utf8)
        #expect(!text.contains("t0k3n-in-clear") && !text.contains("pw-in-clear"), "\(text)")
        #expect(text.contains("token: ") && text.contains(SecretKey.sealedPrefix), "names stay readable: \(text)")
        #expect(try mode(store.key.file) == 0o600)
        #expect(try store.values(for: collection.id).collection == ["token": "t0k3n-in-clear"])
    }

    @Test func aValueSealedWithAnotherKeyIsAnInputErrorNamingTheKey() throws {
        let folder = SecretsFolder()
        defer { folder.remove() }
        try folder.store.set("token", to: "t", environment: nil, collection: collection)
        let otherKey = SecretKey(file: folder.parent.appendingPathComponent("other.key"))
        let error = #expect(throws: PorticoError.self) { try SecretStore(folder: folder.url, key: otherKey).values(for: collection.id) }
        #expect(error?.message.contains(otherKey.file.path) == true, "\(String(describing: error))")
    }
}
