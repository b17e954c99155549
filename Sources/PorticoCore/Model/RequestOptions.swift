/// Per-request transport options.
public struct RequestOptions: Hashable, Sendable {
    public static let defaultTimeout: Double = 30
    public static let defaultMaxRedirects = 10
    /// A day: longer limits are surely mistakes, and durations must stay representable.
    public static let maximumTimeout: Double = 86_400

    /// Total time allowed for the whole exchange, redirects included, in seconds (fractions allowed).
    public var timeout: Double
    public var followRedirects: Bool
    public var maxRedirects: Int
    /// Whether exchanges of this request are recorded in history (`options.history: false` opts out).
    public var recordsHistory: Bool
    /// Transport, proxy and TLS settings of the request itself; the collection's and the user's
    /// fill in what it leaves unset.
    public var connection = ConnectionOptions()

    public init(timeout: Double = RequestOptions.defaultTimeout, followRedirects: Bool = true, maxRedirects: Int = RequestOptions.defaultMaxRedirects, recordsHistory: Bool = true) {
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.recordsHistory = recordsHistory
    }
}
