import Foundation
import PorticoCore

/// A search in the response pane (`/`): every match in the tab shown is highlighted, the count
/// shown, and `n` / `N` jump between them. Plain text by default (case-insensitive unless the text
/// has a capital letter); Tab while typing switches to a regular expression. A body document is
/// searched whole (plain text in its bytes, a regular expression line by line); a large one in
/// the background, while the rest of the explorer goes on.
public struct ResponseSearch: Hashable, Sendable {
    /// Where a match is: a line of the tab (a line with two matches is there twice).
    public struct Match: Hashable, Sendable {
        public var line: Int
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
    /// Still looking, in the background: the matches are not in yet.
    public var isRunning = false

    /// Matches kept at most: a search for "e" in 100 MB must not keep millions.
    static let limit = 100_000

    /// Smart case: a capital letter typed makes the search match case. In a regular expression the
    /// letters of an escape (`\D`, `\S`, `\p{Lu}`, `\x{1F}`) are syntax, not text, and do not count.
    var ignoresCase: Bool {
        guard isRegex else { return !text.contains(where: \.isUppercase) }
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "\\" {
                guard let escaped = characters.next() else { break }
                var lookahead = characters
                if "pPNx".contains(escaped), lookahead.next() == "{" {
                    // `\p{Lu}`, `\N{…}`, `\x{1F}`: the braces hold syntax too.
                    while let inside = characters.next(), inside != "}" {}
                } else {
                    // `\pL`, `\cM`, `\xFF`, `\uFFFF`, `\UFFFFFFFF`: so many characters follow.
                    let following = ["p": 1, "P": 1, "c": 1, "x": 2, "u": 4, "U": 8][escaped] ?? 0
                    for _ in 0..<following { _ = characters.next() }
                }
                continue
            }
            if character.isUppercase { return false }
        }
        return true
    }

    /// The expression the text stands for, or why it is not one. Plain text is the one the body
    /// search counts with, so the highlighter marks what the count counted.
    func expression() -> Result<NSRegularExpression, SearchProblem> {
        guard isRegex else {
            return BodySearch.plainExpression(text, ignoringCase: ignoresCase).map { .success($0) } ?? .failure(SearchProblem())
        }
        return CompiledExpressions.expression(text, options: ignoresCase ? [.caseInsensitive] : []).map { .success($0) }
            ?? .failure(SearchProblem())
    }

    struct SearchProblem: Error {}

    /// Finds `text` in every line of `shown`; `shouldStop` ends a long search early.
    static func run(_ text: String, isRegex: Bool, in shown: ShownLines, shouldStop: () -> Bool = { false }) -> ResponseSearch {
        var search = ResponseSearch(text: text, isRegex: isRegex)
        guard !text.isEmpty else { return search }
        guard case .success(let expression) = search.expression() else {
            search.problem = "not a valid regular expression"
            return search
        }
        var lines: [Int] = []
        func count(_ line: ResponseView.Line) -> Int {
            let joined = line.map(\.text).joined()
            return expression.numberOfMatches(in: joined, range: NSRange(location: 0, length: (joined as NSString).length))
        }
        let made = shown.document == nil ? shown.header + shown.memory : shown.header
        for (number, line) in made.enumerated() {
            lines += Array(repeating: number, count: count(line))
        }
        if let document = shown.document {
            // Secrets are hidden on screen: lines are searched as drawn, masked, so a search
            // cannot find them either.
            let masker = shown.masker.flatMap { $0.isEmpty ? nil : $0 }
            let found = isRegex
                ? BodySearch.regularExpression(expression, in: document, hiding: masker, limit: limit, shouldStop: shouldStop)
                : BodySearch.plain(text, in: document, ignoringCase: search.ignoresCase, hiding: masker, limit: limit, shouldStop: shouldStop)
            lines += found.lines.map { $0 + shown.header.count }
        }
        if lines.count > limit {
            lines.removeLast(lines.count - limit)
            search.isTruncated = true
        }
        search.isTruncated = search.isTruncated || lines.count == limit
        search.matches = lines.map(Match.init)
        return search
    }

    /// One line for the title of the pane: where we are among the matches.
    public var summary: String {
        if let problem { return problem }
        if isRunning { return "searching for \(isRegex ? "/\(text)/" : "“\(text)”")…" }
        if matches.isEmpty { return "no match for \(isRegex ? "/\(text)/" : "“\(text)”")" }
        return "match \(current + 1) of \(matches.count)\(isTruncated ? "+" : "")"
    }

    /// The column just past the current match, as its line is drawn; nil when it cannot be told.
    func currentMatchEnd(in shown: ShownLines) -> Int? {
        guard matches.indices.contains(current), case .success(let expression) = expression() else { return nil }
        let line = matches[current].line
        let text = shown.line(line).map(\.text).joined()
        let found = Self.matchRanges(of: expression, in: text)
        let nth = current - firstMatch(atOrAfter: line)
        guard found.indices.contains(nth) else { return nil }
        return DisplayWidth.of(String(text[..<found[nth].upperBound]))
    }

    /// Where `expression` matches `text`, as the highlighter marks them (an empty match marks nothing).
    static func matchRanges(of expression: NSRegularExpression, in text: String) -> [Range<String.Index>] {
        expression.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).compactMap { result in
            result.range.length > 0 ? Range(result.range, in: text) : nil
        }
    }

    /// The index of the first match on `line` or after it.
    func firstMatch(atOrAfter line: Int) -> Int {
        var low = 0, high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle].line < line { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Marks a search's matches in the lines drawn: each line on screen is searched again, so the
/// matches found in a document's bytes need not carry their columns.
struct SearchHighlighter {
    let search: ResponseSearch
    let expression: NSRegularExpression

    init?(_ search: ResponseSearch) {
        guard !search.matches.isEmpty, case .success(let expression) = search.expression() else { return nil }
        self.search = search
        self.expression = expression
    }

    /// `line` with its matches split out as spans of their own roles.
    func marked(_ line: ResponseView.Line, line number: Int) -> ResponseView.Line {
        let first = search.firstMatch(atOrAfter: number)
        guard first < search.matches.count, search.matches[first].line == number else { return line }
        let text = line.map(\.text).joined()
        let ranges = ResponseSearch.matchRanges(of: expression, in: text).map { range -> Range<Int> in
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            return start..<(start + text[range].count)
        }
        let current = search.current - first
        var result: ResponseView.Line = []
        var offset = 0
        for span in line {
            let characters = Array(span.text)
            var position = 0
            while position < characters.count {
                let at = offset + position
                if let index = ranges.firstIndex(where: { $0.contains(at) }) {
                    let end = min(characters.count, ranges[index].upperBound - offset)
                    result.append(ResponseView.Span(String(characters[position..<end]), index == current ? .currentMatch : .match))
                    position = end
                } else {
                    let next = ranges.map(\.lowerBound).filter { $0 > at }.min().map { min(characters.count, $0 - offset) } ?? characters.count
                    result.append(ResponseView.Span(String(characters[position..<next]), span.role))
                    position = next
                }
            }
            offset += characters.count
        }
        return result
    }
}
