/// A piece of a shown line with what it is, for colouring.
public struct StyledPiece: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case plain, punctuation, key, string, number, literal
        case elementName, attributeName, attributeValue, comment, declaration
        /// What Portico adds, not the body: a cut-off marker, a replacement for invalid bytes.
        case muted
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// Why an indexer gave up on a body: it is not in the indexer's format after all.
public struct NotThisFormat: Error, Hashable, Sendable {
    /// The byte where the format broke.
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}

/// Finds the shown lines of a body in one pass, fed its bytes in order a block at a time, so the
/// first screen is ready after the first block and the rest is indexed in the background.
/// A line's text is later drawn from its bytes alone: from its start to the next line's start.
public protocol LineIndexing: Sendable {
    /// Consumes `bytes`, which start at body offset `offset`, appending the lines that start in
    /// them to `index`. Throws when the body turns out not to be in this format.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, at offset: Int, into index: inout LineIndex) throws(NotThisFormat)

    /// Called once after the last byte, at `end` (the body's size).
    mutating func finish(at end: Int, into index: inout LineIndex) throws(NotThisFormat)

    /// The pieces of one line: its bytes (from its start to the next line's start, or the end),
    /// its depth and flags from the index. Pieces carry no indentation; the viewer adds it.
    static func pieces(of bytes: UnsafeRawBufferPointer, depth: Int, flags: LineIndex.Flags) -> [StyledPiece]
}
