import Foundation

/// A search across a whole body document: the lines of its matches, in order, and how many there
/// are. Either way it finds what the lines show, as drawn: plain text is first looked for in the
/// bytes, which is fast; a regular expression runs on every line.
public struct BodySearch: Sendable {
    /// The shown line of each match found, ascending, one entry per match.
    public var lines: [Int] = []
    /// More matches than `limit` exist: the count is a lower bound.
    public var isTruncated = false
    /// The search was stopped before the end.
    public var isCancelled = false

    /// Bytes searched per block; blocks overlap by the text's length less one.
    static let blockSize = 4 << 20

    /// The expression a plain search for `text` is: the text itself, with ASCII letters in either
    /// case when `ignoringCase`. Text with a letter beyond ASCII folds the Unicode way instead
    /// (`é` finds `É`); ASCII text folds only ASCII, so `strasse` does not find `Straße`, and
    /// what the byte search finds, the highlighter marks.
    public static func plainExpression(_ text: String, ignoringCase: Bool) -> NSRegularExpression? {
        guard ignoringCase else { return CompiledExpressions.expression(NSRegularExpression.escapedPattern(for: text)) }
        if foldsBeyondASCII(text) {
            return CompiledExpressions.expression(NSRegularExpression.escapedPattern(for: text), options: [.caseInsensitive])
        }
        let pattern = text.map { character -> String in
            guard character.isASCII, character.isLetter else { return NSRegularExpression.escapedPattern(for: String(character)) }
            return "[\(character.lowercased())\(character.uppercased())]"
        }.joined()
        return CompiledExpressions.expression(pattern)
    }

    /// Whether `text` has a letter whose case folds beyond ASCII.
    static func foldsBeyondASCII(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.isASCII && $0.properties.changesWhenCaseMapped }
    }

    /// Finds `text` on `document`'s lines as they are drawn, as the highlighter marks it (with
    /// `plainExpression`). The bytes are read first, block by block, for the lines that can hold
    /// it (see `SpacedNeedle`), which covers 100 MB in well under a second; only those lines are
    /// drawn and counted. Text that folds case beyond ASCII, text of whitespace only, and a hex
    /// dump (its rows show offsets and hex digits, not the bytes) are looked for on every line
    /// instead. With `masker`, lines are drawn with its secrets hidden, so a secret is not found
    /// either. `shouldStop` is asked between blocks and every few thousand lines drawn.
    public static func plain(_ text: String, in document: BodyDocument, ignoringCase: Bool, hiding masker: SecretMasker? = nil,
                             limit: Int, shouldStop: () -> Bool = { false }) -> BodySearch {
        guard !text.isEmpty, let expression = plainExpression(text, ignoringCase: ignoringCase) else { return BodySearch() }
        guard !(ignoringCase && foldsBeyondASCII(text)), document.layout != .hex,
              let needle = SpacedNeedle(text, ignoringCase: ignoringCase) else {
            return regularExpression(expression, in: document, hiding: masker, limit: limit, shouldStop: shouldStop)
        }
        var result = BodySearch()
        let finder = needle.anchorSearch
        let reach = needle.longestMatch
        let total = document.bytes.count
        var owned = 0
        var lastLine = -1
        var drawn = 0
        // Each block owns the matches that start in it, and reads far enough either side to see
        // them whole: matches come out in order of their starts, and each once.
        searching: while owned < total {
            if shouldStop() {
                result.isCancelled = true
                break
            }
            let ownedEnd = min(total, owned + blockSize)
            let read = max(0, owned - reach)..<min(total, ownedEnd + reach)
            let starts: [Int] = document.bytes.withBytes(in: read) { buffer in
                var found: [Int] = []
                var from = 0
                while let at = finder.find(in: buffer, range: from..<buffer.count) {
                    if let start = needle.matchStart(anchorAt: at, in: buffer),
                       (owned..<ownedEnd).contains(read.lowerBound + start) {
                        found.append(read.lowerBound + start)
                    }
                    from = at + 1
                }
                return found.sorted()
            }
            for start in starts {
                let line = document.line(containing: start, from: max(0, lastLine))
                guard line != lastLine else { continue }
                lastLine = line
                // The bytes can hold the text on many lines that do not show it (`0,0` in
                // `[0,0,…]`): drawing them all takes a while, which Esc must be able to stop.
                drawn += 1
                if drawn % 4096 == 0, shouldStop() {
                    result.isCancelled = true
                    break searching
                }
                let matches = count(expression, onLine: line, of: document, hiding: masker)
                guard matches > 0 else { continue }
                if result.lines.count + matches > limit {
                    result.lines += Array(repeating: line, count: limit - result.lines.count)
                    result.isTruncated = true
                    break searching
                }
                result.lines += Array(repeating: line, count: matches)
            }
            owned = ownedEnd
        }
        return result
    }

    /// How many times `expression` matches line `line` as drawn.
    private static func count(_ expression: NSRegularExpression, onLine line: Int, of document: BodyDocument, hiding masker: SecretMasker?) -> Int {
        let text = (masker.map { document.line(line, hiding: $0) } ?? document.line(line)).map(\.text).joined()
        return expression.numberOfMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
    }

    /// Runs `expression` on each shown line (drawn with `masker`'s secrets hidden, when given);
    /// `shouldStop` is asked every few thousand lines.
    public static func regularExpression(_ expression: NSRegularExpression, in document: BodyDocument, hiding masker: SecretMasker? = nil,
                                         limit: Int, shouldStop: () -> Bool = { false }) -> BodySearch {
        var result = BodySearch()
        for line in 0..<document.lineCount {
            if line % 4096 == 0, shouldStop() {
                result.isCancelled = true
                break
            }
            let matches = count(expression, onLine: line, of: document, hiding: masker)
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
