import PorticoTUI
import Testing

@Suite("CellGrid")
struct CellGridTests {
    @Test("put clips at the limit")
    func clipsAtLimit() {
        var grid = CellGrid(width: 10, height: 1)
        let used = grid.put("abcdef", row: 0, column: 2, limit: 3)
        #expect(used == 3)
        #expect(grid.text == "  abc     ")
    }

    @Test("put clips at the right edge")
    func clipsAtRightEdge() {
        var grid = CellGrid(width: 5, height: 1)
        let used = grid.put("abcdefg", row: 0, column: 2)
        #expect(used == 3)
        #expect(grid.text == "  abc")
    }

    @Test("put outside the grid draws nothing")
    func outsideGrid() {
        var grid = CellGrid(width: 3, height: 2)
        #expect(grid.put("x", row: 2, column: 0) == 0)
        #expect(grid.put("x", row: -1, column: 0) == 0)
        #expect(grid.put("x", row: 0, column: 3) == 0)
        #expect(grid.text == "   \n   ")
    }

    @Test("a wide CJK character takes two cells, the second a continuation")
    func wideCharacter() {
        var grid = CellGrid(width: 6, height: 1)
        let used = grid.put("漢字x", row: 0, column: 0)
        #expect(used == 5)
        #expect(grid[0, 0].character == "漢")
        #expect(grid[0, 1].character == nil)
        #expect(grid[0, 2].character == "字")
        #expect(grid[0, 3].character == nil)
        #expect(grid[0, 4].character == "x")
        #expect(grid[0, 5].character == " ")
        #expect(grid.text == "漢字x ")
    }

    @Test("a wide character that does not fit at the edge is not half-drawn")
    func wideCharacterAtEdge() {
        var grid = CellGrid(width: 3, height: 1)
        let used = grid.put("ab漢", row: 0, column: 0)
        #expect(used == 2)
        #expect(grid[0, 2] == .blank)
        #expect(grid.text == "ab ")

        var limited = CellGrid(width: 10, height: 1)
        #expect(limited.put("a漢", row: 0, column: 0, limit: 2) == 1)
        #expect(limited[0, 1] == .blank)
    }

    @Test("writing over half of a wide character leaves no orphaned half")
    func overwritingHalfOfWideCharacter() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("漢", row: 0, column: 0)
        grid.put("x", row: 0, column: 1)
        // The terminal erases 漢 when its right half is overwritten; the grid must agree.
        #expect(grid[0, 0].character != "漢")
        #expect(DisplayWidth.of(grid.text) == 4)

        var other = CellGrid(width: 4, height: 1)
        other.put("漢", row: 0, column: 1)
        other.put("x", row: 0, column: 1)
        #expect(other[0, 2].character != nil, "a continuation cell without its wide character")
    }

    @Test("emoji take two columns")
    func emoji() {
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("❤️")) == 2)
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("😀a", row: 0, column: 0) == 3)
        #expect(grid[0, 0].character == "😀")
        #expect(grid[0, 1].character == nil)
        #expect(grid[0, 2].character == "a")
    }

    @Test("combining marks take no column")
    func combiningMark() {
        #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("e\u{301}x", row: 0, column: 0) == 2)
        #expect(grid[0, 0].character == "e\u{301}")
        #expect(grid[0, 1].character == "x")
    }

    @Test("control characters are drawn as visible symbols, never as themselves",
          arguments: ["\u{1B}", "\u{07}", "\u{00}", "\u{7F}", "\u{0D}", "\u{08}"])
    func controlCharacters(_ control: String) {
        var grid = CellGrid(width: 5, height: 1)
        let used = grid.put("a\(control)b", row: 0, column: 0)
        #expect(used == 3)
        #expect(grid[0, 0].character == "a")
        #expect(grid[0, 2].character == "b")
        let shown = grid[0, 1].character
        #expect(shown != nil)
        #expect(shown.map { !$0.unicodeScalars.contains(where: isTerminalControl) } == true, "drawn as \(String(describing: shown))")
    }

    @Test("C1 controls, bidi controls and invisible characters are drawn as their code points, and measured so",
          arguments: ["\u{9B}", "\u{202E}", "\u{2066}", "\u{200B}", "\u{FEFF}", "\u{2060}"])
    func namedCharacters(_ hidden: String) {
        var grid = CellGrid(width: 12, height: 1)
        let used = grid.put("a\(hidden)b", row: 0, column: 0)
        let name = "<U+\(String(format: "%04X", hidden.unicodeScalars.first!.value))>"
        #expect(grid.text == "a\(name)b  ")
        #expect(used == 10 && DisplayWidth.of("a\(hidden)b") == 10)
    }

    @Test("a zero-width joiner is drawn only inside an emoji sequence")
    func joiners() {
        var grid = CellGrid(width: 14, height: 1)
        grid.put("👩‍💻 a\u{200D}b", row: 0, column: 0)
        #expect(grid[0, 0].character == "👩‍💻")
        #expect(grid.text.hasSuffix("a<U+200D>b "))
    }

    @Test("ESC and BEL become their control pictures")
    func controlPictures() {
        var grid = CellGrid(width: 8, height: 1)
        grid.put("\u{1B}[2J\u{07}", row: 0, column: 0)
        #expect(grid.text == "␛[2J␇   ")
    }

    @Test("a CR LF pair is drawn as visible symbols, never as a line break")
    func carriageReturnLineFeed() {
        // "\r\n" is one Character (one grapheme) of two scalars.
        var grid = CellGrid(width: 6, height: 1)
        grid.put("a\r\nb", row: 0, column: 0)
        #expect(!grid.scalars.contains(where: isTerminalControl), "grid holds \(grid.scalars.filter(isTerminalControl))")
        #expect(grid[0, 0].character == "a")
    }

    @Test("changes(since:) with no previous grid returns every row whole")
    func changesSinceNil() {
        var grid = CellGrid(width: 4, height: 3)
        grid.put("hi", row: 1, column: 0)
        let runs = grid.changes(since: nil)
        #expect(runs.count == 3)
        #expect(runs.map(\.row) == [0, 1, 2])
        #expect(runs.allSatisfy { $0.column == 0 && $0.cells.count == 4 })
        #expect(runs[1].cells.map(\.character) == ["h", "i", " ", " "])
    }

    @Test("changes(since:) with a different size returns every row whole")
    func changesSinceResize() {
        let grid = CellGrid(width: 4, height: 3)
        for previous in [CellGrid(width: 5, height: 3), CellGrid(width: 4, height: 2)] {
            let runs = grid.changes(since: previous)
            #expect(runs.map(\.row) == [0, 1, 2])
            #expect(runs.allSatisfy { $0.column == 0 && $0.cells.count == 4 })
        }
    }

    @Test("changes(since:) on an identical grid returns no runs")
    func changesSinceIdentical() {
        var grid = CellGrid(width: 8, height: 3)
        grid.put("漢 ok", row: 1, column: 1, style: Style(bold: true))
        let copy = grid
        #expect(grid.changes(since: copy).isEmpty)
    }

    @Test("changes(since:) returns exactly the changed cell")
    func changesOneCell() {
        var previous = CellGrid(width: 8, height: 3)
        previous.put("abcdefgh", row: 1, column: 0)
        var grid = previous
        grid.put("X", row: 1, column: 3)
        let runs = grid.changes(since: previous)
        #expect(runs.count == 1)
        #expect(runs.first?.row == 1)
        #expect(runs.first?.column == 3)
        #expect(runs.first?.cells == [Cell("X")])
    }

    @Test("changes(since:) reports a style change alone")
    func changesStyleOnly() {
        let previous = CellGrid(width: 5, height: 1)
        var grid = previous
        grid.restyle(row: 0, column: 1, width: 2) { $0.reverse = true }
        let runs = grid.changes(since: previous)
        #expect(runs.count == 1)
        #expect(runs.first?.column == 1)
        #expect(runs.first?.cells.count == 2)
    }

    @Test("changes(since:) never starts a run on a continuation cell")
    func changesNeverStartOnContinuation() {
        var previous = CellGrid(width: 6, height: 1)
        previous.put("a漢b", row: 0, column: 0)
        var grid = previous
        // Only the right half of 漢 changes.
        grid.restyle(row: 0, column: 2, width: 1) { $0.bold = true }
        let runs = grid.changes(since: previous)
        #expect(runs.count == 1)
        #expect(runs.first?.column == 1)
        #expect(runs.first?.cells.first?.character == "漢")
        #expect(runs.allSatisfy { $0.cells.first?.character != nil })
    }

    @Test("a run that ends on a wide character includes its continuation")
    func changesIncludeContinuation() {
        var previous = CellGrid(width: 6, height: 1)
        previous.put("ab", row: 0, column: 0)
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢", row: 0, column: 0)
        let runs = grid.changes(since: previous)
        #expect(runs.count == 1)
        #expect(runs.first?.column == 0)
        #expect(runs.first?.cells == [Cell("漢"), .continuation(.plain)])
    }

    @Test("text dumps one line per row, wide characters once")
    func textDump() {
        var grid = CellGrid(width: 4, height: 3)
        grid.put("ab", row: 0, column: 0)
        grid.put("漢", row: 1, column: 1)
        grid.fill(row: 2, column: 0, width: 4, height: 1, style: Style(reverse: true))
        grid.put("x", row: 2, column: 3)
        #expect(grid.text == "ab  \n 漢 \n   x")
    }
}
