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

    public init(text: String? = nil, method: String? = nil, statusClass: Int? = nil, requestID: String? = nil, environment: String? = nil) {
        self.text = text.flatMap { $0.isEmpty ? nil : $0 }
        self.method = method
        self.statusClass = statusClass
        self.requestID = requestID
        self.environment = environment
    }

    public var isEmpty: Bool { text == nil && method == nil && statusClass == nil && requestID == nil && environment == nil }

    public func matches(_ record: HistoryRecord) -> Bool {
        if let method, record.request.method.caseInsensitiveCompare(method) != .orderedSame { return false }
        if let statusClass {
            let actual = record.response.map { $0.status / 100 } ?? 0
            if actual != statusClass { return false }
        }
        if let requestID, record.requestID != requestID { return false }
        if let environment, record.environment != environment { return false }
        if let text {
            return Self.searchableTexts(of: record).contains { Self.containsIgnoringASCIICase($0, text) }
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

    static func containsIgnoringASCIICase(_ haystack: String, _ needle: String) -> Bool {
        let hay = Array(haystack.utf8).map(asciiLower)
        let pattern = Array(needle.utf8).map(asciiLower)
        guard !pattern.isEmpty else { return true }
        guard hay.count >= pattern.count else { return false }
        return hay.withUnsafeBytes { ByteSearch.find(pattern, in: $0.baseAddress!, count: $0.count) != nil }
    }

    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// Byte strings every matching record's line must contain, so that most lines are never
    /// decoded: the lowered text (when JSON writes it unescaped) and the request id.
    var lineNeedles: (lowered: [UInt8]?, exact: [UInt8]?) {
        var lowered: [UInt8]?
        if let text {
            let bytes = Array(text.utf8)
            // JSON escapes quotes, backslashes and control characters, so those texts are checked on decoded records only.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                lowered = bytes.map(Self.asciiLower)
            }
        }
        let exact = requestID.map { Array(#""requestID":"\#($0)""#.utf8) }
        return (lowered, exact)
    }
}
