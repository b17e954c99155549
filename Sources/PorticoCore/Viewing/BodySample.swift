import Foundation

/// The first bytes of a body as UTF-8 text, and what they look like: binary, JSON, JSON Lines,
/// XML, HTML. `BodyContent` weighs this evidence against the declared Content-Type.
struct BodySample {
    /// The sample in UTF-8, its byte order mark left out, and a character cut off at its end
    /// left out too when the body goes on past the sample.
    let text: [UInt8]
    /// Whether the sample is the whole body.
    let isWhole: Bool
    /// Binary rather than text: a NUL (no text format has one), or more than one character in
    /// ten a control character (other than tab, line breaks, form feed and escape) or not UTF-8.
    let looksBinary: Bool

    init(leading: Data, charset: BodyCharset, byteOrderMarkLength: Int, isWhole: Bool) {
        self.isWhole = isWhole
        var decoder = CharsetDecoder(charset)
        var text: [UInt8] = []
        Array(leading.dropFirst(byteOrderMarkLength)).withUnsafeBytes { decoder.decode($0, into: &text) }
        if isWhole {
            decoder.finish(into: &text)
        } else {
            Self.dropCutCharacter(&text)
        }
        self.text = text
        looksBinary = Self.isBinary(text)
    }

    /// Drops an incomplete UTF-8 sequence at the end: the sample ends, the character does not.
    private static func dropCutCharacter(_ text: inout [UInt8]) {
        for back in 1...3 where back <= text.count {
            let byte = text[text.count - back]
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > back { text.removeLast(back) }
            return
        }
    }

    private static func isBinary(_ text: [UInt8]) -> Bool {
        var iterator = text.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var characters = 0
        var suspicious = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded).value
                if scalar == 0 { return true }
                characters += 1
                let isControl = scalar < 0x20 || (0x7F...0x9F).contains(scalar)
                if isControl, ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(scalar) { suspicious += 1 }
            case .error:
                characters += 1
                suspicious += 1
            case .emptyInput:
                return suspicious * 10 > characters
            }
        }
    }

    /// The sample without leading whitespace.
    private var content: ArraySlice<UInt8> {
        text.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    /// One JSON value, as far as the sample goes.
    var looksLikeJSON: Bool {
        guard let first = content.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        return Self.isJSON(text[...], complete: isWhole)
    }

    /// JSON Lines: at least two lines, each a whole object or array of its own (blank lines
    /// aside), in the complete lines of the sample. Checking each line whole keeps a
    /// pretty-printed document, whose first line is a lone `{`, from passing.
    var looksLikeJSONLines: Bool {
        var lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        if !isWhole { lines.removeLast() }
        let values = lines.map { $0.drop { [0x20, 0x09, 0x0D].contains($0) } }.filter { !$0.allSatisfy { [0x20, 0x09, 0x0D].contains($0) } }
        guard values.count >= 2 else { return false }
        return values.allSatisfy { line in
            (line.first == UInt8(ascii: "{") || line.first == UInt8(ascii: "[")) && Self.isJSON(line, complete: true)
        }
    }

    /// An XML declaration first: `<?xml`.
    var startsWithXMLDeclaration: Bool {
        content.starts(with: Array("<?xml".utf8))
    }

    /// Markup first: a start tag, a comment, a doctype or a declaration.
    var startsWithMarkup: Bool {
        let start = content
        guard start.first == UInt8(ascii: "<"), let next = start.dropFirst().first else { return false }
        return next == UInt8(ascii: "?") || next == UInt8(ascii: "!") || next == UInt8(ascii: "_") || next == UInt8(ascii: ":")
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20)
    }

    /// An HTML document: `<!doctype html` or `<html` first, in any case.
    var startsLikeHTML: Bool {
        let start = String(decoding: content.prefix(15), as: UTF8.self).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html>") || start.hasPrefix("<html ")
    }

    /// Whether `bytes` are one JSON value (or the start of one, when not `complete`).
    private static func isJSON(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Bool {
        var indexer = JSONLineIndexer()
        var index = LineIndex()
        do {
            try bytes.withUnsafeBytes { try indexer.consume($0, at: 0, into: &index) }
            if complete { try indexer.finish(at: bytes.count, into: &index) }
            return true
        } catch {
            return false
        }
    }
}
