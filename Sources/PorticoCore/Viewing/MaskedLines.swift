import Foundation

extension BodyDocument {
    /// Line `number` with every secret `masker` knows hidden. A secret inside one piece is
    /// replaced by the mask; so is the part of a secret that a cut splits across lines: the Raw
    /// tab's 4 KB cuts, an XML continuation, the 16 KB limit of a shown line, or a hex dump's
    /// 16-byte rows (where a secret's bytes would otherwise show as hex).
    public func line(_ number: Int, hiding masker: SecretMasker) -> [StyledPiece] {
        guard !masker.isEmpty else { return line(number) }
        let range = byteRange(ofLine: number)
        guard !range.isEmpty else { return line(number) }
        let isHex = layout == .hex
        let shown = isHex ? range : shownPart(of: range)
        // An occurrence that reaches into the line starts at most this far before it or ends this far after.
        let reach = masker.longestSecret - 1
        let window = max(0, shown.lowerBound - reach)..<min(bytes.count, shown.upperBound + reach)
        let hidden = bytes.withBytes(in: window) { masker.occurrences(in: $0) }
            .map { ($0.lowerBound + window.lowerBound)..<($0.upperBound + window.lowerBound) }
            .map { $0.clamped(to: shown) }
            .filter { !$0.isEmpty }
        if isHex {
            let positions = Set(hidden.flatMap { $0.map { $0 - shown.lowerBound } })
            return [StyledPiece(HexDump.line(bytes.read(shown), offset: shown.lowerBound, hidden: positions), .plain)]
        }
        // What a cut split: the bytes at the line's start that end a secret begun before it, and
        // the bytes at its end that begin one going on after it.
        let head = hidden.filter { $0.lowerBound == shown.lowerBound }.map(\.count).max() ?? 0
        let tail = hidden.filter { $0.upperBound == shown.upperBound }.map { shown.upperBound - $0.lowerBound }.max() ?? 0
        var pieces = line(number)
        let (depth, flags) = shape(ofLine: number)
        // The pieces that are the body's bytes: not the indentation before them nor the note after.
        let first = depth > 0 && !flags.contains(.continuation) ? 1 : 0
        let last = shown.count < range.count ? pieces.count - 1 : pieces.count
        if head + tail >= shown.count {
            Self.hide(shown.count, of: &pieces, in: first..<last, fromStart: true)
        } else {
            // The end first: its mask goes after the pieces the start's hiding walks.
            if tail > 0 { Self.hide(tail, of: &pieces, in: first..<last, fromStart: false) }
            if head > 0 { Self.hide(head, of: &pieces, in: first..<last, fromStart: true) }
        }
        pieces.removeAll { $0.text.isEmpty }
        return pieces.map { piece in
            piece.text == SecretMasker.mask || piece.kind == .muted ? piece : StyledPiece(masker.mask(piece.text), piece.kind)
        }
    }

    /// Replaces the first (or last) `count` bytes of the pieces in `bodyPieces` with one mask,
    /// leaving emptied pieces for the caller to drop.
    private static func hide(_ count: Int, of pieces: inout [StyledPiece], in bodyPieces: Range<Int>, fromStart: Bool) {
        guard !bodyPieces.isEmpty else { return }
        var left = count
        let order = fromStart ? Array(bodyPieces) : bodyPieces.reversed()
        var maskAt: Int?
        for index in order where left > 0 && index < pieces.count {
            let utf8 = Array(pieces[index].text.utf8)
            let taken = min(left, utf8.count)
            left -= taken
            let kept = fromStart ? utf8[taken...] : utf8[..<(utf8.count - taken)]
            pieces[index].text = String(decoding: kept, as: UTF8.self)
            maskAt = index
        }
        guard let maskAt else { return }
        let mask = StyledPiece(SecretMasker.mask, pieces[maskAt].kind)
        pieces.insert(mask, at: fromStart ? maskAt : maskAt + 1)
    }
}
