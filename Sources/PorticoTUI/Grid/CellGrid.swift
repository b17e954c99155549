import PorticoCore

/// One screen position.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; empty for the right half of a wide character.
    public var character: Character?
    public var style: Style

    public init(_ character: Character?, style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell(" ")
    /// The second column of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(nil, style: style) }
}

/// What `render` draws into: a rectangle of cells. Widgets write here and never touch the
/// terminal; the backend copies only the cells that changed since the last frame.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Writes `text` from (row, column), clipped at `limit` columns (default: the right edge).
    /// Control characters are drawn as visible symbols: text from the network must never reach
    /// the terminal as a command. Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, row: Int, column: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let end = min(width, column + (limit ?? width))
        var x = column
        drawing: for character in text {
            // An escaped character is drawn as the characters of its escape (`<U+200B>`).
            for shown in Self.visible(character) {
                let columns = DisplayWidth.of(shown)
                if columns == 0 { continue }
                if x + columns > end { break drawing }
                if x >= 0 {
                    clearWideNeighbours(row: row, from: x, columns: columns)
                    self[row, x] = Cell(shown, style: style)
                    if columns == 2 { self[row, x + 1] = .continuation(style) }
                }
                x += columns
            }
        }
        return x - column
    }

    /// Overwriting half of a wide character blanks its other half, so the grid never holds a
    /// character the terminal would have erased.
    private mutating func clearWideNeighbours(row: Int, from x: Int, columns: Int) {
        if self[row, x].character == nil, x > 0 {
            self[row, x - 1] = Cell(" ", style: self[row, x - 1].style)
        }
        let after = x + columns
        if after < width, self[row, after].character == nil {
            self[row, after] = Cell(" ", style: self[row, after].style)
        }
    }

    /// Fills a rectangle with one style (and spaces).
    public mutating func fill(row: Int, column: Int, width fillWidth: Int, height fillHeight: Int, style: Style) {
        for y in max(0, row)..<min(height, row + fillHeight) {
            for x in max(0, column)..<min(width, column + fillWidth) {
                self[y, x] = Cell(" ", style: style)
            }
        }
    }

    /// Re-styles cells without changing what they show (selection bars, highlights).
    public mutating func restyle(row: Int, column: Int, width styleWidth: Int, _ change: (inout Style) -> Void) {
        guard row >= 0, row < height else { return }
        for x in max(0, column)..<min(width, column + styleWidth) {
            change(&cells[row * width + x].style)
        }
    }

    /// Runs of cells that differ from `previous`, row by row: all the backend has to redraw.
    public func changes(since previous: CellGrid?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { CellRun(row: $0, column: 0, cells: Array(cells[($0 * width)..<(($0 + 1) * width)])) }
        }
        var runs: [CellRun] = []
        for row in 0..<height {
            var x = 0
            while x < width {
                guard self[row, x] != previous[row, x] else { x += 1; continue }
                var start = x
                // A run must not start on the right half of a wide character.
                if start > 0, self[row, start].character == nil { start -= 1 }
                while x < width, self[row, x] != previous[row, x] || self[row, x].character == nil { x += 1 }
                runs.append(CellRun(row: row, column: start, cells: Array(cells[(row * width + start)..<(row * width + x)])))
            }
        }
        return runs
    }

    /// The characters, one line per row, for tests and snapshots.
    public var text: String {
        (0..<height).map { row in
            String((0..<width).compactMap { self[row, $0].character })
        }.joined(separator: "\n")
    }

    /// What is drawn for `character`: itself, or a visible form (`TerminalText.visible`) when it
    /// would act on the terminal or hide itself; a tab is one space.
    static func visible(_ character: Character) -> String {
        if character == "\t" { return " " }
        return TerminalText.visible(character) ?? String(character)
    }
}

/// Consecutive changed cells of one row.
public struct CellRun: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var cells: [Cell]
}
