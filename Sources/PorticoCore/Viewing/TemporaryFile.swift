import Foundation

/// A private temporary file that is removed when the last reference to it goes: the owner a
/// `BodyBytes` keeps for a file Portico made for it alone (a body converted to UTF-8). It keeps
/// the file's handle open, and with it the lock that tells other processes it is in use.
public final class TemporaryFile: Sendable {
    public let url: URL
    private let handle: FileHandle

    public init(_ url: URL, handle: FileHandle) {
        self.url = url
        self.handle = handle
    }

    deinit {
        SpoolFiles.remove(url)
    }
}
