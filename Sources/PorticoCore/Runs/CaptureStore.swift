import Foundation

/// One value a request captured.
public struct CapturedValue: Hashable, Sendable, Codable {
    public var name: String
    public var value: String
    public var isSecret: Bool

    public init(name: String, value: String, isSecret: Bool) {
        self.name = name
        self.value = value
        self.isSecret = isSecret
    }
}

/// The values requests captured, kept between commands so that a request sent later, or a
/// `needs:` with a `ttl`, can use them: per collection, environment and request, with the time
/// they were captured. In memory only, or in a private, sealed file (folder 0700, file 0600; by
/// default `$XDG_DATA_HOME/portico/captures/captures.json`, never in a collection folder, since
/// captured tokens are secrets). The file is read again at each look-up, so two processes share it.
public final class CaptureStore: @unchecked Sendable {
    public struct Entry: Hashable, Sendable, Codable {
        public var collectionID: String
        /// Empty when no environment was selected.
        public var environment: String
        public var requestID: String
        public var capturedAt: Date
        public var values: [CapturedValue]
    }

    public let file: URL?
    /// Seals the file: captured values are often tokens.
    public let key: SecretKey?
    private let entries: PrivateEntries<Entry>

    /// A store for the life of the process only.
    public init() {
        file = nil
        key = nil
        entries = PrivateEntries(file: nil, key: nil)
    }

    public init(file: URL, key: SecretKey) {
        self.file = file
        self.key = key
        entries = PrivateEntries(file: file, key: key)
    }

    public convenience init(paths: UserPaths) {
        self.init(file: paths.data.appendingPathComponent("captures").appendingPathComponent("captures.json"), key: SecretKey(paths: paths))
    }

    /// What `requestID` captured last in this collection and environment.
    public func entry(requestID: String, collectionID: String, environment: String?) -> Entry? {
        entries.read { entries in
            return entries.first { $0.requestID == requestID && $0.collectionID == collectionID && $0.environment == (environment ?? "") }
        }
    }

    /// Every captured value of the collection in this environment, the newest value of each name.
    public func variables(collectionID: String, environment: String?) -> [Variable] {
        entries.read { entries in
            var newest: [String: (Date, CapturedValue)] = [:]
            for entry in entries where entry.collectionID == collectionID && entry.environment == (environment ?? "") {
                for value in entry.values where (newest[value.name]?.0 ?? .distantPast) <= entry.capturedAt {
                    newest[value.name] = (entry.capturedAt, value)
                }
            }
            return newest.values.sorted { $0.1.name < $1.1.name }.map { Variable($0.1.name, $0.1.value, isSecret: $0.1.isSecret) }
        }
    }

    public func record(_ values: [CapturedValue], requestID: String, collectionID: String, environment: String?, at time: Date) throws(PorticoError) {
        try entries.update { entries in
            entries.removeAll { $0.requestID == requestID && $0.collectionID == collectionID && $0.environment == (environment ?? "") }
            entries.append(Entry(collectionID: collectionID, environment: environment ?? "", requestID: requestID, capturedAt: time, values: values))
        }
    }

    /// Forgets what the collection's requests captured (every collection's when nil); returns how many requests' values there were.
    @discardableResult
    public func removeAll(collectionID: String?) throws(PorticoError) -> Int {
        var count = 0
        try entries.update { entries in
            let before = entries.count
            entries.removeAll { collectionID == nil || $0.collectionID == collectionID }
            count = before - entries.count
        }
        return count
    }
}
