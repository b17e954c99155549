import PorticoTUI
import Testing

@Suite("LineEditor")
struct LineEditorTests {
    private func editor(_ text: String, cursor: Int? = nil) -> LineEditor {
        var editor = LineEditor(text)
        if let cursor {
            _ = editor.handle(.home)
            for _ in 0..<cursor { _ = editor.handle(.right) }
        }
        return editor
    }

    @Test("starts with the cursor at the end")
    func initialCursor() {
        let editor = LineEditor("abc")
        #expect(editor.string == "abc")
        #expect(editor.cursor == 3)
    }

    @Test("inserts at the cursor")
    func insert() {
        var editor = editor("ac", cursor: 1)
        #expect(editor.handle(.character("b")) == true)
        #expect(editor.string == "abc")
        #expect(editor.cursor == 2)
        #expect(editor.handle(.character("漢")) == true)
        #expect(editor.string == "ab漢c")
        #expect(editor.cursor == 3)
    }

    @Test("backspace deletes before the cursor and does nothing at the start")
    func backspace() {
        var middle = editor("abc", cursor: 2)
        #expect(middle.handle(.backspace) == true)
        #expect(middle.string == "ac")
        #expect(middle.cursor == 1)

        var start = editor("abc", cursor: 0)
        #expect(start.handle(.backspace) == true)
        #expect(start.string == "abc")
        #expect(start.cursor == 0)
    }

    @Test("delete removes under the cursor and does nothing at the end")
    func delete() {
        var middle = editor("abc", cursor: 1)
        #expect(middle.handle(.delete) == true)
        #expect(middle.string == "ac")
        #expect(middle.cursor == 1)

        var end = editor("abc")
        #expect(end.handle(.delete) == true)
        #expect(end.string == "abc")
        #expect(end.cursor == 3)
    }

    @Test("left and right stop at the edges")
    func arrows() {
        var editor = editor("ab", cursor: 0)
        _ = editor.handle(.left)
        #expect(editor.cursor == 0)
        _ = editor.handle(.right)
        _ = editor.handle(.right)
        _ = editor.handle(.right)
        #expect(editor.cursor == 2)
    }

    @Test("Home/End and Ctrl+A/Ctrl+E jump to the ends", arguments: [
        (KeyEvent.home, KeyEvent.end), (KeyEvent.control("a"), KeyEvent.control("e")),
    ])
    func homeEnd(start: KeyEvent, end: KeyEvent) {
        var editor = editor("hello", cursor: 2)
        #expect(editor.handle(start) == true)
        #expect(editor.cursor == 0)
        #expect(editor.handle(end) == true)
        #expect(editor.cursor == 5)
        #expect(editor.string == "hello")
    }

    @Test("Ctrl+B and Ctrl+F jump by words")
    func wordJumps() {
        var editor = editor("foo bar-baz")
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == 8)
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == 4)
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == 0)
        _ = editor.handle(.control("b"))
        #expect(editor.cursor == 0)
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == 3)
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == 7)
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == 11)
        _ = editor.handle(.control("f"))
        #expect(editor.cursor == 11)
        #expect(editor.string == "foo bar-baz")
    }

    @Test("Ctrl+W deletes the previous word")
    func deleteWord() {
        var editor = editor("http://api.test/users/")
        #expect(editor.handle(.control("w")) == true)
        #expect(editor.string == "http://api.test/")
        #expect(editor.cursor == 16)

        var middle = self.editor("one two three", cursor: 7)
        _ = middle.handle(.control("w"))
        #expect(middle.string == "one  three")
        #expect(middle.cursor == 4)

        var empty = self.editor("   ", cursor: 0)
        _ = empty.handle(.control("w"))
        #expect(empty.string == "   ")
    }

    @Test("Ctrl+U deletes to the start")
    func deleteToStart() {
        var editor = editor("abc def", cursor: 4)
        #expect(editor.handle(.control("u")) == true)
        #expect(editor.string == "def")
        #expect(editor.cursor == 0)
    }

    @Test("Ctrl+Z restores the previous text, step by step")
    func undo() {
        var editor = editor("abc")
        _ = editor.handle(.character("d"))
        _ = editor.handle(.control("w"))
        #expect(editor.string == "")
        #expect(editor.handle(.control("z")) == true)
        #expect(editor.string == "abcd")
        #expect(editor.handle(.control("z")) == true)
        #expect(editor.string == "abc")
        #expect(editor.cursor <= 3)
        #expect(editor.handle(.control("z")) == true)
        #expect(editor.string == "abc")
    }

    @Test("undo after Ctrl+U and backspace")
    func undoDeletions() {
        var editor = editor("hello world")
        _ = editor.handle(.backspace)
        #expect(editor.string == "hello worl")
        _ = editor.handle(.control("u"))
        #expect(editor.string == "")
        _ = editor.handle(.control("z"))
        #expect(editor.string == "hello worl")
        _ = editor.handle(.control("z"))
        #expect(editor.string == "hello world")
    }

    @Test("a paste is inserted whole with newlines turned into spaces")
    func paste() {
        var editor = editor("<>", cursor: 1)
        #expect(editor.handle(.paste("a\nb\nc")) == true)
        #expect(editor.string == "<a b c>")
        #expect(editor.cursor == 6)
        _ = editor.handle(.control("z"))
        #expect(editor.string == "<>")
    }

    @Test("a pasted CR LF leaves no control character in the text")
    func pasteCRLF() {
        var editor = LineEditor()
        _ = editor.handle(.paste("a\r\nb"))
        #expect(!editor.string.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "got \(editor.string.debugDescription)")
    }

    @Test("keys that do not edit are left to the caller", arguments: [
        KeyEvent.enter, .escape, .tab, .backTab, .up, .down, .pageUp, .pageDown, .function(5),
        .control("r"), .control("s"), .resize(width: 80, height: 24),
    ])
    func nonEditingKeys(_ key: KeyEvent) {
        var editor = editor("abc", cursor: 1)
        #expect(editor.handle(key) == false)
        #expect(editor.string == "abc")
        #expect(editor.cursor == 1)
    }
}
