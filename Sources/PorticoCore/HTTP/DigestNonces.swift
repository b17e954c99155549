import Foundation

/// The Digest challenges servers gave, per origin, with how many requests have answered each:
/// a later request to the same origin answers the known nonce at once with the next count
/// (RFC 7616 §3.4's nonce count) instead of paying a 401 round trip. A stale or refused nonce is
/// replaced by the server's next challenge.
final class DigestNonces: @unchecked Sendable {
    static let shared = DigestNonces()

    private let lock = NSLock()
    private var known: [String: (challenge: DigestChallenge, count: Int)] = [:]

    /// The challenge known for `url`'s origin and the count to answer it with, if any.
    func next(for url: URL) -> (challenge: DigestChallenge, count: Int)? {
        lock.lock()
        defer { lock.unlock() }
        let origin = RequestEngine.origin(of: url)
        guard var entry = known[origin] else { return nil }
        entry.count += 1
        known[origin] = entry
        return entry
    }

    /// Remembers a fresh challenge for `url`'s origin; it is answered first with count 1.
    func start(_ challenge: DigestChallenge, for url: URL) {
        lock.lock()
        defer { lock.unlock() }
        known[RequestEngine.origin(of: url)] = (challenge, 1)
    }
}
