import Foundation

/// A collection's cookie jar for one run (the explorer's session, one `send`): loaded from the
/// kept jar and saved back when config.yaml asks for `cookies: persist: true`, in memory otherwise.
public final class KeptCookieJar: Sendable {
    public let jar: CookieJar
    /// Why the kept jar could not be read (the run then starts with an empty one), to tell the user.
    public let loadProblem: String?
    private let collectionID: String
    private let store: CookieJarStore?

    public init(collectionID: String, store: CookieJarStore?) {
        self.collectionID = collectionID
        self.store = store
        var kept: [StoredCookie] = []
        var problem: String?
        if let store {
            do throws(PorticoError) { kept = try store.load(collectionID: collectionID) } catch { problem = "cookies: \(error.message)" }
        }
        jar = CookieJar(kept)
        loadProblem = problem
    }

    /// Saves the jar when it is kept; returns what went wrong, to tell the user.
    public func keep(_ cookies: [StoredCookie]) -> String? {
        guard let store else { return nil }
        do throws(PorticoError) {
            try store.save(cookies, collectionID: collectionID)
            return nil
        } catch {
            return "cookies: the jar was not saved: \(error.message)"
        }
    }
}
