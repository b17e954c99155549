import Foundation

/// The `format` values checked when the caller asks for format assertion. Any other format
/// stays an annotation.
enum SchemaFormat: String, Sendable {
    case dateTime = "date-time"
    case date
    case email
    case uuid
    case ipv4
    case ipv6
    case uri

    func accepts(_ text: String) -> Bool {
        // Every format here is ASCII-only; working on bytes keeps the parsers simple.
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return SchemaFormat.isDateTime(bytes)
        case .date: return SchemaFormat.isFullDate(bytes[...])
        case .email: return SchemaFormat.isEmail(text)
        case .uuid: return SchemaFormat.isUUID(bytes)
        case .ipv4: return SchemaFormat.isIPv4(bytes[...])
        case .ipv6: return SchemaFormat.isIPv6(text)
        case .uri: return SchemaFormat.isURI(bytes)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    /// The value of `count` digits at `start`, or nil if they are not all digits.
    private static func number(_ bytes: ArraySlice<UInt8>, at start: Int, count: Int) -> Int? {
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// RFC 3339 full-date: YYYY-MM-DD, a day that exists in that month (leap years included).
    private static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = number(bytes, at: start, count: 4),
              let month = number(bytes, at: start + 5, count: 2),
              let day = number(bytes, at: start + 8, count: 2),
              (1...12).contains(month) else { return false }
        let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...daysInMonth).contains(day)
    }

    /// RFC 3339 date-time: full-date "T" HH:MM:SS[.fraction] then "Z" or ±HH:MM; "T" and "Z" in
    /// either case; second 60 allowed for a leap second.
    private static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 20, isFullDate(bytes[0..<10]), bytes[10] | 0x20 == UInt8(ascii: "t") else { return false }
        guard bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes[...], at: 11, count: 2), hour < 24,
              let minute = number(bytes[...], at: 14, count: 2), minute < 60,
              let second = number(bytes[...], at: 17, count: 2), second <= 60 else { return false }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] | 0x20 == UInt8(ascii: "z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
              bytes[index + 3] == UInt8(ascii: ":"),
              let offsetHour = number(bytes[...], at: index + 1, count: 2), offsetHour < 24,
              let offsetMinute = number(bytes[...], at: index + 4, count: 2), offsetMinute < 60 else { return false }
        return true
    }

    /// 8-4-4-4-12 hexadecimal digits (RFC 9562), any version.
    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isHyphenPosition = index == 8 || index == 13 || index == 18 || index == 23
            guard isHyphenPosition ? byte == UInt8(ascii: "-") : isHexDigit(byte) else { return false }
        }
        return true
    }

    /// Dotted quad: four decimal numbers 0–255 without leading zeros.
    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(isDigit),
                  part.count == 1 || part.first != UInt8(ascii: "0"),
                  let value = number(part, at: part.startIndex, count: part.count) else { return false }
            return value <= 255
        }
    }

    /// RFC 4291 text form: up to eight groups of 1–4 hex digits, at most one "::", optionally
    /// ending in a dotted quad that counts as two groups. No zone index.
    private static func isIPv6(_ text: String) -> Bool {
        guard text.utf8.count >= 2 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groupCount = 0
        for (halfIndex, half) in halves.enumerated() where !half.isEmpty {
            let groups = half.split(separator: ":", omittingEmptySubsequences: false)
            for (groupIndex, group) in groups.enumerated() {
                let isLastGroup = halfIndex == halves.count - 1 && groupIndex == groups.count - 1
                if isLastGroup, group.contains(".") {
                    guard isIPv4(Array(group.utf8)[...]) else { return false }
                    groupCount += 2
                } else {
                    guard (1...4).contains(group.utf8.count), group.utf8.allSatisfy(isHexDigit) else { return false }
                    groupCount += 1
                }
            }
        }
        return halves.count == 2 ? groupCount <= 7 : groupCount == 8
    }

    /// A pragmatic RFC 5321 address: dot-separated atoms of the usual characters (or a quoted
    /// local part), "@", then a host name of letters, digits and hyphens or a bracketed IP literal.
    private static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let localIsValid: Bool
        if local.count >= 2, local.hasPrefix("\""), local.hasSuffix("\"") {
            localIsValid = local.dropFirst().dropLast().allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        } else {
            let atomCharacters = "!#$%&'*+-/=?^_`{|}~"
            localIsValid = !local.isEmpty && local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
                !atom.isEmpty && atom.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || atomCharacters.contains($0)) }
            }
        }
        guard localIsValid, !domain.isEmpty else { return false }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            let literal = domain.dropFirst().dropLast()
            if literal.lowercased().hasPrefix("ipv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(Array(literal.utf8)[...])
        }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// RFC 3986 absolute URI: a scheme, ":", then only characters a URI may hold, with every "%"
    /// starting a two-digit escape.
    private static func isURI(_ bytes: [UInt8]) -> Bool {
        guard let text = String(bytes: bytes, encoding: .ascii), SchemaURI.hasScheme(text) else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard allowed.contains(byte) else { return false }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 2
            }
            index += 1
        }
        return true
    }
}
