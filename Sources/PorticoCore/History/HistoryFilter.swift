import Foundation

/// Which records a listing keeps. Text matches, ignoring ASCII case, the method, URL, status,
/// request name, environment, header names and values, inline text bodies and the error message.
public struct HistoryFilter: Sendable, Hashable {
    public var text: String?
    public var method: String?
    /// 1–5 for 1xx–5xx; 0 for exchanges that got no response.
    public var statusClass: Int?
    public var requestID: String?
    public var environment: String?
    /// Request ids repeat across collections (a `.http` file's `login` is `http-login` in every file).
    public var collectionID: String?

    public init(text: String? = nil, method: String? = nil, statusClass: Int? = nil, requestID: String? = nil, environment: String? = nil, collectionID: String? = nil) {
        self.text = text.flatMap { $0.isEmpty ? nil : $0 }
        self.method = method
        self.statusClass = statusClass
        self.requestID = requestID
        self.environment = environment
        self.collectionID = collectionID
    }

    public var isEmpty: Bool { text == nil && method == nil && statusClass == nil && requestID == nil && environment == nil && collectionID == nil }

    public func matches(_ record: HistoryRecord) -> Bool {
        if let method, record.request.method.caseInsensitiveCompare(method) != .orderedSame { return false }
        if let statusClass {
            let actual = record.response.map { $0.status / 100 } ?? 0
            if actual != statusClass { return false }
        }
        if let requestID, record.requestID != requestID { return false }
        if let environment, record.environment != environment { return false }
        if let collectionID, record.collectionID != collectionID { return false }
        if let text {
            // One search table for all the record's texts; native strings are searched in place.
            let searcher = ByteSearch(text, ignoringCase: true)
            return Self.searchableTexts(of: record).contains { candidate in
                var candidate = candidate
                return candidate.withUTF8 { searcher.contains(UnsafeRawBufferPointer($0), range: 0..<$0.count) }
            }
        }
        return true
    }

    static func searchableTexts(of record: HistoryRecord) -> [String] {
        var texts = [record.request.method, record.request.url, record.requestName ?? "", record.environment ?? ""]
        texts += record.request.headers.flatMap { [$0.name, $0.value] }
        if let text = record.request.body?.text { texts.append(text) }
        if let response = record.response {
            texts += [String(response.status), response.reason, response.url]
            texts += response.headers.flatMap { [$0.name, $0.value] }
            if let text = response.body?.text { texts.append(text) }
        }
        if let error = record.error { texts.append(error.message) }
        return texts
    }

    /// Byte strings every matching record's line contains, so that most lines are never decoded:
    /// the text (when JSON writes it unescaped), the request id, the environment, the status class.
    /// The most selective comes first; the record is still checked after decoding.
    var lineNeedles: [ByteSearch] {
        var needles: [ByteSearch] = []
        func isPlain(_ text: String) -> Bool {
            // JSON escapes quotes, backslashes and control characters: such texts are checked on decoded records only.
            !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if let requestID, isPlain(requestID) { needles.append(ByteSearch(#""requestID":"\#(requestID)""#, ignoringCase: false)) }
        if let text, isPlain(text) { needles.append(ByteSearch(text, ignoringCase: true)) }
        if let environment, isPlain(environment) { needles.append(ByteSearch(#""environment":"\#(environment)""#, ignoringCase: false)) }
        if let statusClass, statusClass > 0 { needles.append(ByteSearch(#""status":\#(statusClass)"#, ignoringCase: false)) }
        return needles
    }
}
