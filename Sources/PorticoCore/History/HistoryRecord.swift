import Foundation

/// One exchange as history keeps it on disk (docs/history-format.md, format 1). Every field is
/// what was sent or received after redaction; bodies are inline when small, else a reference to a
/// content-addressed file. Written with `Encodable`; read back by hand (HistoryRecordReading.swift).
public struct HistoryRecord: Encodable, Hashable, Sendable {
    /// 16 lowercase hex digits, random; abbreviated like git's object names.
    public var id: String
    /// When the exchange started.
    public var time: Date
    /// "cli" or "tui": which front end sent it.
    public var source: String
    /// The saved request's stable id (survives renames and moves), when it came from a collection.
    public var requestID: String?
    public var requestName: String?
    /// The collection folder's absolute path and its stable id.
    public var collection: String?
    public var collectionID: String?
    public var environment: String?
    public var request: Request
    public var response: Response?
    public var redirects: [Redirect]
    public var timing: Timing
    public var error: Failure?
    /// The transport that carried the exchange (`urlsession`, `async-http-client`); absent in
    /// records written before Portico had a second one.
    public var transport: String?
    /// Header names (lower case) whose values were replaced by `HistoryRecord.redactedValue`.
    public var redactedHeaders: [String]
    /// Query parameter names whose values were replaced by `HistoryRecord.redactedValue`.
    public var redactedQuery: [String]
    /// Names of secret variables whose values were replaced by `{{name}}` wherever they appeared.
    public var redactedSecrets: [String]

    public static let redactedValue = "[redacted]"

    public struct Request: Encodable, Hashable, Sendable {
        public var method: String
        public var url: String
        public var headers: [HTTPField]
        public var body: Body?
        public var timeout: Double
        public var followRedirects: Bool
        public var maxRedirects: Int

        public init(method: String, url: String, headers: [HTTPField], body: Body?, timeout: Double, followRedirects: Bool, maxRedirects: Int) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.timeout = timeout
            self.followRedirects = followRedirects
            self.maxRedirects = maxRedirects
        }
    }

    public struct Response: Encodable, Hashable, Sendable {
        public var status: Int
        public var reason: String
        public var url: String
        public var headers: [HTTPField]
        public var body: Body?
        /// `HTTP/2`, `HTTP/1.1`, when the transport reported it.
        public var httpVersion: String?

        public init(status: Int, reason: String, url: String, headers: [HTTPField], body: Body?, httpVersion: String? = nil) {
            self.status = status
            self.reason = reason
            self.url = url
            self.headers = headers
            self.body = body
            self.httpVersion = httpVersion
        }
    }

    /// A body: `text` (valid UTF-8) or `base64` inline, or `sha256` naming a file under `bodies/`.
    /// `size` is the size of the whole body as it was on the wire; `truncated` says that only the
    /// first bytes were kept (the history body limit).
    public struct Body: Encodable, Hashable, Sendable {
        public var size: Int
        public var text: String?
        public var base64: String?
        public var sha256: String?
        public var truncated: Bool?

        public init(size: Int, text: String? = nil, base64: String? = nil, sha256: String? = nil, truncated: Bool? = nil) {
            self.size = size
            self.text = text
            self.base64 = base64
            self.sha256 = sha256
            self.truncated = truncated
        }
    }

    public struct Redirect: Encodable, Hashable, Sendable {
        public var method: String
        public var url: String
        public var status: Int
        public var location: String
        public var durationMs: Double

        public init(method: String, url: String, status: Int, location: String, durationMs: Double) {
            self.method = method
            self.url = url
            self.status = status
            self.location = location
            self.durationMs = durationMs
        }
    }

    public struct Timing: Encodable, Hashable, Sendable {
        public var ttfbMs: Double?
        public var totalMs: Double

        public init(ttfbMs: Double?, totalMs: Double) {
            self.ttfbMs = ttfbMs
            self.totalMs = totalMs
        }
    }

    public struct Failure: Encodable, Hashable, Sendable {
        public var kind: String
        public var message: String

        public init(kind: String, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    public init(
        id: String, time: Date, source: String, requestID: String? = nil, requestName: String? = nil,
        collection: String? = nil, collectionID: String? = nil, environment: String? = nil,
        request: Request, response: Response?, redirects: [Redirect] = [], timing: Timing, error: Failure? = nil,
        redactedHeaders: [String] = [], redactedQuery: [String] = [], redactedSecrets: [String] = [], transport: String? = nil
    ) {
        self.transport = transport
        self.id = id
        self.time = time
        self.source = source
        self.requestID = requestID
        self.requestName = requestName
        self.collection = collection
        self.collectionID = collectionID
        self.environment = environment
        self.request = request
        self.response = response
        self.redirects = redirects
        self.timing = timing
        self.error = error
        self.redactedHeaders = redactedHeaders
        self.redactedQuery = redactedQuery
        self.redactedSecrets = redactedSecrets
    }

    enum CodingKeys: String, CodingKey {
        case id, time, source, requestID, requestName, collection, collectionID, environment
        case request, response, redirects, timing, error, transport, redactedHeaders, redactedQuery, redactedSecrets
    }

    /// Set in an encoder's userInfo when the caller writes `id` and `time` itself, first in the line.
    static let omitsLeadingMembers = CodingUserInfoKey(rawValue: "portico.history.omitsLeadingMembers")!

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if encoder.userInfo[Self.omitsLeadingMembers] as? Bool != true {
            try container.encode(id, forKey: .id)
            try container.encode(time, forKey: .time)
        }
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try container.encodeIfPresent(requestName, forKey: .requestName)
        try container.encodeIfPresent(collection, forKey: .collection)
        try container.encodeIfPresent(collectionID, forKey: .collectionID)
        try container.encodeIfPresent(environment, forKey: .environment)
        try container.encode(request, forKey: .request)
        try container.encodeIfPresent(response, forKey: .response)
        try container.encode(redirects, forKey: .redirects)
        try container.encode(timing, forKey: .timing)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(transport, forKey: .transport)
        try container.encode(redactedHeaders, forKey: .redactedHeaders)
        try container.encode(redactedQuery, forKey: .redactedQuery)
        try container.encode(redactedSecrets, forKey: .redactedSecrets)
    }

    public static func newID() -> String {
        String(format: "%016llx", UInt64.random(in: 0...UInt64.max))
    }
}
