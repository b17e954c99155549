import Foundation

/// A response body as the viewer shows it: its bytes where they are (a file for a large body) and
/// an index of its shown lines, built a block at a time so the first screen is ready at once and
/// the rest follows in the background. A line's text is drawn from its bytes when it is on
/// screen, so what the viewer keeps grows with the number of lines, never with their text.
public final class BodyDocument: @unchecked Sendable {
    /// How the body is laid out in lines.
    public enum Layout: Hashable, Sendable {
        /// Pretty-printed JSON; `sequence` for JSON Lines (one value after another).
        case json(sequence: Bool)
        /// Pretty-printed XML.
        case xml
        /// The lines as received.
        case text
        /// 16 bytes a line: offset, hex and printable ASCII.
        case hex
    }

    /// Bytes read per indexing step: about a millisecond of work, so a step never holds up a key.
    public static let stepSize = 1 << 20
    /// How much of one line is drawn; the rest is named, not drawn (a 5 MB string on one line).
    public static let shownLineLimit = 16 << 10
    /// Bytes per hex dump line.
    static let hexWidth = 16

    public let bytes: BodyBytes
    /// The layout asked for; `layout` is what the body turned out to allow.
    public let requestedLayout: Layout

    private let lock = NSLock()
    /// Held through each indexing step: the background indexer and a search that needs the whole
    /// index may both step, one after the other.
    private let stepLock = NSLock()
    private var index = LineIndex()
    private var indexer: any LineIndexing
    private var indexedBytes = 0
    private var done = false
    private var _layout: Layout
    private var _problem: NotThisFormat?

    public init(bytes: BodyBytes, layout: Layout) {
        self.bytes = bytes
        requestedLayout = layout
        _layout = layout
        indexer = Self.indexer(for: layout)
        if layout == .hex { done = true }
    }

    /// A document of `text` (tests, and small bodies made on the spot).
    public convenience init(text: String, layout: Layout) {
        self.init(bytes: BodyBytes(Data(text.utf8)), layout: layout)
    }

    private static func indexer(for layout: Layout) -> any LineIndexing {
        switch layout {
        case .json(let sequence): JSONLineIndexer(allowsSequence: sequence)
        case .xml: XMLLineIndexer()
        case .text, .hex: TextLineIndexer()
        }
    }

    private static func pieces(_ layout: Layout, _ bytes: UnsafeRawBufferPointer, depth: Int, flags: LineIndex.Flags) -> [StyledPiece] {
        switch layout {
        case .json: JSONLineIndexer.pieces(of: bytes, depth: depth, flags: flags)
        case .xml: XMLLineIndexer.pieces(of: bytes, depth: depth, flags: flags)
        case .text, .hex: TextLineIndexer.pieces(of: bytes, depth: depth, flags: flags)
        }
    }

    /// The layout in use: the one asked for, or text when the body broke its format.
    public var layout: Layout { lock.withLock { _layout } }

    /// Why the body is shown as text although another layout was asked for.
    public var problem: NotThisFormat? { lock.withLock { _problem } }

    /// Lines known so far (all of them once `isIndexed`).
    public var lineCount: Int {
        lock.withLock {
            if _layout == .hex { return (bytes.count + Self.hexWidth - 1) / Self.hexWidth }
            return index.count
        }
    }

    public var isIndexed: Bool { lock.withLock { done } }

    /// How much of the body is indexed, 0 to 1.
    public var indexedFraction: Double {
        lock.withLock { done || bytes.count == 0 ? 1 : Double(indexedBytes) / Double(bytes.count) }
    }

    /// Indexes the next `stepSize` bytes; true once the whole body is indexed. Lines already
    /// indexed can be read meanwhile.
    @discardableResult
    public func indexStep() -> Bool {
        stepLock.withLock { step() }
    }

    private func step() -> Bool {
        let (start, finished) = lock.withLock { (indexedBytes, done) }
        if finished { return true }
        let end = min(bytes.count, start + Self.stepSize)
        var found = LineIndex()
        var indexer = lock.withLock { self.indexer }
        do throws(NotThisFormat) {
            let consumed = bytes.withBytes(in: start..<end) { buffer in
                Result { () throws(NotThisFormat) in try indexer.consume(buffer, at: start, into: &found) }
            }
            try consumed.get()
            if end == bytes.count { try indexer.finish(at: end, into: &found) }
        } catch {
            // Not the format it claimed: shown as text from the top, saying where it broke.
            lock.withLock {
                _problem = error
                _layout = .text
                self.indexer = TextLineIndexer()
                index = LineIndex()
                indexedBytes = 0
            }
            return false
        }
        lock.withLock {
            index.append(contentsOf: found)
            self.indexer = indexer
            indexedBytes = end
            done = end == bytes.count
        }
        return end == bytes.count
    }

    /// Indexes the whole body here and now (the CLI, tests, small bodies).
    public func indexAll() {
        while !indexStep() {}
    }

    /// Indexes until at least `lines` lines are known or the body ends: the first screen.
    public func index(atLeast lines: Int) {
        while lineCount < lines, !indexStep() {}
    }

    /// Where line `number` starts in the body and where the next begins.
    public func byteRange(ofLine number: Int) -> Range<Int> {
        lock.withLock {
            if _layout == .hex {
                let start = number * Self.hexWidth
                return start..<min(bytes.count, start + Self.hexWidth)
            }
            guard number >= 0, number < index.count else { return 0..<0 }
            let start = index.offset(of: number)
            let end = number + 1 < index.count ? index.offset(of: number + 1) : (done ? bytes.count : indexedBytes)
            return start..<max(start, end)
        }
    }

    /// The depth and flags of line `number`.
    public func shape(ofLine number: Int) -> (depth: Int, flags: LineIndex.Flags) {
        lock.withLock {
            _layout == .hex || !(0..<index.count).contains(number) ? (0, []) : (index.depth(of: number), index.flags(of: number))
        }
    }

    /// The line holding byte `offset`.
    public func line(containing offset: Int) -> Int {
        lock.withLock { _layout == .hex ? offset / Self.hexWidth : index.line(containing: offset) }
    }

    /// The line holding byte `offset`, known to be line `hint` or after it: a walk from the hint
    /// when it is near (as successive search matches are), else a binary search.
    func line(containing offset: Int, from hint: Int) -> Int {
        lock.withLock {
            if _layout == .hex { return offset / Self.hexWidth }
            var line = min(hint, max(0, index.count - 1))
            var steps = 0
            while line + 1 < index.count, index.offset(of: line + 1) <= offset {
                line += 1
                steps += 1
                if steps == 64 { return index.line(containing: offset) }
            }
            return line
        }
    }

    /// Line `number` as pieces, indented two spaces a level (at most 64 levels, as printed; a
    /// continuation has no indentation of its own); no pieces for a line not (or no longer) in the
    /// index.
    public func line(_ number: Int) -> [StyledPiece] {
        let found: (layout: Layout, range: Range<Int>, depth: Int, flags: LineIndex.Flags)? = lock.withLock {
            if _layout == .hex {
                let start = number * Self.hexWidth
                guard number >= 0, start < bytes.count else { return nil }
                return (_layout, start..<min(bytes.count, start + Self.hexWidth), 0, [])
            }
            guard number >= 0, number < index.count else { return nil }
            let start = index.offset(of: number)
            let end = number + 1 < index.count ? index.offset(of: number + 1) : (done ? bytes.count : indexedBytes)
            return (_layout, start..<max(start, end), index.depth(of: number), index.flags(of: number))
        }
        guard let (layout, range, depth, flags) = found else { return [] }
        if layout == .hex { return [StyledPiece(HexDump.line(bytes.read(range), offset: range.lowerBound), .plain)] }
        let shown = shownPart(of: range)
        var pieces = bytes.withBytes(in: shown) { Self.pieces(layout, $0, depth: depth, flags: flags) }
        if depth > 0, !flags.contains(.continuation) { pieces.insert(StyledPiece(String(repeating: " ", count: min(depth, 64) * 2), .plain), at: 0) }
        if shown.count < range.count {
            pieces.append(StyledPiece(" … \(range.count - shown.count) more bytes on this line (S saves the body)", .muted))
        }
        return pieces
    }

    /// The part of a line's bytes that is drawn: at most `shownLineLimit`, cut before a
    /// character rather than inside one (a part of a character would draw as `�`, and hide what
    /// it belonged to from the secret masking).
    func shownPart(of range: Range<Int>) -> Range<Int> {
        guard range.count > Self.shownLineLimit else { return range }
        var end = range.lowerBound + Self.shownLineLimit
        let around = bytes.read((end - 3)..<(end + 1))
        var index = around.startIndex + 3
        while index > around.startIndex, around[index] & 0xC0 == 0x80 {
            end -= 1
            index -= 1
        }
        return range.lowerBound..<end
    }

    /// Reads the index under the lock, with the number of bytes indexed, for walks over many lines.
    func withIndex<Result>(_ read: (LineIndex, Int) -> Result) -> Result {
        lock.withLock { read(index, indexedBytes) }
    }

    /// Lines `range` (clamped to the lines known).
    public func lines(_ range: Range<Int>) -> [[StyledPiece]] {
        range.clamped(to: 0..<lineCount).map(line)
    }
}

/// Classic hex dump lines: offset, 16 bytes in hex, and their printable ASCII.
public enum HexDump {
    public static func lines(_ data: Data) -> [String] {
        stride(from: 0, to: data.count, by: 16).map { offset in
            line(data.subdata(in: data.startIndex + offset..<data.startIndex + min(offset + 16, data.count)), offset: offset)
        }
    }

    /// Row `row` at `offset`; the bytes at the positions in `hidden` (a secret's) show as `••` and `•`.
    public static func line(_ row: Data, offset: Int, hidden: Set<Int> = []) -> String {
        let bytes = Array(row)
        var hex = bytes.indices.map { hidden.contains($0) ? "••" : String(format: "%02x", bytes[$0]) }.joined(separator: " ")
        hex += String(repeating: " ", count: max(0, 48 - hex.count))
        let ascii = String(bytes.indices.map { hidden.contains($0) ? "•" : (0x20..<0x7F).contains(bytes[$0]) ? Character(Unicode.Scalar(bytes[$0])) : "." })
        return String(format: "%08x  ", offset) + hex + "  " + ascii
    }
}
