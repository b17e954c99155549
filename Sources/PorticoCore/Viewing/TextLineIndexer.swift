/// The lines of text as received: a line ends at LF, CR LF or a lone CR (a CR must never reach
/// the terminal), and a line longer than `maximumLineLength` bytes is cut into pieces of that
/// size (at a character boundary), each marked as continuing the one before. A minified 100 MB
/// document is one line; cut, it scrolls and searches like any other.
public struct TextLineIndexer: LineIndexing {
    public static let maximumLineLength = 4096

    /// Where the next line starts once another byte arrives: a line break at the very end of the
    /// body opens no line of its own.
    private var nextStart: Int? = 0
    private var lineStart = 0
    private var afterCR = false

    public init() {}

    public mutating func consume(_ bytes: UnsafeRawBufferPointer, at offset: Int, into index: inout LineIndex) throws(NotThisFormat) {
        var position = 0
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            let at = offset + position
            position += 1
            if afterCR {
                afterCR = false
                // The LF of a CR LF ends the line the CR already ended.
                if byte == 0x0A {
                    nextStart = at + 1
                    continue
                }
            }
            if let start = nextStart {
                index.append(offset: start, depth: 0)
                lineStart = start
                nextStart = nil
            }
            switch byte {
            case 0x0A:
                nextStart = at + 1
            case 0x0D:
                nextStart = at + 1
                afterCR = true
            default:
                if at - lineStart >= Self.maximumLineLength, byte & 0xC0 != 0x80 {
                    lineStart = at
                    index.append(offset: at, depth: 0, flags: .continuation)
                }
            }
        }
    }

    public mutating func finish(at end: Int, into index: inout LineIndex) throws(NotThisFormat) {}

    public static func pieces(of bytes: UnsafeRawBufferPointer, depth: Int, flags: LineIndex.Flags) -> [StyledPiece] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return [StyledPiece(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self), .plain)]
    }
}
