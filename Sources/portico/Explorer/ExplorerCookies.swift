import Foundation
import PorticoCore

/// The explorer's cookie jar for its collection: loaded from the kept jar and saved back after every
/// change when config.yaml asks for `cookies: persist: true`, in memory otherwise.
final class ExplorerCookies: Sendable {
    let jar: CookieJar
    let loadProblem: String?
    private let collectionID: String
    private let store: CookieJarStore?

    init(collectionID: String, store: CookieJarStore?) {
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

    /// Saves the jar when it is kept; returns what went wrong, to say in the footer.
    func keep(_ cookies: [StoredCookie]) -> String? {
        guard let store else { return nil }
        do throws(PorticoError) {
            try store.save(cookies, collectionID: collectionID)
            return nil
        } catch {
            return "cookies: the jar was not saved: \(error.message)"
        }
    }
}
