import Foundation

/// A private temporary file that is removed when the last reference to it goes: the owner a
/// `BodyBytes` keeps for a file Portico made for it alone (a body converted to UTF-8).
public final class TemporaryFile: Sendable {
    public let url: URL

    public init(_ url: URL) {
        self.url = url
    }

    deinit {
        SpoolFiles.remove(url)
    }
}
