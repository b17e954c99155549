import Crypto
import Foundation

/// Seals secret values (secret variables, OAuth 2.0 tokens) before they are written, so that no file
/// Portico writes holds one in plain text: ChaCha20-Poly1305 under a per-user key of 32 random bytes,
/// kept in a file of its own (0600, folder 0700; by default `$XDG_DATA_HOME/portico/secret.key`, apart
/// from the secrets in the config folder, which people copy into dotfiles repositories). Made on first
/// use. Whoever can read the key can open the values: this keeps secrets out of greps, backups of one
/// folder and screen shares, not from the user's own account.
public struct SecretKey: Sendable {
    public let file: URL

    public init(file: URL) { self.file = file }

    public init(paths: UserPaths) { file = paths.data.appendingPathComponent("secret.key") }

    /// How a sealed value starts, so that a value written by hand (or by a Portico before sealing)
    /// is still read as it is.
    public static let sealedPrefix = "sealed:v1:"

    public static func isSealed(_ text: String) -> Bool { text.hasPrefix(sealedPrefix) }

    public func seal(_ text: String) throws(PorticoError) -> String {
        let key = try loadOrCreate()
        do {
            return Self.sealedPrefix + (try ChaChaPoly.seal(Data(text.utf8), using: key).combined).base64EncodedString()
        } catch {
            throw .input("cannot seal a secret: \(error)")
        }
    }

    /// The text `seal` sealed; any other text as it is.
    public func open(_ text: String) throws(PorticoError) -> String {
        guard Self.isSealed(text) else { return text }
        guard let key = try load() else {
            throw .input("a secret was sealed with the key \(file.path), which is gone: set the secret again")
        }
        guard let data = Data(base64Encoded: String(text.dropFirst(Self.sealedPrefix.count))),
              let box = try? ChaChaPoly.SealedBox(combined: data),
              let plain = try? ChaChaPoly.open(box, using: key),
              let opened = String(data: plain, encoding: .utf8)
        else {
            throw .input("a secret cannot be opened with the key \(file.path) (sealed with another key?): set the secret again")
        }
        return opened
    }

    private func load() throws(PorticoError) -> SymmetricKey? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        guard let bytes = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw .input("\(file.path) is not a Portico secret key (32 bytes in base64)")
        }
        return SymmetricKey(data: bytes)
    }

    /// The key, made if there is none. Two processes making it at once agree on one: the file is
    /// written whole under a temporary name and linked into place, which fails if it exists.
    private func loadOrCreate() throws(PorticoError) -> SymmetricKey {
        if let key = try load() { return key }
        let folder = file.deletingLastPathComponent()
        try AtomicFile.makeFolder(folder, permissions: 0o700)
        let key = SymmetricKey(size: .bits256)
        let text = Data((key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n").utf8)
        let temporary = folder.appendingPathComponent(AtomicFile.temporaryName(for: file.lastPathComponent))
        let handle = try NewFile.create(temporary, mode: 0o600)
        defer { unlink(temporary.path) }
        do {
            try handle.write(contentsOf: text)
            guard fsync(handle.fileDescriptor) == 0 else { throw PorticoError.input(String(cString: strerror(errno))) }
            try handle.close()
        } catch {
            try? handle.close()
            throw .input("cannot write \(file.path): \(error)")
        }
        if link(temporary.path, file.path) != 0 {
            guard errno == EEXIST, let existing = try load() else {
                throw .input("cannot write \(file.path): \(String(cString: strerror(errno)))")
            }
            return existing
        }
        AtomicFile.syncFolder(folder)
        return key
    }
}
