/// Plain search text as the bytes of a body can hold it when its shown lines do. A pretty layout
/// adds spaces the bytes lack (`": "` for `":"` in minified JSON) and drops spaces they have
/// (`"a" : [ ]` is drawn `"a": []`, `<br />` is drawn `<br/>`), so the text is cut into pieces at
/// its whitespace and around the punctuation a layout spaces (`{}[],:` and `=/<>`), and the bytes
/// may hold none up to `gapLimit` whitespace bytes between two pieces. Finding this is finding
/// more than is shown: a line found is then checked as it is drawn.
struct SpacedNeedle: Sendable {
    /// Whitespace bytes the bytes may hold between two pieces at most.
    static let gapLimit = 256

    /// The punctuation next to which a layout adds or drops whitespace.
    static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"),
             UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }

    /// The text's pieces, lowered when case is ignored.
    let segments: [[UInt8]]
    /// The longest segment: the one looked for first.
    let anchor: Int
    let ignoresCase: Bool

    /// Nil when the text is only whitespace: there is nothing to look for in the bytes.
    init?(_ text: String, ignoringCase: Bool) {
        let bytes = Array(text.utf8)
        var segments: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in bytes {
            if byte.isLayoutSpace || Self.isPunctuation(byte) {
                if !current.isEmpty { segments.append(current) }
                current = []
                if Self.isPunctuation(byte) { segments.append([byte]) }
            } else {
                current.append(ignoringCase ? ByteSearch.lower(byte) : byte)
            }
        }
        if !current.isEmpty { segments.append(current) }
        guard !segments.isEmpty else { return nil }
        self.segments = segments
        anchor = segments.indices.max { segments[$0].count < segments[$1].count } ?? 0
        ignoresCase = ignoringCase
    }

    /// The most bytes a match can span.
    var longestMatch: Int { segments.reduce(0) { $0 + $1.count } + Self.gapLimit * (segments.count - 1) }

    var anchorSearch: ByteSearch { ByteSearch(segments[anchor], ignoringCase: ignoresCase) }


    /// Where the match around the anchor found at `anchorStart` begins, when the other segments
    /// are there too, each after its gap.
    func matchStart(anchorAt anchorStart: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        var position = anchorStart + segments[anchor].count
        for segment in segments[(anchor + 1)...] {
            var gap = 0
            while gap < Self.gapLimit, position < bytes.count, bytes[position].isLayoutSpace {
                position += 1
                gap += 1
            }
            guard holds(segment, at: position, in: bytes) else { return nil }
            position += segment.count
        }
        var start = anchorStart
        for segment in segments[..<anchor].reversed() {
            var gap = 0
            while gap < Self.gapLimit, start > 0, bytes[start - 1].isLayoutSpace {
                start -= 1
                gap += 1
            }
            guard start >= segment.count, holds(segment, at: start - segment.count, in: bytes) else { return nil }
            start -= segment.count
        }
        return start
    }

    private func holds(_ segment: [UInt8], at position: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard position + segment.count <= bytes.count else { return false }
        for index in segment.indices {
            let byte = bytes[position + index]
            guard (ignoresCase ? ByteSearch.lower(byte) : byte) == segment[index] else { return false }
        }
        return true
    }
}
