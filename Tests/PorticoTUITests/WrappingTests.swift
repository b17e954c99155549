@testable import PorticoTUI
import Testing

/// Long lines wrapped onto rows (`w`): every character drawn once, none cut in two between rows.
@Suite("Wrapping long lines")
struct WrappingTests {
    private func text(_ line: ResponseView.Line) -> String { line.map(\.text).joined() }

    @Test("an escape or a wide character that does not fit at the end of a row starts the next", arguments: Array(3...24))
    func nothingIsLostBetweenRows(width: Int) {
        let line: ResponseView.Line = [
            ResponseView.Span("pay\u{200B}pal ", .string), ResponseView.Span("\u{1B}[2J\u{9B}", .plain),
            ResponseView.Span("日本語 x", .key), ResponseView.Span("\u{2066}end", .muted),
        ]
        let pieces = wrappedPieces(line, width: width)
        #expect(pieces.map(text).joined() == "pay<U+200B>pal ␛[2J<U+009B>日本語 x<U+2066>end")
        for piece in pieces {
            #expect(DisplayWidth.of(text(piece)) <= width, "\(text(piece)) is wider than \(width)")
        }
        // A row is left short only when its next character would not fit.
        for (piece, next) in zip(pieces, pieces.dropFirst()) {
            #expect(DisplayWidth.of(text(piece)) + DisplayWidth.of(next.first!.text.first!) > width)
        }
        #expect(wrappedRows(line, width: width) == pieces.count)
    }

    @Test("the roles of the spans stay with their characters")
    func rolesStay() {
        let pieces = wrappedPieces([ResponseView.Span("abc", .key), ResponseView.Span("de", .string)], width: 4)
        #expect(pieces.count == 2)
        #expect(pieces[0].map(\.role) == [.key, .string] && pieces[0].map(\.text) == ["abc", "d"])
        #expect(pieces[1].map(\.role) == [.string] && pieces[1].map(\.text) == ["e"])
    }

    @Test("an empty line takes one row")
    func emptyLine() {
        #expect(wrappedPieces([], width: 10).count == 1)
        #expect(wrappedRows([ResponseView.Span("", .plain)], width: 10) == 1)
    }
}
