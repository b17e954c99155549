/// A colour as the TUI asks for it; the terminal backend maps it to what the terminal can show
/// (256 colours, 16, or none).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case standard
    /// One of the 256 xterm palette entries (0–15 are the terminal's ANSI colours).
    case palette(UInt8)
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: TerminalColor = .standard, background: TerminalColor = .standard, bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
}
