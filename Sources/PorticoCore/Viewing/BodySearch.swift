import Foundation

/// A search across a whole body document: the lines of its matches, in order, and how many there
/// are. Plain text is looked for in the bytes as received, block by block (ASCII case folded when
/// asked), which covers 100 MB in well under a second; a regular expression runs on the lines as
/// shown. Either way a match is mapped to the shown line that holds it.
public struct BodySearch: Sendable {
    /// The shown line of each match found, ascending, one entry per match.
    public var lines: [Int] = []
    /// More matches than `limit` exist: the count is a lower bound.
    public var isTruncated = false
    /// The search was stopped before the end.
    public var isCancelled = false

    /// Bytes searched per block; blocks overlap by the text's length less one.
    static let blockSize = 4 << 20

    /// Finds `text` in `document`'s bytes. `shouldStop` is asked between blocks.
    public static func plain(_ text: String, in document: BodyDocument, ignoringCase: Bool, limit: Int,
                             shouldStop: () -> Bool = { false }) -> BodySearch {
        var result = BodySearch()
        let needle = Array(text.utf8)
        guard !needle.isEmpty else { return result }
        let finder = ByteSearch(needle, ignoringCase: ignoringCase)
        let total = document.bytes.count
        var start = 0
        var lastLine = -1
        searching: while start < total {
            if shouldStop() {
                result.isCancelled = true
                break
            }
            let end = min(total, start + blockSize)
            let offsets: [Int] = document.bytes.withBytes(in: start..<end) { buffer in
                var found: [Int] = []
                var from = 0
                while let at = finder.find(in: buffer, range: from..<buffer.count) {
                    found.append(start + at)
                    from = at + needle.count
                }
                return found
            }
            for offset in offsets {
                guard result.lines.count < limit else {
                    result.isTruncated = true
                    break searching
                }
                // Matches come in order: the line found for the last one is where to look from.
                let line = document.line(containing: offset, from: max(0, lastLine))
                result.lines.append(line)
                lastLine = line
            }
            guard end < total else { break }
            // The next block starts where a match could still begin, but after the last match.
            start = max(end - (needle.count - 1), (offsets.last.map { $0 + needle.count }) ?? 0)
        }
        return result
    }

    /// Runs `expression` on each shown line; `shouldStop` is asked every few thousand lines.
    public static func regularExpression(_ expression: NSRegularExpression, in document: BodyDocument, limit: Int,
                                         shouldStop: () -> Bool = { false }) -> BodySearch {
        var result = BodySearch()
        let count = document.lineCount
        for line in 0..<count {
            if line % 4096 == 0, shouldStop() {
                result.isCancelled = true
                break
            }
            let text = document.line(line).map(\.text).joined()
            let matches = expression.numberOfMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            guard matches > 0 else { continue }
            if result.lines.count + matches > limit {
                result.lines += Array(repeating: line, count: limit - result.lines.count)
                result.isTruncated = true
                break
            }
            result.lines += Array(repeating: line, count: matches)
        }
        return result
    }
}
