@testable import PorticoTUI
import Testing

@Suite("TextEditor")
struct TextEditorTests {
    private typealias Position = TextEditor.Position

    /// An editor over `text` with the cursor moved (by keys) to `line`, `column`.
    private func editor(_ text: String, line: Int = 0, column: Int = 0) -> TextEditor {
        var editor = TextEditor(text)
        for _ in 0..<line { _ = editor.handle(.down) }
        for _ in 0..<column { _ = editor.handle(.right) }
        #expect(editor.cursor == Position(line: line, column: column))
        return editor
    }

    private func type(_ string: String, into editor: inout TextEditor) {
        for character in string { #expect(editor.handle(.character(character)) == true) }
    }

    @Test("starts with the cursor at the start and keeps the text line by line")
    func initialState() {
        let editor = TextEditor("ab\ncd")
        #expect(editor.lines == [["a", "b"], ["c", "d"]])
        #expect(editor.text == "ab\ncd")
        #expect(editor.cursor == Position(line: 0, column: 0))
        #expect(editor.scroll == Position(line: 0, column: 0))
        #expect(TextEditor("").lines == [[]])
    }

    @Test("CR LF and lone CR become LF")
    func lineBreakNormalisation() {
        let editor = TextEditor("a\r\nb\rc\n")
        #expect(editor.lines == [["a"], ["b"], ["c"], []])
        #expect(editor.text == "a\nb\nc\n")
        #expect(!editor.text.unicodeScalars.contains("\r"))
    }

    @Test("typed characters insert at the cursor")
    func insert() {
        var editor = editor("ab\ncd", line: 1, column: 1)
        type("x漢", into: &editor)
        #expect(editor.text == "ab\ncx漢d")
        #expect(editor.cursor == Position(line: 1, column: 3))
    }

    @Test("Enter splits the line and carries the indentation before the cursor")
    func newlineAutoIndent() {
        var editor = editor("    foo bar", column: 7)
        #expect(editor.handle(.enter) == true)
        #expect(editor.text == "    foo\n     bar")
        #expect(editor.cursor == Position(line: 1, column: 4))

        var tabbed = self.editor("\tx", column: 2)
        _ = tabbed.handle(.enter)
        #expect(tabbed.text == "\tx\n\t")
        #expect(tabbed.cursor == Position(line: 1, column: 1))

        var inIndent = self.editor("    foo", column: 2)
        _ = inIndent.handle(.enter)
        #expect(inIndent.text == "  \n    foo")
        #expect(inIndent.cursor == Position(line: 1, column: 2))
    }

    @Test("Backspace at column 0 joins the line to the previous one")
    func backspaceJoins() {
        var editor = editor("ab\ncd", line: 1)
        #expect(editor.handle(.backspace) == true)
        #expect(editor.text == "abcd")
        #expect(editor.cursor == Position(line: 0, column: 2))
        _ = editor.handle(.backspace)
        #expect(editor.text == "acd")
        #expect(editor.cursor == Position(line: 0, column: 1))

        var start = self.editor("ab")
        #expect(start.handle(.backspace) == true)
        #expect(start.text == "ab")
    }

    @Test("Delete and Ctrl+D at the end of a line join the next line", arguments: [KeyEvent.delete, .control("d")])
    func deleteJoins(_ key: KeyEvent) {
        var editor = editor("ab\ncd", column: 2)
        #expect(editor.handle(key) == true)
        #expect(editor.text == "abcd")
        #expect(editor.cursor == Position(line: 0, column: 2))
        _ = editor.handle(key)
        #expect(editor.text == "abd")
        _ = editor.handle(.end)
        #expect(editor.handle(key) == true)
        #expect(editor.text == "abd")
    }

    @Test("Left and Right cross line ends and stop at the ends of the text")
    func leftRight() {
        var editor = editor("ab\ncd", column: 2)
        _ = editor.handle(.right)
        #expect(editor.cursor == Position(line: 1, column: 0))
        _ = editor.handle(.left)
        #expect(editor.cursor == Position(line: 0, column: 2))
        var start = self.editor("ab")
        _ = start.handle(.left)
        #expect(start.cursor == Position(line: 0, column: 0))
        var end = self.editor("ab", column: 2)
        _ = end.handle(.right)
        #expect(end.cursor == Position(line: 0, column: 2))
    }

    @Test("Up and Down keep the preferred column across short lines")
    func preferredColumn() {
        var editor = editor("abcdefgh\nab\n\nabcdefgh", column: 6)
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 1, column: 2))
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 2, column: 0))
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 3, column: 6))
        _ = editor.handle(.up)
        _ = editor.handle(.up)
        _ = editor.handle(.up)
        #expect(editor.cursor == Position(line: 0, column: 6))

        // Any other key forgets the preferred column.
        _ = editor.handle(.down)
        _ = editor.handle(.left)
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 2, column: 0))
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 3, column: 1))
    }

    @Test("the preferred column is in display columns, so wide characters count twice")
    func preferredColumnWide() {
        var editor = editor("abcdef\n漢字漢字\nabcdef", column: 3)
        _ = editor.handle(.down)
        // Display column 3 is the right half of 字: the cursor lands on 字.
        #expect(editor.cursor == Position(line: 1, column: 1))
        #expect(editor.displayColumn(of: editor.cursor) == 2)
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 2, column: 3))

        var even = self.editor("abcdef\n漢字漢字", column: 4)
        _ = even.handle(.down)
        #expect(even.cursor == Position(line: 1, column: 2))
        _ = even.handle(.end)
        _ = even.handle(.up)
        #expect(even.cursor == Position(line: 0, column: 6))
    }

    @Test("Up on the first line goes to its start, Down on the last to its end")
    func verticalEdges() {
        var editor = editor("abc\nabcdef", column: 2)
        _ = editor.handle(.up)
        #expect(editor.cursor == Position(line: 0, column: 0))
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 1, column: 2))
        _ = editor.handle(.down)
        #expect(editor.cursor == Position(line: 1, column: 6))
    }

    @Test("Home goes to the first non-blank character, then to column 0", arguments: [KeyEvent.home, .control("a")])
    func smartHome(_ key: KeyEvent) {
        var editor = editor("    foo", column: 6)
        _ = editor.handle(key)
        #expect(editor.cursor.column == 4)
        _ = editor.handle(key)
        #expect(editor.cursor.column == 0)
        _ = editor.handle(key)
        #expect(editor.cursor.column == 4)
    }

    @Test("End and Ctrl+E go to the end of the line", arguments: [KeyEvent.end, .control("e")])
    func end(_ key: KeyEvent) {
        var editor = editor("    foo\nbar", column: 2)
        #expect(editor.handle(key) == true)
        #expect(editor.cursor == Position(line: 0, column: 7))
    }

    @Test("Ctrl+B and Ctrl+F jump by words across line breaks")
    func wordJumps() {
        var editor = editor("foo bar\n  baz-qux", line: 1, column: 2)
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == Position(line: 0, column: 4))
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == Position(line: 0, column: 0))
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == Position(line: 0, column: 0))
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == Position(line: 0, column: 3))
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == Position(line: 0, column: 7))
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == Position(line: 1, column: 5))
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == Position(line: 1, column: 9))
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == Position(line: 1, column: 9))
        #expect(editor.text == "foo bar\n  baz-qux")
    }

    @Test("Ctrl+W deletes the word before the cursor, across a line break")
    func deleteWord() {
        var editor = editor("one two three", column: 7)
        #expect(editor.handle(.control("w")) == true)
        #expect(editor.text == "one  three")
        #expect(editor.cursor == Position(line: 0, column: 4))

        var joined = self.editor("foo bar\nbaz", line: 1)
        _ = joined.handle(.control("w"))
        #expect(joined.text == "foo baz")
        #expect(joined.cursor == Position(line: 0, column: 4))
    }

    @Test("Ctrl+U deletes to the start of the line, and nothing at column 0")
    func deleteToLineStart() {
        var editor = editor("abc def\nxyz", column: 4)
        #expect(editor.handle(.control("u")) == true)
        #expect(editor.text == "def\nxyz")
        #expect(editor.cursor == Position(line: 0, column: 0))

        var second = self.editor("abc\nxyz", line: 1)
        _ = second.handle(.control("u"))
        #expect(second.text == "abc\nxyz")
    }

    @Test("Ctrl+K deletes to the end of the line, and at the end joins the next line")
    func deleteToLineEnd() {
        var editor = editor("abc def\nxyz", column: 3)
        #expect(editor.handle(.control("k")) == true)
        #expect(editor.text == "abc\nxyz")
        _ = editor.handle(.control("k"))
        #expect(editor.text == "abcxyz")
        _ = editor.handle(.control("k"))
        #expect(editor.text == "abc")
        _ = editor.handle(.control("k"))
        #expect(editor.text == "abc")
        #expect(editor.cursor == Position(line: 0, column: 3))
    }

    @Test("Tab inserts two spaces; Shift+Tab removes up to two leading spaces")
    func indentOutdent() {
        var editor = editor("x")
        #expect(editor.handle(.tab) == true)
        #expect(editor.text == "  x")
        #expect(editor.cursor == Position(line: 0, column: 2))

        var outdent = self.editor("   x", column: 4)
        #expect(outdent.handle(.backTab) == true)
        #expect(outdent.text == " x")
        #expect(outdent.cursor == Position(line: 0, column: 2))
        _ = outdent.handle(.backTab)
        #expect(outdent.text == "x")
        #expect(outdent.cursor == Position(line: 0, column: 1))
        #expect(outdent.handle(.backTab) == true)
        #expect(outdent.text == "x")
    }

    @Test("typing is undone a word at a time: a space after a word starts a new step")
    func undoGroupsTyping() {
        var editor = TextEditor()
        type("hello world", into: &editor)
        #expect(editor.handle(.control("z")) == true)
        #expect(editor.text == "hello")
        #expect(editor.cursor == Position(line: 0, column: 5))
        _ = editor.handle(.control("z"))
        #expect(editor.text == "")
        #expect(editor.cursor == Position(line: 0, column: 0))
        #expect(editor.handle(.control("y")) == true)
        #expect(editor.text == "hello")
        _ = editor.handle(.control("y"))
        #expect(editor.text == "hello world")
        #expect(editor.cursor == Position(line: 0, column: 11))
        _ = editor.handle(.control("y"))
        #expect(editor.text == "hello world")
    }

    @Test("a cursor move or a line break ends a typing step")
    func undoGroupBoundaries() {
        var editor = TextEditor()
        type("ab", into: &editor)
        _ = editor.handle(.left)
        _ = editor.handle(.right)
        type("cd", into: &editor)
        _ = editor.handle(.enter)
        type("ef", into: &editor)
        #expect(editor.text == "abcd\nef")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abcd\n")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abcd")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "ab")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "")
    }

    @Test("every other edit is its own undo step, and a new edit clears redo")
    func undoOtherEdits() {
        var editor = editor("abc\ndef", line: 1, column: 3)
        _ = editor.handle(.backspace)
        _ = editor.handle(.backspace)
        _ = editor.handle(.control("u"))
        _ = editor.handle(.backspace)
        #expect(editor.text == "abc")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abc\n")
        #expect(editor.cursor == Position(line: 1, column: 0))
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abc\nd")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abc\nde")
        _ = editor.handle(.control("z"))
        #expect(editor.text == "abc\ndef")
        #expect(editor.cursor == Position(line: 1, column: 3))
        #expect(editor.handle(.control("z")) == true)
        #expect(editor.text == "abc\ndef")

        _ = editor.handle(.control("y"))
        #expect(editor.text == "abc\nde")
        _ = editor.handle(.character("x"))
        _ = editor.handle(.control("y"))
        #expect(editor.text == "abc\ndex")
    }

    @Test("a multi-line paste is one undo step; CR LF becomes LF and tabs are kept")
    func pasteMultiLine() {
        var editor = editor("<>", column: 1)
        #expect(editor.handle(.paste("a\r\n\tb\rc")) == true)
        #expect(editor.text == "<a\n\tb\nc>")
        #expect(editor.cursor == Position(line: 2, column: 1))
        _ = editor.handle(.control("z"))
        #expect(editor.text == "<>")
        #expect(editor.cursor == Position(line: 0, column: 1))
        _ = editor.handle(.control("y"))
        #expect(editor.text == "<a\n\tb\nc>")
        #expect(editor.cursor == Position(line: 2, column: 1))
    }

    @Test("a line break typed as a character splits the line", arguments: ["\n", "\r", "\r\n"] as [Character])
    func lineBreakCharacter(_ character: Character) {
        var editor = editor("ab", column: 1)
        _ = editor.handle(.character(character))
        #expect(editor.text == "a\nb")
    }

    @Test("scrolling follows the cursor down and up")
    func verticalScroll() {
        let text = (0..<100).map { "line \($0)" }.joined(separator: "\n")
        var editor = TextEditor(text)
        let viewport = (height: 5, width: 20)
        for _ in 0..<10 { _ = editor.handle(.down, viewport: viewport) }
        #expect(editor.cursor.line == 10)
        #expect(editor.scroll.line == 6)
        for _ in 0..<7 { _ = editor.handle(.up, viewport: viewport) }
        #expect(editor.cursor.line == 3)
        #expect(editor.scroll.line == 3)
    }

    @Test("PgDn and PgUp move the cursor and the view by the viewport height")
    func pages() {
        let text = (0..<100).map { "line \($0)" }.joined(separator: "\n")
        var editor = TextEditor(text)
        let viewport = (height: 5, width: 20)
        _ = editor.handle(.down, viewport: viewport)
        #expect(editor.handle(.pageDown, viewport: viewport) == true)
        #expect(editor.cursor.line == 6)
        #expect(editor.scroll.line == 5)
        _ = editor.handle(.pageUp, viewport: viewport)
        #expect(editor.cursor.line == 1)
        #expect(editor.scroll.line == 0)

        var plain = TextEditor(text)
        _ = plain.handle(.pageDown)
        #expect(plain.cursor.line == 10)
        for _ in 0..<20 { _ = plain.handle(.pageDown, viewport: viewport) }
        #expect(plain.cursor.line == 99)
        #expect(plain.scroll.line == 95)
    }

    @Test("scrolling sideways keeps the cursor on screen with a margin")
    func horizontalScroll() {
        var editor = TextEditor(String(repeating: "x", count: 100) + "\nshort")
        let viewport = (height: 3, width: 20)
        _ = editor.handle(.end, viewport: viewport)
        #expect(editor.scroll.column == 85)
        let onScreen = editor.displayColumn(of: editor.cursor) - editor.scroll.column
        #expect(onScreen == 15)
        for _ in 0..<12 { _ = editor.handle(.left, viewport: viewport) }
        #expect(editor.scroll.column == 84)
        _ = editor.handle(.down, viewport: viewport)
        #expect(editor.cursor == Position(line: 1, column: 5))
        #expect(editor.scroll.column == 1)
        _ = editor.handle(.home, viewport: viewport)
        #expect(editor.scroll.column == 0)
    }

    @Test("the cursor on a wide character gets both of its columns on screen")
    func horizontalScrollWide() {
        var editor = editor("abcdefgh漢")
        let viewport = (height: 1, width: 10)
        for _ in 0..<8 { _ = editor.handle(.right, viewport: viewport) }
        // 漢 is at display columns 8-9; with a margin of 2 the view must start at 2.
        #expect(editor.scroll.column == 2)
    }

    @Test("deleting lines pulls the view back so it does not show past the end")
    func scrollAfterShrinking() {
        let text = (0..<20).map { "\($0)" }.joined(separator: "\n")
        var editor = TextEditor(text)
        let viewport = (height: 5, width: 20)
        for _ in 0..<3 { _ = editor.handle(.pageDown, viewport: viewport) }
        #expect(editor.cursor.line == 15)
        #expect(editor.scroll.line == 15)
        for _ in 0..<10 { _ = editor.handle(.control("k"), viewport: viewport) }
        #expect(editor.lines.count == 16)
        #expect(editor.scroll.line == 11)
    }

    @Test("display columns expand tabs to stops of 4 and count wide and control characters")
    func displayColumns() {
        let editor = TextEditor("\tab\tc\n漢x\n\u{1B}y")
        #expect(editor.displayColumn(of: Position(line: 0, column: 1)) == 4)
        #expect(editor.displayColumn(of: Position(line: 0, column: 3)) == 6)
        #expect(editor.displayColumn(of: Position(line: 0, column: 4)) == 8)
        #expect(editor.displayColumn(of: Position(line: 1, column: 1)) == 2)
        #expect(editor.displayColumn(of: Position(line: 2, column: 1)) == 1)
    }

    @Test("visibleSlice expands tabs and cuts lines at the viewport")
    func visibleSliceTabs() {
        let editor = TextEditor("\tab\tc\nabc漢\nxyz")
        let slice = editor.visibleSlice(height: 2, width: 4)
        #expect(slice.map(\.lineNumber) == [0, 1])
        #expect(slice.map(\.text) == ["    ", "abc "])
        #expect(editor.visibleSlice(height: 5, width: 10).map(\.text) == ["    ab  c", "abc漢", "xyz"])
    }

    @Test("a wide character or tab cut at the left edge becomes a space")
    func visibleSliceLeftEdge() {
        var wide = editor("漢0123456789")
        _ = wide.handle(.end, viewport: (height: 1, width: 15))
        #expect(wide.scroll.column == 1)
        #expect(wide.visibleSlice(height: 1, width: 15).map(\.text) == [" 0123456789"])

        var tab = editor("ab\t0123456789")
        _ = tab.handle(.end, viewport: (height: 1, width: 15))
        #expect(tab.scroll.column == 3)
        #expect(tab.visibleSlice(height: 1, width: 15).map(\.text) == [" 0123456789"])
    }

    @Test("the slice drawn into a cell grid puts the cursor's character at its display column")
    func sliceMatchesGrid() {
        var editor = editor("a\t漢\u{1B}b字c", column: 5)
        let viewport = (height: 1, width: 6)
        _ = editor.handle(.left, viewport: viewport)
        _ = editor.handle(.right, viewport: viewport)
        var grid = CellGrid(width: viewport.width, height: 1)
        for (row, line) in editor.visibleSlice(height: 1, width: viewport.width).enumerated() {
            grid.put(line.text, row: row, column: 0)
        }
        let x = editor.displayColumn(of: editor.cursor) - editor.scroll.column
        #expect(grid[0, x].character == "字")
    }

    @Test("keys the editor does not use are left to the caller and change nothing", arguments: [
        KeyEvent.escape, .control("s"), .control("r"), .control("q"), .control("c"), .control("p"),
        .function(5), .mouse(MouseEvent(kind: .press, row: 1, column: 1)), .resize(width: 80, height: 24),
    ])
    func unhandledKeys(_ key: KeyEvent) {
        var editor = editor("abc\ndef", line: 1, column: 1)
        _ = editor.handle(.character("x"))
        let before = editor
        #expect(editor.handle(key, viewport: (height: 1, width: 1)) == false)
        #expect(editor == before)
    }

    @Test("editing a 20,000-line body keeps it exact")
    func largeText() {
        let line = String(repeating: "{\"key\": \"value\", \"n\": 12345}, ", count: 2)
        let text = (0..<20_000).map { "\($0) \(line)" }.joined(separator: "\n")
        var editor = TextEditor(text)
        let viewport = (height: 40, width: 120)
        for _ in 0..<1_000 { _ = editor.handle(.pageDown, viewport: viewport) }
        for _ in 0..<100 {
            _ = editor.handle(.character("x"), viewport: viewport)
            _ = editor.handle(.enter, viewport: viewport)
            _ = editor.handle(.backspace, viewport: viewport)
        }
        for _ in 0..<300 { _ = editor.handle(.control("z"), viewport: viewport) }
        // Behaviour only: how long it takes is the benchmarks' to say, not a test's.
        #expect(editor.cursor.line == 19_999)
        #expect(editor.text == text)
    }
}
