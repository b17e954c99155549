import Foundation

/// Writes history records as an HTTP Archive (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/),
/// the format browsers' developer tools and most HTTP tools import.
///
/// Portico records what HAR cannot say and HAR asks for what Portico does not measure, so:
/// - Header sizes are unknown (-1), as are blocked, DNS and connect times; sending counts as 0 ms,
///   waiting is the time to the first byte and receiving the rest of the total.
/// - Each record is one entry, from the request as sent to the final response; the redirects it
///   followed are not entries of their own, since history keeps no headers for them.
/// - An exchange that got no response still has a response object (HAR requires one): status 0,
///   and the error message in the custom `_error` field, as Chrome writes it.
/// - A binary request body is base64 text with the custom `_encoding` field, since HAR defines
///   `encoding` only for response content.
/// - Values redacted in history stay redacted: the archive holds what the record holds.
public enum HARExport {
    /// The archive of `records`, one entry each, in the order given; pretty-printed UTF-8 JSON.
    ///
    /// - Parameter bodies: the bytes of a recorded body (inline or in a body file); nil when they
    ///   cannot be found, in which case the entry says so in a `comment`.
    public static func document(records: [HistoryRecord], bodies: (HistoryRecord.Body) throws -> Data?) throws -> Data {
        let timestamps = ISO8601DateFormatter()
        timestamps.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let entries = try records.map { record in
            let timings = Timings(record.timing)
            return Entry(
                startedDateTime: timestamps.string(from: record.time),
                time: timings.total,
                request: try request(record.request, bodies: bodies),
                response: try response(record, bodies: bodies),
                cache: Cache(),
                timings: timings
            )
        }
        let archive = Archive(log: Log(version: "1.2", creator: Creator(name: "Portico", version: PorticoVersion.current), entries: entries))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(archive)
    }

    // MARK: - Building entries

    private static func request(_ request: HistoryRecord.Request, bodies: (HistoryRecord.Body) throws -> Data?) throws -> Request {
        let contentType = request.headers.first(named: "Content-Type")
        var postData: PostData?
        if let body = request.body {
            let content = try bodyContent(body, contentType: contentType, bodies: bodies)
            postData = PostData(mimeType: contentType ?? "", text: content.text ?? "", encoding: content.encoding, comment: content.comment)
        }
        return Request(
            method: request.method,
            url: request.url,
            httpVersion: "HTTP/1.1",
            cookies: request.headers.filter { $0.name.caseInsensitiveCompare("Cookie") == .orderedSame }.flatMap { requestCookies($0.value) },
            headers: request.headers.map(NameValue.init),
            queryString: queryParameters(request.url),
            postData: postData,
            headersSize: -1,
            bodySize: request.body?.size ?? 0
        )
    }

    private static func response(_ record: HistoryRecord, bodies: (HistoryRecord.Body) throws -> Data?) throws -> Response {
        guard let response = record.response else {
            return Response(
                status: 0, statusText: "", httpVersion: "", cookies: [], headers: [],
                content: Content(size: 0, mimeType: ""), redirectURL: "", headersSize: -1, bodySize: -1,
                error: record.error?.message ?? "no response"
            )
        }
        let contentType = response.headers.first(named: "Content-Type")
        var content = Content(size: 0, mimeType: contentType ?? "")
        if let body = response.body {
            let decoded = try bodyContent(body, contentType: contentType, bodies: bodies)
            content = Content(size: body.size, mimeType: contentType ?? "", text: decoded.text, encoding: decoded.encoding, comment: decoded.comment)
        }
        return Response(
            status: response.status,
            statusText: response.reason,
            httpVersion: "HTTP/1.1",
            cookies: SetCookie.all(in: response.headers).map(responseCookie),
            headers: response.headers.map(NameValue.init),
            content: content,
            redirectURL: response.headers.first(named: "Location") ?? "",
            headersSize: -1,
            bodySize: response.body?.size ?? 0,
            error: record.error?.message
        )
    }

    /// A body as HAR text: decoded with its charset when it is text, else base64.
    private static func bodyContent(_ body: HistoryRecord.Body, contentType: String?, bodies: (HistoryRecord.Body) throws -> Data?) throws -> (text: String?, encoding: String?, comment: String?) {
        guard let data = try bodies(body) else {
            return (nil, nil, "the body (\(body.size) bytes) is not available")
        }
        let comment = body.truncated == true ? "only the first \(data.count) of \(body.size) bytes were kept" : nil
        if let text = BodyText.decode(data, contentType: contentType) { return (text, nil, comment) }
        return (data.base64EncodedString(), "base64", comment)
    }

    /// The pairs of a query, decoded as the WHATWG URL standard decodes form data (`+` is a space),
    /// which is how browsers' archives list them. A pair without `=` has an empty value.
    static func queryParameters(_ url: String) -> [NameValue] {
        let beforeFragment = url.prefix { $0 != "#" }
        guard let questionMark = beforeFragment.firstIndex(of: "?") else { return [] }
        return FormURLEncoding.decodePairs(beforeFragment[beforeFragment.index(after: questionMark)...]).map { NameValue(name: $0.name, value: $0.value) }
    }

    /// The cookies of a Cookie header, `name=value` pairs separated by `;`. A part without `=`
    /// (such as the `[redacted]` that replaces a redacted header) is not a cookie.
    static func requestCookies(_ header: String) -> [Cookie] {
        header.split(separator: ";").compactMap { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return nil }
            return Cookie(name: pair[0].trimmingCharacters(in: .whitespaces), value: pair[1].trimmingCharacters(in: .whitespaces))
        }
    }

    /// A cookie a response sets, with the attributes HAR has fields for.
    static func responseCookie(_ cookie: SetCookie) -> Cookie {
        var expires: String?
        if let date = cookie.expires {
            let timestamps = ISO8601DateFormatter()
            timestamps.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            expires = timestamps.string(from: date)
        }
        return Cookie(name: cookie.name, value: cookie.value, path: cookie.path, domain: cookie.domain, expires: expires,
                      httpOnly: cookie.httpOnly ? true : nil, secure: cookie.secure ? true : nil)
    }

    // MARK: - The HAR document

    struct Archive: Encodable {
        var log: Log
    }

    struct Log: Encodable {
        var version: String
        var creator: Creator
        var entries: [Entry]
    }

    struct Creator: Encodable {
        var name: String
        var version: String
    }

    struct Entry: Encodable {
        var startedDateTime: String
        var time: Double
        var request: Request
        var response: Response
        var cache: Cache
        var timings: Timings
    }

    struct NameValue: Encodable, Equatable {
        var name: String
        var value: String

        init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        init(_ field: HTTPField) {
            self.init(name: field.name, value: field.value)
        }
    }

    struct Cookie: Encodable, Equatable {
        var name: String
        var value: String
        var path: String?
        var domain: String?
        var expires: String?
        var httpOnly: Bool?
        var secure: Bool?
    }

    struct Request: Encodable {
        var method: String
        var url: String
        var httpVersion: String
        var cookies: [Cookie]
        var headers: [NameValue]
        var queryString: [NameValue]
        var postData: PostData?
        var headersSize: Int
        var bodySize: Int
    }

    struct PostData: Encodable {
        var mimeType: String
        var text: String
        var encoding: String?
        var comment: String?

        enum CodingKeys: String, CodingKey {
            case mimeType, text, comment
            case encoding = "_encoding"
        }
    }

    struct Response: Encodable {
        var status: Int
        var statusText: String
        var httpVersion: String
        var cookies: [Cookie]
        var headers: [NameValue]
        var content: Content
        var redirectURL: String
        var headersSize: Int
        var bodySize: Int
        var error: String?

        enum CodingKeys: String, CodingKey {
            case status, statusText, httpVersion, cookies, headers, content, redirectURL, headersSize, bodySize
            case error = "_error"
        }
    }

    struct Content: Encodable {
        var size: Int
        var mimeType: String
        var text: String?
        var encoding: String?
        var comment: String?
    }

    /// HAR requires `cache`; Portico keeps no cache, so it is always the empty object.
    struct Cache: Encodable {
        func encode(to encoder: any Encoder) throws {
            _ = encoder.container(keyedBy: CodingKeys.self)
        }

        private enum CodingKeys: CodingKey {}
    }

    /// In milliseconds, rounded to microseconds so that subtraction leaves no float noise.
    struct Timings: Encodable {
        var blocked = -1.0
        var dns = -1.0
        var connect = -1.0
        var send = 0.0
        var wait: Double
        var receive: Double

        init(_ timing: HistoryRecord.Timing) {
            let total = max(0, timing.totalMs)
            wait = Self.rounded(min(max(0, timing.ttfbMs ?? total), total))
            receive = Self.rounded(total - wait)
        }

        /// What HAR's entry `time` must be: the sum of the timings that are known.
        var total: Double { Self.rounded(send + wait + receive) }

        private static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }
    }
}
