import Foundation

/// A one-line text field: cursor movement, word jumps, insert, delete, paste and undo.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: [Character]
    public private(set) var cursor: Int
    private var undoStack: [[Character]] = []

    public init(_ text: String = "") {
        self.text = Array(text)
        cursor = self.text.count
    }

    public var string: String { String(text) }

    /// Applies a key; returns false when the key is not an editing key (so the caller handles it).
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .character(let character): insert(String(character))
        case .paste(let pasted): insert(Self.oneLine(pasted))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("b"): cursor = previousWordStart()
        case .control("f"): cursor = nextWordEnd()
        case .backspace:
            guard cursor > 0 else { return true }
            remember()
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < text.count else { return true }
            remember()
            text.remove(at: cursor)
        case .control("w"):
            let start = previousWordStart()
            guard start < cursor else { return true }
            remember()
            text.removeSubrange(start..<cursor)
            cursor = start
        case .control("u"):
            guard cursor > 0 else { return true }
            remember()
            text.removeSubrange(0..<cursor)
            cursor = 0
        case .control("z"):
            guard let previous = undoStack.popLast() else { return true }
            text = previous
            cursor = min(cursor, text.count)
        default:
            return false
        }
        return true
    }

    /// Pasted text on one line: every line break (LF, CR LF, CR) becomes a space.
    public static func oneLine(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
    }

    public mutating func insert(_ string: String) {
        guard !string.isEmpty else { return }
        remember()
        let characters = Array(string)
        text.insert(contentsOf: characters, at: cursor)
        cursor += characters.count
    }

    private mutating func remember() {
        undoStack.append(text)
        if undoStack.count > 200 { undoStack.removeFirst() }
    }

    private func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    private func previousWordStart() -> Int {
        var index = cursor
        while index > 0, !isWord(text[index - 1]) { index -= 1 }
        while index > 0, isWord(text[index - 1]) { index -= 1 }
        return index
    }

    private func nextWordEnd() -> Int {
        var index = cursor
        while index < text.count, !isWord(text[index]) { index += 1 }
        while index < text.count, isWord(text[index]) { index += 1 }
        return index
    }
}
