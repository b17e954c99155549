import Foundation

/// One `Set-Cookie` header as RFC 6265 §5.2 reads it: the name and value, and the attributes,
/// the last of each kind winning; unknown attributes are ignored.
public struct SetCookie: Hashable, Sendable {
    public var name: String
    public var value: String
    public var expires: Date?
    /// Seconds; wins over `expires`. Zero or less expires the cookie at once.
    public var maxAge: Int?
    public var domain: String?
    public var path: String?
    public var secure = false
    public var httpOnly = false
    /// `Strict`, `Lax` or `None` as sent.
    public var sameSite: String?

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// nil for a line without `=` in its first part, or with an empty name and value.
    public static func parse(_ line: String) -> SetCookie? {
        let parts = line.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        let name = first[..<equals].trimmingCharacters(in: .whitespaces)
        let value = first[first.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if name.isEmpty && value.isEmpty { return nil }
        var cookie = SetCookie(name: name, value: value)
        for attribute in parts.dropFirst() {
            let pair = attribute.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let text = pair.count > 1 ? pair[1].trimmingCharacters(in: .whitespaces) : ""
            switch key {
            case "expires": if let date = CookieDate.parse(text) { cookie.expires = date }
            case "max-age":
                // Only an optional minus and digits count; anything else leaves the attribute out.
                let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
                if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    cookie.maxAge = Int(text) ?? (text.hasPrefix("-") ? Int.min : Int.max)
                }
            case "domain": if !text.isEmpty { cookie.domain = text }
            case "path": cookie.path = text.hasPrefix("/") ? text : nil
            case "secure": cookie.secure = true
            case "httponly": cookie.httpOnly = true
            case "samesite": cookie.sameSite = text
            default: break
            }
        }
        return cookie
    }

    /// Every cookie the response sets. URLSession on Linux merges repeated headers with ", ", which
    /// also occurs inside an `Expires` date: a comma starts a new cookie only where `name=` follows.
    public static func all(in headers: [HTTPField]) -> [SetCookie] {
        lines(in: headers).compactMap(parse)
    }

    /// Each `Set-Cookie` line as sent, merged headers taken apart.
    public static func lines(in headers: [HTTPField]) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare("Set-Cookie") == .orderedSame }.flatMap { splitMerged($0.value) }
    }

    static func splitMerged(_ value: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character == ",", startsCookie(value[value.index(after: index)...]) {
                lines.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = value.index(after: index)
        }
        lines.append(current)
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether `rest` begins (after spaces) with a token followed by `=`, as a cookie does and the
    /// day of an `Expires` date (`21 Oct 2015 …; Path=/`) does not.
    private static func startsCookie(_ rest: Substring) -> Bool {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        guard let end = trimmed.firstIndex(where: { $0 == "=" || $0 == ";" || $0 == "," }) else { return false }
        let token = trimmed[..<end]
        return trimmed[end] == "=" && !token.isEmpty && !token.contains(" ")
    }
}
