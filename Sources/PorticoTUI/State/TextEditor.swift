/// A multi-line text area for request bodies: movement, word jumps, editing, paste and undo/redo.
///
/// The text is held as an array of lines so that a key touches one line, never the whole body;
/// undo records what each edit replaced rather than snapshots of the text, so a long history of
/// a large body stays small.
public struct TextEditor: Hashable, Sendable {
    /// A place in the text: a line index and a column counted in characters, both from 0.
    public struct Position: Hashable, Sendable, Comparable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.line, lhs.column) < (rhs.line, rhs.column)
        }
    }

    /// The text line by line, without line breaks; never empty (an empty text is one empty line).
    public private(set) var lines: [[Character]]
    public private(set) var cursor = Position(line: 0, column: 0)
    /// The first visible line, and the first visible display column (not a character index).
    public private(set) var scroll = Position(line: 0, column: 0)

    /// The display column Up/Down aim for, so the cursor comes back to it after crossing short lines.
    private var preferredColumn: Int?
    private var undoStack: [Change] = []
    private var redoStack: [Change] = []
    /// Whether the newest undo step is a run of typed characters that the next typed one may join.
    private var typingOpen = false

    static let tabStop = 4
    static let indent: [Character] = [" ", " "]
    static let defaultPageHeight = 10
    static let undoLimit = 500
    /// Columns kept between the cursor and the left/right edge when scrolling sideways.
    static let scrollMargin = 4

    /// One undo (or redo) step: putting `replaced` back between `start` and `end` reverts it.
    private struct Change: Hashable, Sendable {
        var start: Position
        /// Where the text the edit inserted ends now.
        var end: Position
        var replaced: [[Character]]
        var cursorBefore: Position
        var cursorAfter: Position
    }

    /// Starts with the cursor at the start of `text`; CR LF and lone CR become LF.
    public init(_ text: String = "") {
        lines = Self.splitLines(text)
    }

    /// The whole text, lines joined with LF.
    public var text: String {
        lines.lazy.map { String($0) }.joined(separator: "\n")
    }

    /// Applies a key; returns false when the key is not an editing key (so the caller handles it).
    ///
    /// With a viewport the scroll position follows the cursor, and PgUp/PgDn move by its height.
    public mutating func handle(_ key: KeyEvent, viewport: (height: Int, width: Int)? = nil) -> Bool {
        let page = max(1, viewport?.height ?? Self.defaultPageHeight)
        switch key {
        case .character(let character) where Self.isLineBreak(character): newline()
        case .character(let character): type(character)
        case .paste(let pasted): edit(cursor, cursor, with: Self.splitLines(pasted))
        case .enter: newline()
        case .tab: edit(cursor, cursor, with: [Self.indent])
        case .backTab: outdent()
        case .left: cursor = position(before: cursor) ?? cursor
        case .right: cursor = position(after: cursor) ?? cursor
        case .up: moveVertically(by: -1)
        case .down: moveVertically(by: 1)
        case .pageUp: movePage(by: -page)
        case .pageDown: movePage(by: page)
        case .home, .control("a"): cursor.column = smartHomeColumn()
        case .end, .control("e"): cursor.column = lines[cursor.line].count
        case .control("b"): cursor = previousWordStart()
        case .control("f"): cursor = nextWordEnd()
        case .backspace:
            if let before = position(before: cursor) { edit(before, cursor, with: [[]]) }
        case .delete, .control("d"):
            if let after = position(after: cursor) { edit(cursor, after, with: [[]]) }
        case .control("w"): edit(previousWordStart(), cursor, with: [[]])
        case .control("u"): edit(Position(line: cursor.line, column: 0), cursor, with: [[]])
        case .control("k"):
            let lineEnd = Position(line: cursor.line, column: lines[cursor.line].count)
            // At the end of a line there is nothing left to cut but the line break.
            let end = cursor == lineEnd ? position(after: cursor) ?? cursor : lineEnd
            edit(cursor, end, with: [[]])
        case .control("z"): undo()
        case .control("y"): redo()
        default: return false
        }
        switch key {
        case .up, .down, .pageUp, .pageDown: break
        default: preferredColumn = nil
        }
        if case .character = key {} else { typingOpen = false }
        if let viewport { ensureCursorVisible(height: viewport.height, width: viewport.width) }
        return true
    }

    /// Scrolls as little as possible so the cursor is inside a viewport of this size.
    public mutating func ensureCursorVisible(height: Int, width: Int) {
        guard height > 0, width > 0 else { return }
        // A shorter text (after a deletion) should not leave the view scrolled past its end.
        scroll.line = min(scroll.line, max(0, lines.count - height))
        if cursor.line < scroll.line {
            scroll.line = cursor.line
        } else if cursor.line >= scroll.line + height {
            scroll.line = cursor.line - height + 1
        }

        let x = displayColumn(of: cursor)
        let line = lines[cursor.line]
        // The cursor needs the whole of a wide character on screen; on a tab, only its first column.
        let cursorWidth = cursor.column < line.count && line[cursor.column] != "\t"
            ? max(1, Self.width(of: line[cursor.column], at: x)) : 1
        let margin = min(Self.scrollMargin, (width - 1) / 4)
        if x + cursorWidth + margin > scroll.column + width {
            scroll.column = x + cursorWidth + margin - width
        }
        if x - margin < scroll.column {
            scroll.column = max(0, x - margin)
        }
    }

    /// The display column where `position` starts: wide characters count 2, tabs reach the next stop.
    public func displayColumn(of position: Position) -> Int {
        guard lines.indices.contains(position.line) else { return 0 }
        var x = 0
        for character in lines[position.line].prefix(max(0, position.column)) {
            x += Self.width(of: character, at: x)
        }
        return x
    }

    /// The visible part of each visible line, from the horizontal scroll, with tabs expanded.
    ///
    /// `lineNumber` is the 0-based index into `lines`. A wide character or tab cut by either
    /// edge becomes spaces, so the text never starts or ends with half a character.
    public func visibleSlice(height: Int, width: Int) -> [(lineNumber: Int, text: String)] {
        guard height > 0, width > 0, scroll.line < lines.count else { return [] }
        let left = scroll.column
        let right = scroll.column + width
        return (scroll.line..<min(lines.count, scroll.line + height)).map { index in
            var text = ""
            var x = 0
            for character in lines[index] {
                if x >= right { break }
                let end = x + Self.width(of: character, at: x)
                if x >= left && end <= right && character != "\t" {
                    text.append(character)
                } else if end > left {
                    text += String(repeating: " ", count: min(end, right) - max(x, left))
                }
                x = end
            }
            return (index, text)
        }
    }

    // MARK: - Editing

    /// Replaces the text between two positions as one undo step, then places the cursor.
    private mutating func edit(_ start: Position, _ end: Position, with new: [[Character]], cursorAfter: Position? = nil) {
        guard start != end || new != [[]] else { return }
        let before = cursor
        let (replaced, newEnd) = replace(start, end, with: new)
        cursor = cursorAfter ?? newEnd
        undoStack.append(Change(start: start, end: newEnd, replaced: replaced, cursorBefore: before, cursorAfter: cursor))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst() }
        redoStack.removeAll()
        typingOpen = false
    }

    /// Inserts a typed character, joining the current undo step unless a space starts a new word.
    private mutating func type(_ character: Character) {
        let previous = cursor.column > 0 ? lines[cursor.line][cursor.column - 1] : nil
        let startsWord = character.isWhitespace && previous.map { !$0.isWhitespace } ?? true
        if typingOpen, !startsWord, let last = undoStack.indices.last, undoStack[last].end == cursor {
            lines[cursor.line].insert(character, at: cursor.column)
            cursor.column += 1
            undoStack[last].end = cursor
            undoStack[last].cursorAfter = cursor
        } else {
            edit(cursor, cursor, with: [[character]])
        }
        typingOpen = true
    }

    /// Splits the line at the cursor; the new line starts with the indentation before the cursor.
    private mutating func newline() {
        let indentation = lines[cursor.line][..<cursor.column].prefix { $0 == " " || $0 == "\t" }
        edit(cursor, cursor, with: [[], Array(indentation)])
    }

    /// Removes up to one indent of leading spaces from the cursor's line.
    private mutating func outdent() {
        let count = lines[cursor.line].prefix(Self.indent.count).prefix { $0 == " " }.count
        guard count > 0 else { return }
        let after = Position(line: cursor.line, column: max(0, cursor.column - count))
        edit(Position(line: cursor.line, column: 0), Position(line: cursor.line, column: count), with: [[]], cursorAfter: after)
    }

    private mutating func undo() {
        guard let change = undoStack.popLast() else { return }
        redoStack.append(apply(change))
    }

    private mutating func redo() {
        guard let change = redoStack.popLast() else { return }
        undoStack.append(apply(change))
    }

    /// Reverts a change and returns the change that reverts that.
    private mutating func apply(_ change: Change) -> Change {
        let (replaced, end) = replace(change.start, change.end, with: change.replaced)
        cursor = change.cursorBefore
        return Change(start: change.start, end: end, replaced: replaced, cursorBefore: change.cursorAfter, cursorAfter: change.cursorBefore)
    }

    /// Puts `new` (lines without breaks) between `start` and `end`; returns what it replaced
    /// and where the new text ends.
    private mutating func replace(_ start: Position, _ end: Position, with new: [[Character]]) -> (replaced: [[Character]], end: Position) {
        let newEnd = new.count == 1
            ? Position(line: start.line, column: start.column + new[0].count)
            : Position(line: start.line + new.count - 1, column: new[new.count - 1].count)
        if start.line == end.line && new.count == 1 {
            // Within one line: edit that line in place, the other lines are not touched.
            let replaced = Array(lines[start.line][start.column..<end.column])
            lines[start.line].replaceSubrange(start.column..<end.column, with: new[0])
            return ([replaced], newEnd)
        }
        var replaced: [[Character]]
        if start.line == end.line {
            replaced = [Array(lines[start.line][start.column..<end.column])]
        } else {
            replaced = [Array(lines[start.line][start.column...])]
            replaced += lines[(start.line + 1)..<end.line]
            replaced.append(Array(lines[end.line][..<end.column]))
        }
        var replacement = new
        replacement[0].insert(contentsOf: lines[start.line][..<start.column], at: 0)
        replacement[replacement.count - 1] += lines[end.line][end.column...]
        lines.replaceSubrange(start.line...end.line, with: replacement)
        return (replaced, newEnd)
    }

    // MARK: - Movement

    /// Moves up or down by lines, aiming for the preferred display column; past the first or
    /// last line the cursor goes to that line's start or end.
    private mutating func moveVertically(by delta: Int) {
        let goal = preferredColumn ?? displayColumn(of: cursor)
        preferredColumn = goal
        let target = min(max(cursor.line + delta, 0), lines.count - 1)
        if target == cursor.line {
            cursor.column = delta < 0 ? 0 : lines[target].count
        } else {
            cursor = Position(line: target, column: column(atDisplayColumn: goal, line: target))
        }
    }

    /// Moves the cursor and the view by a page, so the cursor stays on the same screen row.
    private mutating func movePage(by delta: Int) {
        moveVertically(by: delta)
        scroll.line = min(max(0, scroll.line + delta), max(0, lines.count - abs(delta)))
    }

    /// The character index on `line` whose cell covers display column `goal` (or the line end).
    private func column(atDisplayColumn goal: Int, line: Int) -> Int {
        var x = 0
        for (index, character) in lines[line].enumerated() {
            let end = x + Self.width(of: character, at: x)
            if end > goal { return index }
            x = end
        }
        return lines[line].count
    }

    /// Smart Home: the first non-blank character, or column 0 when already there.
    private func smartHomeColumn() -> Int {
        let line = lines[cursor.line]
        let firstNonBlank = line.firstIndex { $0 != " " && $0 != "\t" } ?? line.count
        return cursor.column == firstNonBlank ? 0 : firstNonBlank
    }

    private func position(before position: Position) -> Position? {
        if position.column > 0 { return Position(line: position.line, column: position.column - 1) }
        if position.line > 0 { return Position(line: position.line - 1, column: lines[position.line - 1].count) }
        return nil
    }

    private func position(after position: Position) -> Position? {
        if position.column < lines[position.line].count { return Position(line: position.line, column: position.column + 1) }
        if position.line < lines.count - 1 { return Position(line: position.line + 1, column: 0) }
        return nil
    }

    /// The character before `position`, a line break reading as "\n"; nil at the start of the text.
    private func character(before position: Position) -> Character? {
        if position.column > 0 { return lines[position.line][position.column - 1] }
        return position.line > 0 ? "\n" : nil
    }

    private func character(after position: Position) -> Character? {
        if position.column < lines[position.line].count { return lines[position.line][position.column] }
        return position.line < lines.count - 1 ? "\n" : nil
    }

    private func previousWordStart() -> Position {
        var position = cursor
        while let character = character(before: position), !Self.isWord(character), let before = self.position(before: position) {
            position = before
        }
        while let character = character(before: position), Self.isWord(character), let before = self.position(before: position) {
            position = before
        }
        return position
    }

    private func nextWordEnd() -> Position {
        var position = cursor
        while let character = character(after: position), !Self.isWord(character), let after = self.position(after: position) {
            position = after
        }
        while let character = character(after: position), Self.isWord(character), let after = self.position(after: position) {
            position = after
        }
        return position
    }

    // MARK: - Characters

    private static func isWord(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// Columns a character takes when it starts at display column `x`, matching what the cell
    /// grid draws: a tab reaches the next tab stop, a control character shows as one symbol.
    static func width(of character: Character, at x: Int) -> Int {
        if character == "\t" { return tabStop - x % tabStop }
        // ASCII is most of any body; skip the Unicode lookups for it.
        if character.asciiValue != nil { return 1 }
        return DisplayWidth.of(CellGrid.visible(character))
    }

    /// Splits text into lines at LF, CR LF and lone CR, so every kind of line break becomes one.
    static func splitLines(_ text: String) -> [[Character]] {
        var lines: [[Character]] = [[]]
        for character in text {
            if isLineBreak(character) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(character)
            }
        }
        return lines
    }
}
