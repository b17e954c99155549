/// The lines of pretty-printed XML, found in one pass over the bytes as received: the layout of
/// `XMLPrettyPrinter` (a tag, comment, CDATA section, declaration or line of text per line; an
/// element holding nothing but short text on one line, `<a>text</a>`; whitespace-only text
/// dropped), without ever holding the printed text. What the printer checks is checked on the way
/// (one root, matching tags, closed comments, sections, declarations and quotes), so a body that is
/// not XML falls back to text.
///
/// A line starts at its first shown byte, except where its bytes alone could not say what it is:
/// - A comment, CDATA section, declaration or attribute value that spans lines goes on in lines
///   marked `.continuation`, unindented as the printer leaves them, whose depth says what they
///   continue: the second line of a comment looks like any text.
/// - The line after a DOCTYPE starts where the DOCTYPE ends, so the DOCTYPE's last line ends at
///   its `>`: a `>` inside its internal subset or a quoted string does not end it, so that line
///   could not find its own end.
/// - Blank lines inside text are counted, not placed, until the text goes on (they may turn out to
///   be trailing whitespace, which is dropped): each starts somewhere in its run of whitespace.
public struct XMLLineIndexer: LineIndexing {
    /// What a `.continuation` line continues, kept as its depth.
    private enum Continued: Int {
        case comment, cdata, instruction, doctype, doubleQuotedValue, singleQuotedValue
    }

    /// Where the reader is in the document.
    private enum Place: UInt8 {
        /// Inside a UTF-8 byte order mark, `matched` bytes in.
        case byteOrderMark
        /// Outside the root element, where only whitespace may come between markup.
        case outside
        /// In an element's content.
        case text
        /// Just after `<`.
        case markup
        /// After `<!`, `matched` bytes into the rest of `opening`.
        case bang
        /// Inside one, `matched` bytes of its terminator seen.
        case comment, cdata, instruction, doctypeComment, doctypeInstruction
        case doctype, doctypeQuote
        /// After `<` in a DOCTYPE's internal subset, `matched` bytes into `!--`.
        case doctypeMarkup
        case elementName, tagSpace, attributeName, beforeEquals, beforeValue, attributeValue, selfClosing
        /// In a closing tag's name, `matched` bytes of the open element's name seen.
        case endName
        case endSpace
    }

    /// What `<!` opens.
    private enum Opening {
        case comment, cdata, doctype

        var rest: StaticString {
            switch self {
            case .comment: "--"
            case .cdata: "[CDATA["
            case .doctype: "DOCTYPE"
            }
        }
    }

    /// The text between two pieces of markup, read a line at a time: a line is shown for each line
    /// of it from its first to its last non-space byte (trimmed; one without text is blank).
    private struct TextRun {
        /// A byte other than space, tab, CR or LF was seen: what comes before is trimmed away.
        var started = false
        /// The current line has text, and so its shown line.
        var lined = false
        /// The current line follows a line break that is itself text (VT, FF, NEL, LS, PS, which are
        /// not trimmed), so it is shown even when nothing follows it.
        var confirmed = false
        var lineStart = 0
        /// Lines without text since the last text, shown only if text follows.
        var blankLines = 0
        var firstBlankStart = 0
    }

    /// An element just opened whose content may yet fit on its line: short text, no line break.
    private struct InlineCandidate {
        /// Where its text starts, once it has some.
        var text: Int?
        var characters = 0
        /// Spaces after the last character, counted once another character follows.
        var spaces = 0
    }

    private var place = Place.outside
    private var matched = 0
    private var opening = Opening.comment
    private var rootSeen = false
    private var doctypeSeen = false
    /// The names of the open elements, one after another, and where each starts.
    private var names: [UInt8] = []
    private var nameStarts: [Int] = []
    /// Where the name of the start tag being read starts in `names`.
    private var nameStart = 0
    /// The body offset of the `<` of the markup being read.
    private var markupStart = 0
    /// Whether whitespace came since the tag's name or last attribute value.
    private var separated = false
    /// The quote of the attribute value or DOCTYPE string being read.
    private var quote: UInt8 = 0
    private var inSubset = false
    /// What the construct being read would continue on another line.
    private var continued = Continued.comment
    /// A CR was the last byte, in text or in a construct: an LF now belongs to the same line break.
    private var afterCR = false
    /// The start of what may be a NEL (C2 85), LS or PS (E2 80 A8, E2 80 A9): C2, E2, or 80 after
    /// E2; and where it started.
    private var lead: UInt8 = 0
    private var leadOffset = 0
    private var doctypeEnd: Int?
    private var run = TextRun()
    private var inline: InlineCandidate?

    public init() {}

    private var depth: Int { nameStarts.count }

    public mutating func consume(_ bytes: UnsafeRawBufferPointer, at offset: Int, into index: inout LineIndex) throws(NotThisFormat) {
        let textStops = Self.textStops, nameStops = Self.nameStops, valueStops = Self.valueStops
        let commentStops = Self.commentStops, cdataStops = Self.cdataStops, instructionStops = Self.instructionStops
        var position = 0
        let count = bytes.count
        while position < count {
            if afterCR || lead != 0, try settleLineBreak(bytes[position], at: offset + position, into: &index) {
                position += 1
                continue
            }
            switch place {
            case .text:
                // The common runs at full speed: the whitespace before text, and text within a line.
                var scan = position
                if !run.started {
                    while scan < count, bytes[scan].isLayoutSpace { scan += 1 }
                } else if run.lined, inline == nil {
                    scan = textStops.first(in: bytes, from: scan)
                } else if run.lined {
                    // The text of an element that may fit on its line: its characters are counted.
                    var characters = 0
                    while scan < count {
                        let byte = bytes[scan]
                        if textStops.contains(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { break }
                        if byte & 0xC0 != 0x80 { characters += 1 }
                        scan += 1
                    }
                    if scan > position { countInline(characters, into: &index) }
                }
                position = scan
                guard position < count else { return }
                text(bytes[position], at: offset + position, into: &index)
                position += 1

            case .outside:
                let byte = bytes[position]
                if byte == UInt8(ascii: "<") {
                    markupStart = offset + position
                    place = .markup
                } else if offset + position == 0, byte == 0xEF {
                    matched = 1
                    place = .byteOrderMark
                } else if !byte.isLayoutSpace {
                    throw NotThisFormat(offset: offset + position, reason: "text outside the root element")
                }
                position += 1

            case .byteOrderMark:
                guard bytes[position] == (matched == 1 ? 0xBB : 0xBF) else {
                    throw NotThisFormat(offset: offset + position, reason: "text outside the root element")
                }
                matched += 1
                position += 1
                if matched == 3 { place = .outside }

            case .markup:
                let byte = bytes[position]
                if byte == UInt8(ascii: "/") {
                    guard depth > 0 else { throw NotThisFormat(offset: markupStart, reason: "a closing tag with no element open") }
                    if inline != nil {
                        // `<a>text</a>`: the closing tag stays on the opening tag's line.
                        inline = nil
                    } else {
                        appendLine(at: markupStart, depth: depth - 1, flags: .closer, into: &index)
                    }
                    matched = 0
                    place = .endName
                    position += 1
                    continue
                }
                breakInline(into: &index)
                switch byte {
                case UInt8(ascii: "!"):
                    matched = 0
                    place = .bang
                case UInt8(ascii: "?"):
                    begin(.instruction, into: &index)
                default:
                    guard !rootSeen || depth > 0 else { throw NotThisFormat(offset: markupStart, reason: "a second root element") }
                    guard byte >= 0x80 || !nameStops.contains(byte) else {
                        throw NotThisFormat(offset: offset + position, reason: "a tag without a name")
                    }
                    appendLine(at: markupStart, depth: depth, into: &index)
                    nameStart = names.count
                    place = .elementName
                    // The byte is the name's first.
                    continue
                }
                position += 1

            case .bang:
                let byte = bytes[position]
                if matched == 0 {
                    switch byte {
                    case UInt8(ascii: "-"): opening = .comment
                    case UInt8(ascii: "["): opening = .cdata
                    default: opening = .doctype
                    }
                }
                let rest = opening.rest
                guard byte == rest.utf8Start[matched] else { throw NotThisFormat(offset: markupStart, reason: "markup that is not XML") }
                matched += 1
                position += 1
                if matched == rest.utf8CodeUnitCount { try open(opening, into: &index) }

            case .comment, .cdata, .instruction, .doctypeComment, .doctypeInstruction:
                let (stops, mark, repeats) = switch place {
                case .cdata: (cdataStops, UInt8(ascii: "]"), 2)
                case .comment, .doctypeComment: (commentStops, UInt8(ascii: "-"), 2)
                default: (instructionStops, UInt8(ascii: "?"), 1)
                }
                let scan = stops.first(in: bytes, from: position)
                if scan > position {
                    matched = 0
                    position = scan
                    guard position < count else { return }
                }
                let byte = bytes[position]
                let at = offset + position
                position += 1
                if byte == mark {
                    matched = min(matched + 1, repeats)
                } else if byte == UInt8(ascii: ">"), matched == repeats {
                    place = place == .doctypeComment || place == .doctypeInstruction ? .doctype : depth > 0 ? .text : .outside
                } else {
                    matched = 0
                    lineBreakInConstruct(byte, at: at, into: &index)
                }

            case .doctype:
                let byte = bytes[position]
                let at = offset + position
                position += 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = byte
                    place = .doctypeQuote
                case UInt8(ascii: "["): inSubset = true
                case UInt8(ascii: "]"): inSubset = false
                case UInt8(ascii: ">") where !inSubset:
                    doctypeEnd = at + 1
                    place = .outside
                case UInt8(ascii: "<") where inSubset:
                    matched = 0
                    place = .doctypeMarkup
                default:
                    lineBreakInConstruct(byte, at: at, into: &index)
                }

            case .doctypeQuote:
                let byte = bytes[position]
                if byte == quote {
                    place = .doctype
                } else {
                    lineBreakInConstruct(byte, at: offset + position, into: &index)
                }
                position += 1

            case .doctypeMarkup:
                let byte = bytes[position]
                if matched == 0, byte == UInt8(ascii: "?") {
                    place = .doctypeInstruction
                } else if byte == StaticString("!--").utf8Start[matched] {
                    matched += 1
                    if matched == 3 {
                        matched = 0
                        place = .doctypeComment
                    }
                } else {
                    // Not a comment or instruction after all: an ordinary byte of the subset.
                    place = .doctype
                    continue
                }
                position += 1

            case .elementName:
                let scan = nameStops.first(in: bytes, from: position)
                names.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<scan]))
                position = scan
                guard position < count else { return }
                let byte = bytes[position]
                let at = offset + position
                position += 1
                switch byte {
                case 0xC2, 0xE2:
                    names.append(byte)
                    lead = byte
                    leadOffset = at
                case UInt8(ascii: ">"):
                    finishStartTag(selfClosing: false)
                case UInt8(ascii: "/"):
                    place = .selfClosing
                default:
                    guard byte.isLayoutSpace else { throw Self.badTag(byte, at: at, reason: "a tag that is not well formed") }
                    separated = true
                    place = .tagSpace
                }

            case .tagSpace:
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") {
                    finishStartTag(selfClosing: false)
                } else if byte == UInt8(ascii: "/") {
                    place = .selfClosing
                } else if byte.isLayoutSpace {
                    separated = true
                } else {
                    guard separated else { throw NotThisFormat(offset: offset + position, reason: "attributes without whitespace between them") }
                    guard byte >= 0x80 || !nameStops.contains(byte) else {
                        throw Self.badTag(byte, at: offset + position, reason: "an attribute without a name")
                    }
                    // The byte is the attribute name's first.
                    place = .attributeName
                    continue
                }
                position += 1

            case .attributeName:
                position = nameStops.first(in: bytes, from: position)
                guard position < count else { return }
                let byte = bytes[position]
                let at = offset + position
                position += 1
                switch byte {
                case 0xC2, 0xE2:
                    lead = byte
                    leadOffset = at
                case UInt8(ascii: "="):
                    place = .beforeValue
                default:
                    guard byte.isLayoutSpace else { throw Self.badTag(byte, at: at, reason: "an attribute without a value") }
                    place = .beforeEquals
                }

            case .beforeEquals:
                let byte = bytes[position]
                if byte == UInt8(ascii: "=") {
                    place = .beforeValue
                } else if !byte.isLayoutSpace {
                    throw Self.badTag(byte, at: offset + position, reason: "an attribute without a value")
                }
                position += 1

            case .beforeValue:
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                    continued = byte == UInt8(ascii: "\"") ? .doubleQuotedValue : .singleQuotedValue
                    place = .attributeValue
                } else if !byte.isLayoutSpace {
                    throw Self.badTag(byte, at: offset + position, reason: "an attribute value without quotes")
                }
                position += 1

            case .attributeValue:
                position = valueStops.first(in: bytes, from: position)
                guard position < count else { return }
                let byte = bytes[position]
                let at = offset + position
                position += 1
                if byte == quote {
                    separated = false
                    place = .tagSpace
                } else if byte == UInt8(ascii: "<") {
                    throw NotThisFormat(offset: at, reason: "a < inside an attribute value")
                } else {
                    lineBreakInConstruct(byte, at: at, into: &index)
                }

            case .selfClosing:
                guard bytes[position] == UInt8(ascii: ">") else { throw NotThisFormat(offset: offset + position, reason: "a / inside a tag") }
                position += 1
                finishStartTag(selfClosing: true)

            case .endName:
                let start = nameStarts[nameStarts.count - 1]
                let length = names.count - start
                var scan = position
                while scan < count {
                    let byte = bytes[scan]
                    if nameStops.contains(byte) { break }
                    guard matched < length, names[start + matched] == byte else { throw Self.mismatch(at: markupStart) }
                    matched += 1
                    scan += 1
                }
                position = scan
                guard position < count else { return }
                let byte = bytes[position]
                let at = offset + position
                position += 1
                if byte >= 0x80 {
                    // C2 or E2: a character of the name, or a line break begun.
                    try matchEndName(byte)
                    lead = byte
                    leadOffset = at
                    continue
                }
                guard matched > 0 else { throw NotThisFormat(offset: markupStart, reason: "a closing tag without a name") }
                guard matched == length else { throw Self.mismatch(at: markupStart) }
                if byte == UInt8(ascii: ">") {
                    finishEndTag()
                } else {
                    guard byte.isLayoutSpace else { throw Self.badTag(byte, at: at, reason: "a closing tag that is not well formed") }
                    place = .endSpace
                }

            case .endSpace:
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") {
                    finishEndTag()
                } else if !byte.isLayoutSpace {
                    throw Self.badTag(byte, at: offset + position, reason: "a closing tag that is not well formed")
                }
                position += 1
            }
        }
    }

    public mutating func finish(at end: Int, into index: inout LineIndex) throws(NotThisFormat) {
        guard place == .outside, rootSeen else {
            let reason = switch place {
            case .outside: end == 0 ? "an empty body" : "no root element"
            case .text: "an element is not closed"
            default: "the XML ends early"
            }
            throw NotThisFormat(offset: end, reason: reason)
        }
    }

    // MARK: - Lines

    /// Adds a line starting at `offset`, or where the DOCTYPE before it ended.
    // `Flags()` rather than `[]`: that literal costs a call per line, unspecialized.
    private mutating func appendLine(at offset: Int, depth: Int, flags: LineIndex.Flags = LineIndex.Flags(), into index: inout LineIndex) {
        index.append(offset: doctypeEnd ?? offset, depth: depth, flags: flags)
        doctypeEnd = nil
    }

    /// The next line of a construct spanning lines starts at `offset`, just after a line break.
    private func appendContinuation(at offset: Int, into index: inout LineIndex) {
        index.append(offset: offset, depth: continued.rawValue, flags: .continuation)
    }

    private mutating func begin(_ construct: Continued, into index: inout LineIndex) {
        appendLine(at: markupStart, depth: depth, into: &index)
        continued = construct
        matched = 0
        place = switch construct {
        case .comment: .comment
        case .cdata: .cdata
        default: .instruction
        }
    }

    private mutating func open(_ opening: Opening, into index: inout LineIndex) throws(NotThisFormat) {
        switch opening {
        case .comment:
            begin(.comment, into: &index)
        case .cdata:
            guard depth > 0 else { throw NotThisFormat(offset: markupStart, reason: "CDATA outside the root element") }
            begin(.cdata, into: &index)
        case .doctype:
            guard !rootSeen, !doctypeSeen else { throw NotThisFormat(offset: markupStart, reason: "a DOCTYPE out of place") }
            doctypeSeen = true
            appendLine(at: markupStart, depth: 0, into: &index)
            continued = .doctype
            inSubset = false
            place = .doctype
        }
    }

    private mutating func finishStartTag(selfClosing: Bool) {
        rootSeen = true
        if selfClosing {
            names.removeSubrange(nameStart..<names.count)
            place = depth > 0 ? .text : .outside
        } else {
            nameStarts.append(nameStart)
            place = .text
            inline = InlineCandidate()
        }
    }

    private mutating func matchEndName(_ byte: UInt8) throws(NotThisFormat) {
        let start = nameStarts[nameStarts.count - 1]
        guard matched < names.count - start, names[start + matched] == byte else { throw Self.mismatch(at: markupStart) }
        matched += 1
    }

    private mutating func finishEndTag() {
        names.removeSubrange(nameStarts.removeLast()..<names.count)
        place = depth > 0 ? .text : .outside
    }

    /// A byte inside a comment, CDATA section, declaration or attribute value other than its end:
    /// a line break there continues it on a line of its own.
    private mutating func lineBreakInConstruct(_ byte: UInt8, at offset: Int, into index: inout LineIndex) {
        switch byte {
        case UInt8(ascii: "\r"): afterCR = true
        case UInt8(ascii: "\n"), 0x0B, 0x0C: appendContinuation(at: offset + 1, into: &index)
        case 0xC2, 0xE2:
            lead = byte
            leadOffset = offset
        default: break
        }
    }

    /// Settles a line break that this byte may be part of: an LF after a CR, or the rest of a NEL,
    /// LS or PS. True when the byte belonged to the line break and needs nothing more.
    private mutating func settleLineBreak(_ byte: UInt8, at offset: Int, into index: inout LineIndex) throws(NotThisFormat) -> Bool {
        if afterCR {
            afterCR = false
            let lineFeed = byte == UInt8(ascii: "\n")
            if place == .text {
                // The CR already ended its line of text; the next line starts after the LF.
                if lineFeed { run.lineStart = offset + 1 }
            } else {
                appendContinuation(at: lineFeed ? offset + 1 : offset, into: &index)
            }
            return lineFeed
        }
        let begun = lead
        lead = 0
        if (begun == 0xC2 && byte == 0x85) || (begun == 0x80 && (byte == 0xA8 || byte == 0xA9)) {
            switch place {
            case .text: otherBreak(at: leadOffset, endingAt: offset + 1, into: &index)
            case .elementName, .attributeName, .endName: throw NotThisFormat(offset: leadOffset, reason: "a line break inside a tag")
            default: appendContinuation(at: offset + 1, into: &index)
            }
            return true
        }
        if begun == 0xE2, byte == 0x80 {
            lead = 0x80
            // Read here, not in the loop, so that the byte after it is settled too. Text waits to
            // know whether these bytes are a character or a line break.
            switch place {
            case .elementName: names.append(byte)
            case .endName: try matchEndName(byte)
            default: break
            }
            return true
        }
        if place == .text { content(at: leadOffset, startsCharacter: true, into: &index) }
        return false
    }

    // MARK: - Text

    private mutating func text(_ byte: UInt8, at offset: Int, into index: inout LineIndex) {
        switch byte {
        case UInt8(ascii: "<"):
            endText(into: &index)
            markupStart = offset
            place = .markup
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            if run.lined { inline?.spaces += 1 }
        case UInt8(ascii: "\r"):
            asciiBreak(endingAt: offset + 1, into: &index)
            afterCR = true
        case UInt8(ascii: "\n"):
            asciiBreak(endingAt: offset + 1, into: &index)
        case 0x0B, 0x0C:
            otherBreak(at: offset, endingAt: offset + 1, into: &index)
        case 0xC2, 0xE2:
            lead = byte
            leadOffset = offset
        default:
            content(at: offset, startsCharacter: byte & 0xC0 != 0x80, into: &index)
        }
    }

    /// A byte of text that is neither whitespace nor part of a line break.
    private mutating func content(at offset: Int, startsCharacter: Bool, into index: inout LineIndex) {
        if inline != nil {
            if !run.started {
                run.started = true
                run.lined = true
                inline = InlineCandidate(text: offset)
            }
            if run.lined {
                countInline(startsCharacter ? 1 : 0, into: &index)
                return
            }
            // Text on a second line: not an element on one line.
            breakInline(into: &index)
        }
        if !run.started {
            run.started = true
            run.lined = true
            appendLine(at: offset, depth: depth, into: &index)
        } else if !run.lined {
            appendBlankLines(into: &index)
            run.lined = true
            appendLine(at: offset, depth: depth, into: &index)
        }
    }

    /// More text on the first line of an element that may fit on its line, after the spaces since
    /// its last text.
    private mutating func countInline(_ characters: Int, into index: inout LineIndex) {
        guard let candidate = inline else { return }
        let total = candidate.characters + candidate.spaces + characters
        inline = InlineCandidate(text: candidate.text, characters: total)
        if total > XMLPrettyPrinter.inlineTextLimit { breakInline(into: &index) }
    }

    /// CR, LF or CR LF: trimmed at either end of the text, a line break within it.
    private mutating func asciiBreak(endingAt end: Int, into index: inout LineIndex) {
        guard run.started else { return }
        if !run.lined {
            if run.confirmed {
                appendLine(at: run.lineStart, depth: 0, into: &index)
            } else {
                if run.blankLines == 0 { run.firstBlankStart = run.lineStart }
                run.blankLines += 1
            }
        }
        run.lineStart = end
        run.lined = false
        run.confirmed = false
    }

    /// VT, FF, NEL, LS or PS: a line break that the printer does not trim, so the lines on both
    /// sides of it are shown, blank or not.
    private mutating func otherBreak(at offset: Int, endingAt end: Int, into index: inout LineIndex) {
        breakInline(into: &index)
        if !run.started {
            run.started = true
            appendLine(at: offset, depth: 0, into: &index)
        } else if !run.lined {
            appendBlankLines(into: &index)
            appendLine(at: run.lineStart, depth: 0, into: &index)
        }
        run.lineStart = end
        run.lined = false
        run.confirmed = true
    }

    /// The text ends at markup.
    private mutating func endText(into index: inout LineIndex) {
        if run.started, !run.lined, run.confirmed { appendLine(at: run.lineStart, depth: 0, into: &index) }
        run = TextRun()
    }

    /// Blank lines followed by text after all. Each is given one byte of the run of whitespace they
    /// make up, the last the rest: where exactly each starts does not show.
    private mutating func appendBlankLines(into index: inout LineIndex) {
        for blank in 0..<run.blankLines {
            appendLine(at: run.firstBlankStart + blank, depth: 0, into: &index)
        }
        run.blankLines = 0
    }

    /// The element just opened does not fit on its line: its text so far gets a line of its own.
    private mutating func breakInline(into index: inout LineIndex) {
        if let text = inline?.text { appendLine(at: text, depth: depth, into: &index) }
        inline = nil
    }

    // MARK: - Bytes

    /// A set of bytes tested in a few instructions in the loops above: ASCII as two bit masks, and
    /// C2 and E2 always, with which a NEL, LS or PS starts.
    private struct ByteStops {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init(_ ascii: StaticString) {
            for index in 0..<ascii.utf8CodeUnitCount {
                let byte = ascii.utf8Start[index]
                if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
            }
        }

        /// Where the first stop at or after `start` is, or the end of `bytes`: the indexer's
        /// runs at full speed, over text, names and values.
        @inline(__always)
        func first(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
            var scan = start
            while scan < bytes.count, !contains(bytes[scan]) { scan += 1 }
            return scan
        }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return low >> byte & 1 != 0 }
            if byte < 128 { return high >> (byte &- 64) & 1 != 0 }
            return byte == 0xC2 || byte == 0xE2
        }
    }

    private static let textStops = ByteStops("<\r\n\u{0B}\u{0C}")
    /// What ends a name, as for the printer: whitespace, `/ > < = " '` and line breaks.
    private static let nameStops = ByteStops(" \t\r\n\u{0B}\u{0C}/><=\"'")
    private static let valueStops = ByteStops("\"'<\r\n\u{0B}\u{0C}")
    private static let commentStops = ByteStops("->\r\n\u{0B}\u{0C}")
    private static let cdataStops = ByteStops("]>\r\n\u{0B}\u{0C}")
    private static let instructionStops = ByteStops("?>\r\n\u{0B}\u{0C}")

    private static func badTag(_ byte: UInt8, at offset: Int, reason: String) -> NotThisFormat {
        NotThisFormat(offset: offset, reason: byte == 0x0B || byte == 0x0C ? "a line break inside a tag" : reason)
    }

    private static func mismatch(at offset: Int) -> NotThisFormat {
        NotThisFormat(offset: offset, reason: "a closing tag that does not match its element")
    }

    // MARK: - Pieces

    public static func pieces(of bytes: UnsafeRawBufferPointer, depth: Int, flags: LineIndex.Flags) -> [StyledPiece] {
        var line = LineReader(bytes: bytes)
        if flags.contains(.continuation), let continued = Continued(rawValue: depth) {
            switch continued {
            case .comment: line.section(.comment, endingWith: "-->", after: 0)
            case .instruction: line.section(.declaration, endingWith: "?>", after: 0)
            case .cdata: line.cdataContent()
            case .doctype: line.rest(.declaration)
            case .doubleQuotedValue, .singleQuotedValue:
                if line.value(quote: UInt8(ascii: continued == .doubleQuotedValue ? "\"" : "'"), opened: false) { line.attributes() }
            }
            return line.pieces
        }
        line.skipSpaces()
        if line.has("<!--") {
            line.section(.comment, endingWith: "-->", after: 4)
        } else if line.has("<![CDATA[") {
            line.punctuation("<![CDATA[")
            line.cdataContent()
        } else if line.has("<!DOCTYPE") {
            line.rest(.declaration)
        } else if line.has("<?") {
            line.section(.declaration, endingWith: "?>", after: 2)
        } else if line.has("</") {
            line.endTag()
        } else if line.has("<") {
            line.punctuation("<")
            line.name(.elementName)
            line.attributes()
        } else {
            line.text()
        }
        return line.pieces
    }

    /// Reads one line's bytes into the pieces `XMLPrettyPrinter` prints for it. The line may be cut
    /// short (a very long line is drawn in part), so every step stops at the end of the bytes.
    private struct LineReader {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var pieces: [StyledPiece] = []

        private var atEnd: Bool { position >= bytes.count }

        func has(_ prefix: StaticString, at start: Int? = nil) -> Bool {
            let start = start ?? position
            let length = prefix.utf8CodeUnitCount
            guard start + length <= bytes.count else { return false }
            for index in 0..<length where bytes[start + index] != prefix.utf8Start[index] { return false }
            return true
        }

        /// Bytes of the line break at `index`, as the printer counts them; 0 when there is none.
        private func lineBreakLength(at index: Int) -> Int {
            let end = bytes.count
            switch bytes[index] {
            case 0x0D: return index + 1 < end && bytes[index + 1] == 0x0A ? 2 : 1
            case 0x0A, 0x0B, 0x0C: return 1
            case 0xC2: return index + 1 < end && bytes[index + 1] == 0x85 ? 2 : 0
            case 0xE2: return index + 2 < end && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
            default: return 0
            }
        }

        private mutating func add(_ range: Range<Int>, _ kind: StyledPiece.Kind) {
            guard !range.isEmpty else { return }
            pieces.append(StyledPiece(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self), kind))
        }

        mutating func punctuation(_ text: StaticString) {
            pieces.append(StyledPiece(text.description, .punctuation))
            position = min(bytes.count, position + text.utf8CodeUnitCount)
        }

        mutating func skipSpaces() {
            while !atEnd, bytes[position].isLayoutSpace { position += 1 }
        }

        mutating func name(_ kind: StyledPiece.Kind) {
            let start = position
            while !atEnd {
                let byte = bytes[position]
                if byte < 0x80 ? XMLLineIndexer.nameStops.contains(byte) : lineBreakLength(at: position) > 0 { break }
                position += 1
            }
            add(start..<position, kind)
        }

        /// A comment or instruction: up to its `terminator`, sought from `after` bytes on, or up to
        /// its line break.
        mutating func section(_ kind: StyledPiece.Kind, endingWith terminator: StaticString, after opening: Int) {
            let start = position
            var end = min(bytes.count, start + opening)
            while end < bytes.count, lineBreakLength(at: end) == 0 {
                if has(terminator, at: end) {
                    end += terminator.utf8CodeUnitCount
                    break
                }
                end += 1
            }
            add(start..<end, kind)
            position = end
        }

        /// CDATA content up to `]]>` or its line break.
        mutating func cdataContent() {
            let start = position
            while !atEnd, lineBreakLength(at: position) == 0, !has("]]>") { position += 1 }
            add(start..<position, .plain)
            if has("]]>") { punctuation("]]>") }
        }

        /// The rest of the line but its line break: the line ends where what it shows ends.
        mutating func rest(_ kind: StyledPiece.Kind) {
            var end = bytes.count
            if end - position >= 2, bytes[end - 2] == 0x0D, bytes[end - 1] == 0x0A {
                end -= 2
            } else if end - position >= 1, [0x0A, 0x0B, 0x0C, 0x0D].contains(bytes[end - 1]) {
                end -= 1
            } else if end - position >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0x85 {
                end -= 2
            } else if end - position >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0xA8 || bytes[end - 1] == 0xA9 {
                end -= 3
            }
            add(position..<end, kind)
            position = bytes.count
        }

        mutating func endTag() {
            punctuation("</")
            name(.elementName)
            skipSpaces()
            if has(">") { punctuation(">") }
        }

        /// The attributes of a start tag and what follows its end on the line.
        mutating func attributes() {
            while true {
                skipSpaces()
                guard !atEnd else { return }
                if has(">") {
                    punctuation(">")
                    inlineContent()
                    return
                }
                if has("/") {
                    punctuation("/>")
                    return
                }
                let start = pieces.count
                name(.attributeName)
                guard pieces.count > start else {
                    // Not a tag after all; never so in a line the indexer found.
                    add(position..<bytes.count, .plain)
                    return
                }
                pieces.insert(StyledPiece(" ", .plain), at: start)
                skipSpaces()
                guard has("=") else { continue }
                punctuation("=")
                skipSpaces()
                guard !atEnd, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else { continue }
                guard value(quote: bytes[position], opened: true) else { return }
            }
        }

        /// An attribute value up to its closing quote, true; or up to its line break, false.
        mutating func value(quote: UInt8, opened: Bool) -> Bool {
            let start = position
            if opened { position += 1 }
            while !atEnd, bytes[position] != quote, lineBreakLength(at: position) == 0 { position += 1 }
            let closed = !atEnd && bytes[position] == quote
            if closed { position += 1 }
            add(start..<position, .attributeValue)
            return closed
        }

        /// After a start tag's `>`: the short text and closing tag of an element on one line.
        mutating func inlineContent() {
            skipSpaces()
            text()
            // Past the whitespace the printer trims, line breaks included.
            skipSpaces()
            if has("</") { endTag() }
        }

        /// Text up to markup or a line break, trimmed.
        mutating func text() {
            let start = position
            while !atEnd, bytes[position] != UInt8(ascii: "<"), lineBreakLength(at: position) == 0 { position += 1 }
            var end = position
            while end > start, bytes[end - 1].isLayoutSpace { end -= 1 }
            add(start..<end, .plain)
        }
    }
}
