import Foundation

/// A search in the response pane (`/`): every match in the tab shown is highlighted, the count
/// shown, and `n` / `N` jump between them. Plain text by default (case-insensitive unless the text
/// has a capital letter); Tab while typing switches to a regular expression.
public struct ResponseSearch: Hashable, Sendable {
    /// Where a match is: a line of the tab and the characters in it.
    public struct Match: Hashable, Sendable {
        public var line: Int
        public var range: Range<Int>
    }

    public var text: String
    public var isRegex: Bool
    public var matches: [Match] = []
    /// The match last jumped to.
    public var current = 0
    /// Why there are no matches to show: an invalid regular expression.
    public var problem: String?
    /// More matches than are kept: the count is a lower bound.
    public var isTruncated = false

    /// Matches kept at most; a search for "e" in a 4 MB body must not cost a second.
    static let limit = 10_000

    /// Finds `text` in `lines` (each line's spans joined): one pass of one expression over the
    /// whole text, mapped back to lines and characters.
    static func run(_ text: String, isRegex: Bool, in lines: [ResponseView.Line]) -> ResponseSearch {
        var search = ResponseSearch(text: text, isRegex: isRegex)
        guard !text.isEmpty else { return search }
        let smartCase: NSRegularExpression.Options = text.contains(where: \.isUppercase) ? [] : [.caseInsensitive]
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: isRegex ? text : NSRegularExpression.escapedPattern(for: text), options: smartCase.union(.anchorsMatchLines))
        } catch {
            search.problem = "not a valid regular expression"
            return search
        }
        let lineTexts = lines.map { $0.map(\.text).joined() }
        let whole = lineTexts.joined(separator: "\n") as NSString
        var starts: [Int] = []
        var offset = 0
        for line in lineTexts {
            starts.append(offset)
            offset += line.utf16.count + 1
        }
        var found: [Match] = []
        expression.enumerateMatches(in: whole as String, range: NSRange(location: 0, length: whole.length)) { result, _, stop in
            guard let range = result?.range, range.length > 0 else { return }
            if found.count == limit {
                search.isTruncated = true
                stop.pointee = true
                return
            }
            // The line holding the match's start (binary search), and the match clipped to it.
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= range.location { low = middle } else { high = middle - 1 }
            }
            let line = lineTexts[low]
            let utf16Start = range.location - starts[low]
            let utf16End = min(line.utf16.count, utf16Start + range.length)
            let start = line.distance(from: line.startIndex, to: String.Index(utf16Offset: utf16Start, in: line))
            let end = line.distance(from: line.startIndex, to: String.Index(utf16Offset: utf16End, in: line))
            if end > start { found.append(Match(line: low, range: start..<end)) }
        }
        search.matches = found
        return search
    }

    /// One line for the footer of the pane: where we are among the matches.
    public var summary: String {
        if let problem { return problem }
        if matches.isEmpty { return "no match for \(isRegex ? "/\(text)/" : "“\(text)”")" }
        return "match \(current + 1) of \(matches.count)\(isTruncated ? "+" : "")"
    }
}
