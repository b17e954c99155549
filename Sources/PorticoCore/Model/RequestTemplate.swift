import Foundation

/// A request as it is saved: every text may hold `{{variables}}`.
public struct RequestTemplate: Hashable, Sendable, Identifiable {
    /// Stable across renames and moves, so that history stays attached to the request.
    public var id: String
    public var name: String
    /// Markdown.
    public var description: String?
    public var method: HTTPMethod
    public var url: String
    public var params: [KeyValueRow]
    public var headers: [KeyValueRow]
    public var body: RequestBody
    public var auth: Auth
    public var options: RequestOptions
    /// What a response must satisfy (`checks:`); run by `portico run` and after every send.
    public var checks: [ResponseCheck] = []
    /// Values taken from the response into variables later requests use (`captures:`).
    public var captures: [ResponseCapture] = []
    /// Requests sent first for the values they capture (`needs:`).
    public var needs: [RequestDependency] = []

    public init(
        id: String = RequestTemplate.newID(),
        name: String,
        description: String? = nil,
        method: HTTPMethod = .get,
        url: String,
        params: [KeyValueRow] = [],
        headers: [KeyValueRow] = [],
        body: RequestBody = .none,
        auth: Auth = .inherit,
        options: RequestOptions = RequestOptions()
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.method = method
        self.url = url
        self.params = params
        self.headers = headers
        self.body = body
        self.auth = auth
        self.options = options
    }

    public static func newID() -> String { UUID().uuidString.lowercased() }
}
