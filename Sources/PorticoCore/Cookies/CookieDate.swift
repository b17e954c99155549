import Foundation

/// RFC 6265 §5.1.1: the lenient date parser every browser uses for `Expires`, which accepts the
/// many spellings servers send (`Wed, 21 Oct 2015 07:28:00 GMT`, `Wednesday, 21-Oct-15 07:28:00 GMT`,
/// `Wed Oct 21 07:28:00 2015`) by looking for a time, a day, a month and a year among the tokens.
enum CookieDate {
    static func parse(_ text: String) -> Date? {
        var time: (Int, Int, Int)?
        var day: Int?
        var month: Int?
        var year: Int?
        for token in tokens(text) {
            if time == nil, let found = Self.time(token) { time = found; continue }
            if day == nil, let found = digits(token, count: 1...2) { day = found; continue }
            if month == nil, let found = Self.month(token) { month = found; continue }
            if year == nil, let found = digits(token, count: 2...4) { year = found; continue }
        }
        guard var year, let day, let month, let (hour, minute, second) = time else { return nil }
        if (70...99).contains(year) { year += 1900 } else if (0...69).contains(year) { year += 2000 }
        guard (1...31).contains(day), year >= 1601, hour <= 23, minute <= 59, second <= 59 else { return nil }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        components.calendar?.timeZone = TimeZone(identifier: "UTC")!
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }

    /// Runs of characters that are not delimiters (§5.1.1's delimiter set).
    private static func tokens(_ text: String) -> [Substring] {
        text.split { character in
            guard let ascii = character.asciiValue else { return false }
            return ascii == 0x09 || (0x20...0x2F).contains(ascii) || (0x3B...0x40).contains(ascii)
                || (0x5B...0x60).contains(ascii) || (0x7B...0x7E).contains(ascii)
        }
    }

    /// 1 to `count` leading digits, optionally followed by non-digits (`21st` reads as 21).
    private static func digits(_ token: Substring, count: ClosedRange<Int>) -> Int? {
        let leading = token.prefix { $0.isASCII && $0.isNumber }
        guard count.contains(leading.count) else { return nil }
        return Int(leading)
    }

    private static func time(_ token: Substring) -> (Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let hour = digits(parts[0], count: 1...2), let minute = digits(parts[1], count: 1...2),
              let second = digits(parts[2], count: 1...2), parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        return (hour, minute, second)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ token: Substring) -> Int? {
        guard token.count >= 3 else { return nil }
        return months.firstIndex(of: token.prefix(3).lowercased()).map { $0 + 1 }
    }
}
