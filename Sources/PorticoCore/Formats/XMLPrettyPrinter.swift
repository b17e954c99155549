/// Re-indents XML one element per line and tags each piece for syntax highlighting.
///
/// Hand-written rather than built on Foundation's `XMLParser`, which hands back decoded content:
/// entity references, attribute quotes, CDATA sections and the XML declaration would not come
/// back as the server sent them. This printer only moves whitespace between and inside tags; every
/// other character is kept as written. It checks just enough structure (one root, matching tags, closed
/// comments, CDATA sections and quotes) to tell XML from text that merely starts with `<`, and it
/// reads prefixes as part of names, so SOAP envelopes with namespaces that are never declared, or
/// declared elsewhere, format as they are.
public enum XMLPrettyPrinter {
    public enum TokenKind: Hashable, Sendable {
        /// `<`, `>`, `/>`, `</`, `=`, and the `<![CDATA[` and `]]>` around CDATA content.
        case punctuation
        case elementName
        case attributeName
        /// An attribute value with its quotes, as written.
        case attributeValue
        /// Text content (entity references as written), CDATA content, indentation and spaces.
        case text
        case comment
        /// The XML declaration, other processing instructions and the DOCTYPE.
        case declaration
    }

    public struct Piece: Hashable, Sendable {
        public var text: String
        public var kind: TokenKind
    }

    public typealias Line = [Piece]

    /// Text content up to this many characters shares a line with its element's tags.
    static let inlineTextLimit = 80
    /// Indentation stops growing here, so a deeply nested document cannot grow quadratically.
    static let maxIndentDepth = 64

    /// The pretty lines, or nil when `text` is not a single well-formed XML element, optionally with
    /// a prolog (declaration, DOCTYPE, comments, processing instructions) and trailing comments or
    /// processing instructions.
    /// `indent` is clamped to 0...16 spaces.
    public static func lines(_ text: String, indent: Int = 2) -> [Line]? {
        var tokenizer = Tokenizer(Array(text.utf8))
        guard tokenizer.run() else { return nil }
        var layout = Layout(tokenizer.bytes, indent: min(max(indent, 0), 16))
        layout.emit(tokenizer.tokens, attributes: tokenizer.attributes)
        return layout.finish()
    }

    /// Bytes of the line break at `position`: LF, CR, CR LF, VT, FF, NEL, LS or PS (what
    /// `Character.isNewline` splits on, as the raw view does); 0 when there is none.
    private static func lineBreakLength(_ bytes: [UInt8], at position: Int, end: Int) -> Int {
        switch bytes[position] {
        case 0x0D: position + 1 < end && bytes[position + 1] == 0x0A ? 2 : 1
        case 0x0A, 0x0B, 0x0C: 1
        case 0xC2: position + 1 < end && bytes[position + 1] == 0x85 ? 2 : 0
        case 0xE2: position + 2 < end && bytes[position + 1] == 0x80 && (bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9) ? 3 : 0
        default: 0
        }
    }

    // MARK: - Tokens

    /// Byte ranges into the document; attributes live in one shared array to spare an allocation
    /// per tag.
    private enum Token {
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Trimmed, never empty.
        case text(Range<Int>)
        case comment(Range<Int>)
        /// The content between `<![CDATA[` and `]]>`.
        case cdata(Range<Int>)
        case declaration(Range<Int>)
    }

    private struct Attribute {
        var name: Range<Int>
        /// With its quotes.
        var value: Range<Int>
    }

    private enum ASCII {
        static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), equals = UInt8(ascii: "=")
        static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
        static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

        /// Bytes that end a tag or attribute name.
        static func endsName(_ byte: UInt8) -> Bool {
            byte.isLayoutSpace || byte == slash || byte == greaterThan || byte == lessThan || byte == equals
                || byte == doubleQuote || byte == singleQuote
        }
    }

    /// Splits the document into tokens and checks its structure on the way, in one pass.
    private struct Tokenizer {
        let bytes: [UInt8]
        var index = 0
        var tokens: [Token] = []
        var attributes: [Attribute] = []
        /// Names of the elements open at `index`.
        private var open: [Range<Int>] = []
        private var rootSeen = false
        private var doctypeSeen = false

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        private var atEnd: Bool { index >= bytes.count }

        mutating func run() -> Bool {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            skipWhitespace()
            guard !atEnd, bytes[index] == ASCII.lessThan else { return false }
            while !atEnd {
                let accepted = bytes[index] == ASCII.lessThan ? markup() : text()
                guard accepted else { return false }
            }
            return rootSeen && open.isEmpty
        }

        private mutating func text() -> Bool {
            var start = index
            while !atEnd, bytes[index] != ASCII.lessThan { index += 1 }
            var end = index
            while start < end, bytes[start].isLayoutSpace { start += 1 }
            while end > start, bytes[end - 1].isLayoutSpace { end -= 1 }
            guard start < end else { return true }
            guard !open.isEmpty else { return false }
            tokens.append(.text(start..<end))
            return true
        }

        private mutating func markup() -> Bool {
            let start = index
            if hasPrefix("</") { return endTag() }
            if hasPrefix("<!--") {
                guard skip(past: "-->", from: start + 4) else { return false }
                tokens.append(.comment(start..<index))
                return true
            }
            if hasPrefix("<![CDATA[") {
                guard !open.isEmpty, skip(past: "]]>", from: start + 9) else { return false }
                tokens.append(.cdata((start + 9)..<(index - 3)))
                return true
            }
            if hasPrefix("<!DOCTYPE") {
                guard !rootSeen, !doctypeSeen, doctype() else { return false }
                doctypeSeen = true
                tokens.append(.declaration(start..<index))
                return true
            }
            if hasPrefix("<?") {
                guard skip(past: "?>", from: start + 2) else { return false }
                tokens.append(.declaration(start..<index))
                return true
            }
            if hasPrefix("<!") { return false }
            return startTag()
        }

        private mutating func startTag() -> Bool {
            // A second root element is not XML.
            guard !(rootSeen && open.isEmpty) else { return false }
            index += 1
            let name = scanName()
            guard !name.isEmpty else { return false }
            let firstAttribute = attributes.count
            var selfClosing = false
            while true {
                let separated = skipWhitespace()
                guard !atEnd else { return false }
                if bytes[index] == ASCII.greaterThan {
                    index += 1
                    break
                }
                if bytes[index] == ASCII.slash {
                    guard hasPrefix("/>") else { return false }
                    index += 2
                    selfClosing = true
                    break
                }
                guard separated else { return false }
                let attributeName = scanName()
                guard !attributeName.isEmpty else { return false }
                skipWhitespace()
                guard !atEnd, bytes[index] == ASCII.equals else { return false }
                index += 1
                skipWhitespace()
                guard !atEnd, bytes[index] == ASCII.doubleQuote || bytes[index] == ASCII.singleQuote else { return false }
                let quote = bytes[index]
                let valueStart = index
                index += 1
                // `<` may not appear in a value; stopping there also ends an unclosed quote early.
                while !atEnd, bytes[index] != quote, bytes[index] != ASCII.lessThan { index += 1 }
                guard !atEnd, bytes[index] == quote else { return false }
                index += 1
                attributes.append(Attribute(name: attributeName, value: valueStart..<index))
            }
            rootSeen = true
            if !selfClosing { open.append(name) }
            tokens.append(.start(name: name, attributes: firstAttribute..<attributes.count, selfClosing: selfClosing))
            return true
        }

        private mutating func endTag() -> Bool {
            index += 2
            let name = scanName()
            skipWhitespace()
            guard !name.isEmpty, !atEnd, bytes[index] == ASCII.greaterThan else { return false }
            index += 1
            guard let expected = open.popLast(), bytes[expected].elementsEqual(bytes[name]) else { return false }
            tokens.append(.end(name: name))
            return true
        }

        /// Moves past a DOCTYPE, whose internal subset in brackets holds `>` in its declarations,
        /// quoted strings and comments.
        private mutating func doctype() -> Bool {
            index += 9
            var inSubset = false
            while !atEnd {
                let byte = bytes[index]
                if byte == ASCII.doubleQuote || byte == ASCII.singleQuote {
                    index += 1
                    while !atEnd, bytes[index] != byte { index += 1 }
                    guard !atEnd else { return false }
                    index += 1
                } else if inSubset, hasPrefix("<!--") {
                    guard skip(past: "-->", from: index + 4) else { return false }
                } else if inSubset, hasPrefix("<?") {
                    guard skip(past: "?>", from: index + 2) else { return false }
                } else if byte == ASCII.openBracket {
                    inSubset = true
                    index += 1
                } else if byte == ASCII.closeBracket {
                    inSubset = false
                    index += 1
                } else if byte == ASCII.greaterThan, !inSubset {
                    index += 1
                    return true
                } else {
                    index += 1
                }
            }
            return false
        }

        private mutating func scanName() -> Range<Int> {
            let start = index
            // A line break ends a name too, so no piece of a name can break a line.
            while !atEnd, !ASCII.endsName(bytes[index]),
                  XMLPrettyPrinter.lineBreakLength(bytes, at: index, end: bytes.count) == 0 { index += 1 }
            return start..<index
        }

        /// Whether any whitespace was skipped.
        @discardableResult
        private mutating func skipWhitespace() -> Bool {
            let start = index
            while !atEnd, bytes[index].isLayoutSpace { index += 1 }
            return index > start
        }

        private func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return prefix.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        }

        /// Moves `index` just past the first `terminator` at or after `position`; false when there
        /// is none.
        private mutating func skip(past terminator: StaticString, from position: Int) -> Bool {
            index = position
            while !atEnd {
                if hasPrefix(terminator) {
                    index += terminator.utf8CodeUnitCount
                    return true
                }
                index += 1
            }
            return false
        }
    }

    // MARK: - Layout

    /// Lays tokens out one element per line.
    private struct Layout {
        let bytes: [UInt8]
        /// Indentation for each depth up to `maxIndentDepth`, built once so lines share the storage.
        let indentation: [String]
        private var lines: [Line] = []
        private var current: Line = []
        private var started = false

        init(_ bytes: [UInt8], indent: Int) {
            self.bytes = bytes
            indentation = (0...XMLPrettyPrinter.maxIndentDepth).map { String(repeating: " ", count: $0 * indent) }
        }

        mutating func emit(_ tokens: [Token], attributes: [Attribute]) {
            var depth = 0
            var position = 0
            while position < tokens.count {
                switch tokens[position] {
                case .start(let name, let attributeRange, let selfClosing):
                    newLine(depth)
                    append("<", .punctuation)
                    append(name, .elementName)
                    for attribute in attributes[attributeRange] {
                        append(" ", .text)
                        append(attribute.name, .attributeName)
                        append("=", .punctuation)
                        appendLines(attribute.value, .attributeValue)
                    }
                    append(selfClosing ? "/>" : ">", .punctuation)
                    guard !selfClosing else { break }
                    // The tokenizer checked nesting, so an end tag right after is this element's.
                    if position + 1 < tokens.count, case .end(let endName) = tokens[position + 1] {
                        endTag(endName)
                        position += 1
                    } else if position + 2 < tokens.count, case .text(let text) = tokens[position + 1],
                              case .end(let endName) = tokens[position + 2], isShort(text) {
                        append(text, .text)
                        endTag(endName)
                        position += 2
                    } else {
                        depth += 1
                    }
                case .end(let name):
                    depth -= 1
                    newLine(depth)
                    endTag(name)
                case .text(let range):
                    for line in lineRanges(range) {
                        let trimmed = trim(line)
                        if trimmed.isEmpty {
                            newLine(0)
                        } else {
                            newLine(depth)
                            append(trimmed, .text)
                        }
                    }
                case .comment(let range):
                    newLine(depth)
                    appendLines(range, .comment)
                case .cdata(let range):
                    newLine(depth)
                    append("<![CDATA[", .punctuation)
                    appendLines(range, .text)
                    append("]]>", .punctuation)
                case .declaration(let range):
                    newLine(depth)
                    appendLines(range, .declaration)
                }
                position += 1
            }
        }

        mutating func finish() -> [Line] {
            if started { lines.append(current) }
            return lines
        }

        private mutating func newLine(_ depth: Int) {
            if started { lines.append(current) }
            started = true
            let spaces = indentation[min(depth, XMLPrettyPrinter.maxIndentDepth)]
            // Room for a tag with an attribute, so most lines are allocated once.
            current = []
            current.reserveCapacity(8)
            if !spaces.isEmpty { current.append(Piece(text: spaces, kind: .text)) }
        }

        private mutating func endTag(_ name: Range<Int>) {
            append("</", .punctuation)
            append(name, .elementName)
            append(">", .punctuation)
        }

        private mutating func append(_ text: String, _ kind: TokenKind) {
            current.append(Piece(text: text, kind: kind))
        }

        private mutating func append(_ range: Range<Int>, _ kind: TokenKind) {
            guard !range.isEmpty else { return }
            current.append(Piece(text: String(decoding: bytes[range], as: UTF8.self), kind: kind))
        }

        /// Appends text as written; its own line breaks start new, unindented lines.
        private mutating func appendLines(_ range: Range<Int>, _ kind: TokenKind) {
            var first = true
            for line in lineRanges(range) {
                if !first {
                    lines.append(current)
                    current = []
                }
                first = false
                append(line, kind)
            }
        }

        /// Text of up to `inlineTextLimit` characters on one line.
        private func isShort(_ range: Range<Int>) -> Bool {
            var characters = 0
            var position = range.lowerBound
            while position < range.upperBound {
                if XMLPrettyPrinter.lineBreakLength(bytes, at: position, end: range.upperBound) > 0 { return false }
                // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
                if bytes[position] & 0xC0 != 0x80 {
                    characters += 1
                    if characters > XMLPrettyPrinter.inlineTextLimit { return false }
                }
                position += 1
            }
            return true
        }

        /// The lines of a range.
        private func lineRanges(_ range: Range<Int>) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var start = range.lowerBound
            var position = range.lowerBound
            while position < range.upperBound {
                let length = XMLPrettyPrinter.lineBreakLength(bytes, at: position, end: range.upperBound)
                if length > 0 {
                    result.append(start..<position)
                    position += length
                    start = position
                } else {
                    position += 1
                }
            }
            result.append(start..<range.upperBound)
            return result
        }

        private func trim(_ range: Range<Int>) -> Range<Int> {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end, bytes[start].isLayoutSpace { start += 1 }
            while end > start, bytes[end - 1].isLayoutSpace { end -= 1 }
            return start..<end
        }
    }
}
