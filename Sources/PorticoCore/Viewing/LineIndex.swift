/// Where each shown line of a body starts, with its depth and what kind of line it is: six bytes
/// a line whatever the line's length, so the index of a 100 MB body is a few tens of megabytes
/// and the body itself stays in its file.
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

    /// Lines per page. The index grows a page at a time: no array ever doubles, so a growing
    /// index never holds twice its size, nor copies itself while the screen waits to read it.
    private static let pageSize = 1 << 16

    /// The low 32 bits of each line's start, a page of lines each.
    private var lows: [[UInt32]] = []
    /// Depth (14 bits) and flags (2 bits) of each line, paged as `lows`.
    private var marks: [[UInt16]] = []
    /// The first line of each 4 GiB of the body past the first, for the high bits of a start.
    private var highStarts: [Int] = []
    public private(set) var count = 0

    public init() {}

    /// Adds a line starting at byte `offset`, which is never before the last line's start.
    public mutating func append(offset: Int, depth: Int, flags: Flags = []) {
        while offset >> 32 > highStarts.count { highStarts.append(count) }
        if count % Self.pageSize == 0 {
            lows.append([])
            lows[lows.count - 1].reserveCapacity(Self.pageSize)
            marks.append([])
            marks[marks.count - 1].reserveCapacity(Self.pageSize)
        }
        lows[lows.count - 1].append(UInt32(truncatingIfNeeded: offset))
        marks[marks.count - 1].append(UInt16(min(max(0, depth), Self.maximumDepth)) | flags.rawValue)
        count += 1
    }

    /// Adds every line of `other`, which starts at or after this index's last line.
    public mutating func append(contentsOf other: LineIndex) {
        for line in 0..<other.count { append(offset: other.offset(of: line), depth: other.depth(of: line), flags: other.flags(of: line)) }
    }

    public func offset(of line: Int) -> Int {
        var high = 0
        while high < highStarts.count, highStarts[high] <= line { high += 1 }
        return high << 32 | Int(lows[line >> 16][line & 0xFFFF])
    }

    public func depth(of line: Int) -> Int { Int(marks[line >> 16][line & 0xFFFF] & UInt16(Self.maximumDepth)) }

    public func flags(of line: Int) -> Flags { Flags(rawValue: marks[line >> 16][line & 0xFFFF] & ~UInt16(Self.maximumDepth)) }

    /// The line holding byte `offset`: the last line starting at or before it.
    public func line(containing offset: Int) -> Int {
        var low = 0, high = count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let middle = (low + high + 1) / 2
            if self.offset(of: middle) <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
