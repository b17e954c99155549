/// Where each shown line of a body starts, with its depth and what kind of line it is, in about
/// three bytes a line whatever the line's length: the index of a 100 MB body is a few tens of
/// megabytes and the body itself stays in its file. Even a body of two-byte lines (`[0,0,0,…]`)
/// costs only one and a half times its size in index.
///
/// Lines are kept in blocks of 256. A full block is stored as narrow as its lines allow: each
/// start as two bytes from the block's first start (four when the block spans 64 KB or more),
/// each depth and flags in one byte (two when a line is 64 levels deep or more). Blocks go into
/// pages of a megabyte: no array ever doubles, so a growing index never holds twice its size,
/// nor copies itself while the screen waits to read it.
public struct LineIndex: Sendable {
    /// What a line is beyond its start and depth.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// The line closes an object, array or element (`}`, `]`, `</a>`): not a value of its own.
        public static let closer = Flags(rawValue: 1 << 15)
        /// The line continues the one before it: cut because the body's own line is too long to
        /// handle whole (a minified document on one line), or the next line of an XML comment,
        /// section, declaration or attribute value. It is drawn as written, without indentation,
        /// which leaves its depth free for its indexer to say what it continues.
        public static let continuation = Flags(rawValue: 1 << 14)
    }

    /// Depths above this are kept as this: a hostile, deeply nested body must not cost more.
    public static let maximumDepth = (1 << 14) - 1

    /// Lines a block holds.
    static let blockLines = 256
    private static let blockShift = 8
    /// Bytes a page of stored blocks holds.
    private static let pageBytes = 1 << 20
    /// Blocks a page of block descriptions holds.
    private static let blocksPerPage = 1 << 12
    /// Depths below this fit a one-byte mark, beside the two flag bits.
    private static let narrowDepths = 64

    /// Where a full block's lines are stored and how wide each is.
    private struct Block: Sendable {
        /// The start of the block's first line: the others are stored from it.
        var base: Int
        var page: Int32
        var position: Int32
        /// Bytes each start takes: 2, 4, or 8 for a block spanning 4 GiB.
        var startWidth: Int8
        var wideMarks: Bool
    }

    /// The full blocks, paged.
    private var blocks: [[Block]] = []
    private var blockCount = 0
    /// The stored blocks' bytes.
    private var pages: [[UInt8]] = []
    /// The lines of the block being filled, kept wide until it is full.
    private var openStarts: [Int] = []
    private var openMarks: [UInt16] = []
    public private(set) var count = 0

    public init() {}

    /// Adds a line starting at byte `offset`, which is never before the last line's start.
    public mutating func append(offset: Int, depth: Int, flags: Flags = []) {
        append(start: offset, mark: UInt16(min(max(0, depth), Self.maximumDepth)) | flags.rawValue)
    }

    /// Adds every line of `other`, which starts at or after this index's last line.
    public mutating func append(contentsOf other: LineIndex) {
        // A stored block is read whole, once: a step of a dense body brings half a million lines.
        var starts = [Int](repeating: 0, count: Self.blockLines)
        var marks = [UInt16](repeating: 0, count: Self.blockLines)
        for number in 0..<other.blockCount {
            let block = other.block(number)
            other.pages[Int(block.page)].withUnsafeBufferPointer { bytes in
                for within in 0..<Self.blockLines {
                    starts[within] = block.base + Self.start(within, of: block, in: bytes)
                    marks[within] = Self.mark(within, of: block, in: bytes)
                }
            }
            for within in 0..<Self.blockLines { append(start: starts[within], mark: marks[within]) }
        }
        for within in other.openStarts.indices { append(start: other.openStarts[within], mark: other.openMarks[within]) }
    }

    private mutating func append(start: Int, mark: UInt16) {
        if openStarts.isEmpty {
            openStarts.reserveCapacity(Self.blockLines)
            openMarks.reserveCapacity(Self.blockLines)
        }
        openStarts.append(start)
        openMarks.append(mark)
        count += 1
        if openStarts.count == Self.blockLines { storeOpenBlock() }
    }

    /// Bytes the lines take as stored (not counting what arrays hold in reserve).
    var storedBytes: Int {
        pages.reduce(0) { $0 + $1.count } + blockCount * MemoryLayout<Block>.stride + openStarts.count * 10
    }

    public func offset(of line: Int) -> Int { entry(line).offset }

    public func depth(of line: Int) -> Int { Int(mark(of: line) & UInt16(Self.maximumDepth)) }

    public func flags(of line: Int) -> Flags { Flags(rawValue: mark(of: line) & ~UInt16(Self.maximumDepth)) }

    /// The line holding byte `offset`: the last line starting at or before it.
    public func line(containing offset: Int) -> Int {
        guard count > 0 else { return 0 }
        // The last block whose first line starts at or before `offset`, then the line within it.
        var low = 0, high = (count - 1) >> Self.blockShift
        while low < high {
            let middle = (low + high + 1) / 2
            if firstStart(ofBlock: middle) <= offset { low = middle } else { high = middle - 1 }
        }
        var first = low << Self.blockShift
        var last = min(count, first + Self.blockLines) - 1
        while first < last {
            let middle = (first + last + 1) / 2
            if self.offset(of: middle) <= offset { first = middle } else { last = middle - 1 }
        }
        return first
    }

    private func firstStart(ofBlock number: Int) -> Int {
        number < blockCount ? block(number).base : openStarts[0]
    }

    private func block(_ number: Int) -> Block {
        blocks[number / Self.blocksPerPage][number % Self.blocksPerPage]
    }

    /// The start and the mark (depth and flags) of `line`.
    private func entry(_ line: Int) -> (offset: Int, mark: UInt16) {
        let number = line >> Self.blockShift
        let within = line & (Self.blockLines - 1)
        guard number < blockCount else { return (openStarts[within], openMarks[within]) }
        let block = block(number)
        return pages[Int(block.page)].withUnsafeBufferPointer { bytes in
            (block.base + Self.start(within, of: block, in: bytes), Self.mark(within, of: block, in: bytes))
        }
    }

    private func mark(of line: Int) -> UInt16 {
        let number = line >> Self.blockShift
        let within = line & (Self.blockLines - 1)
        guard number < blockCount else { return openMarks[within] }
        let block = block(number)
        return pages[Int(block.page)].withUnsafeBufferPointer { Self.mark(within, of: block, in: $0) }
    }

    private static func start(_ within: Int, of block: Block, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let width = Int(block.startWidth)
        let at = Int(block.position) + within * width
        var value = 0
        for byte in 0..<width { value |= Int(bytes[at + byte]) << (8 * byte) }
        return value
    }

    private static func mark(_ within: Int, of block: Block, in bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        let marks = Int(block.position) + blockLines * Int(block.startWidth)
        if block.wideMarks {
            let at = marks + within * 2
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }
        // Depth in the low six bits, the flags (bits 15 and 14 of a wide mark) in the top two.
        let byte = bytes[marks + within]
        return UInt16(byte & 0x3F) | UInt16(byte & 0xC0) << 8
    }

    /// Stores the full open block as narrow as its lines allow.
    private mutating func storeOpenBlock() {
        let base = openStarts[0]
        let span = openStarts[openStarts.count - 1] - base
        let startWidth = span <= Int(UInt16.max) ? 2 : span <= Int(UInt32.max) ? 4 : 8
        let wideMarks = openMarks.contains { Int($0 & UInt16(Self.maximumDepth)) >= Self.narrowDepths }
        let size = Self.blockLines * (startWidth + (wideMarks ? 2 : 1))
        if pages.isEmpty || pages[pages.count - 1].count + size > Self.pageBytes { pages.append([]) }
        let page = pages.count - 1
        Self.makeRoom(for: size, in: &pages[page], upTo: Self.pageBytes)
        let position = pages[page].count
        pages[page].append(contentsOf: repeatElement(0, count: size))
        pages[page].withUnsafeMutableBufferPointer { bytes in
            var at = position
            for start in openStarts {
                let delta = start - base
                for byte in 0..<startWidth { bytes[at + byte] = UInt8(truncatingIfNeeded: delta >> (8 * byte)) }
                at += startWidth
            }
            for mark in openMarks {
                if wideMarks {
                    bytes[at] = UInt8(truncatingIfNeeded: mark)
                    bytes[at + 1] = UInt8(truncatingIfNeeded: mark >> 8)
                    at += 2
                } else {
                    bytes[at] = UInt8(mark & 0x3F) | UInt8(mark >> 8) & 0xC0
                    at += 1
                }
            }
        }
        if blockCount % Self.blocksPerPage == 0 { blocks.append([]) }
        Self.makeRoom(for: 1, in: &blocks[blocks.count - 1], upTo: Self.blocksPerPage)
        blocks[blocks.count - 1].append(Block(base: base, page: Int32(page), position: Int32(position), startWidth: Int8(startWidth), wideMarks: wideMarks))
        blockCount += 1
        openStarts.removeAll(keepingCapacity: true)
        openMarks.removeAll(keepingCapacity: true)
    }

    /// Grows `page` by doubling up to `limit` elements: a small body's index stays small, and a
    /// page never outgrows its limit.
    private static func makeRoom<Element>(for more: Int, in page: inout [Element], upTo limit: Int) {
        guard page.capacity < page.count + more else { return }
        page.reserveCapacity(min(limit, max(page.count + more, page.capacity * 2, 16)))
    }
}
