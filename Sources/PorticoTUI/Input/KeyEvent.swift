/// Input as the app sees it, whatever terminal delivered it.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower-cased (`.control("s")` is Ctrl+S).
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
    /// A bracketed paste: arrives whole, never as a stream of key commands.
    case paste(String)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var row: Int
    public var column: Int

    public init(kind: Kind, row: Int, column: Int) {
        self.kind = kind
        self.row = row
        self.column = column
    }
}
