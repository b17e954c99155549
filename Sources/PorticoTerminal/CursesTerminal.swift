import CNcurses
import Foundation
import PorticoTUI

/// The ncurses backend: the only code that touches the terminal. It reads keys, mouse and resizes,
/// and copies to the screen only the cells that changed since the last frame.
public final class CursesTerminal {
    public private(set) var width = 0
    public private(set) var height = 0
    private var previous: CellGrid?
    private var colors: ColorPairs
    private var pasteBuffer: String?
    private var isActive = false

    private static let pasteStart = Int32(0x7000)
    private static let pasteEnd = Int32(0x7001)

    /// Whether colours reach the screen (false with NO_COLOR or a terminal without colours).
    public var hasColor: Bool { colors.depth != .none }

    /// Takes over the terminal. `noColor` forces monochrome (the `NO_COLOR` convention).
    public init(noColor: Bool) throws {
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(message: "the explorer needs a terminal; use `portico send` in scripts")
        }
        guard initscr() != nil else { throw TerminalError(message: "cannot initialise the terminal (is TERM set?)") }
        isActive = true
        raw()
        noecho()
        nonl()
        keypad(portico_stdscr(), true)
        nodelay(portico_stdscr(), true)
        portico_set_escdelay(25)
        curs_set(0)
        mousemask(portico_mouse_events(), nil)
        mouseinterval(0)
        var depth = ColorPairs.Depth.none
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            depth = portico_colors() >= 256 ? .full : (portico_colors() >= 16 ? .sixteen : .eight)
        }
        colors = ColorPairs(depth: depth, limit: Int(portico_color_pairs()))
        // Bracketed paste: the terminal wraps pasted text in markers, decoded into one paste event.
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
        FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
        width = Int(portico_cols())
        height = Int(portico_lines())
    }

    /// Puts `bytes` on the terminal's clipboard with OSC 52 (it travels over SSH; tmux passes it
    /// on with `set-clipboard on`). The text is base64, so nothing in it can act on the terminal.
    public func copyToClipboard(_ bytes: Data) {
        FileHandle.standardOutput.write(Data("\u{1B}]52;c;\(bytes.base64EncodedString())\u{07}".utf8))
    }

    /// Gives the terminal back as it was; safe to call more than once.
    public func restore() {
        guard isActive else { return }
        isActive = false
        FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
        curs_set(1)
        endwin()
    }

    deinit { restore() }

    /// Draws a frame, copying only what changed.
    public func draw(_ grid: CellGrid) {
        let runs = grid.changes(since: previous)
        for run in runs {
            var column = run.column
            var index = 0
            while index < run.cells.count {
                let style = run.cells[index].style
                var text: [wchar_t] = []
                let start = column
                while index < run.cells.count, run.cells[index].style == style {
                    if let character = run.cells[index].character {
                        text += character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                    }
                    index += 1
                    column += 1
                }
                let (attributes, pair) = colors.attributes(for: style)
                text.withUnsafeBufferPointer { buffer in
                    _ = portico_put(Int32(run.row), Int32(start), buffer.baseAddress, Int32(buffer.count), attributes, pair)
                }
            }
        }
        if !runs.isEmpty { refresh() }
        previous = grid
    }

    /// Hands the terminal to another program (the user's editor) and runs it; the next draw
    /// repaints everything.
    public func suspended<T>(_ body: () -> T) -> T {
        FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
        endwin()
        let result = body()
        FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
        refresh()
        invalidate()
        return result
    }

    /// Forgets the last frame, so the next draw repaints everything (after a resize).
    public func invalidate() {
        previous = nil
        clear()
    }

    /// Notices a new window size (after SIGWINCH): ncurses only learns it inside wget_wch, and the
    /// signal may land on another thread while the UI thread sleeps in poll().
    public func checkResize() -> KeyEvent? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        let newWidth = Int(size.ws_col)
        let newHeight = Int(size.ws_row)
        guard newWidth != width || newHeight != height else { return nil }
        resizeterm(Int32(newHeight), Int32(newWidth))
        width = newWidth
        height = newHeight
        invalidate()
        return .resize(width: width, height: height)
    }

    /// Reads every key that is waiting, without blocking.
    public func readEvents() -> [KeyEvent] {
        var events: [KeyEvent] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(portico_stdscr(), &character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(character)
                if code == Self.pasteStart { pasteBuffer = ""; continue }
                if code == Self.pasteEnd {
                    if let paste = pasteBuffer { events.append(.paste(paste)) }
                    pasteBuffer = nil
                    continue
                }
                if let event = keyCode(code) { events.append(event) }
                continue
            }
            guard let scalar = Unicode.Scalar(UInt32(character)) else { continue }
            if pasteBuffer != nil {
                pasteBuffer?.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
                continue
            }
            events.append(key(scalar))
        }
        return events
    }

    private func key(_ scalar: Unicode.Scalar) -> KeyEvent {
        switch scalar.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        default: return .character(Character(scalar))
        }
    }

    private func keyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_RESIZE:
            // Handled by checkResize, which also catches resizes ncurses has not reported.
            return checkResize()
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let kind: MouseEvent.Kind
            if event.bstate & portico_wheel_up() != 0 { kind = .wheelUp }
            else if event.bstate & portico_wheel_down() != 0 { kind = .wheelDown }
            else if event.bstate & portico_button1() != 0 { kind = .press }
            else { return nil }
            return .mouse(MouseEvent(kind: kind, row: Int(event.y), column: Int(event.x)))
        default:
            for number in 1...12 where code == portico_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
