func drawHelp(_ grid: inout CellGrid, _ theme: Theme) {
    let sections: [(String, [KeyHelp.Binding])] = [
        ("Everywhere", KeyHelp.global), ("Collection", KeyHelp.sidebar), ("Request", KeyHelp.request),
        ("Response", KeyHelp.response), ("Editing a field", KeyHelp.editing),
    ]
    var lines: [(String, String, Bool)] = []
    for (title, bindings) in sections {
        lines.append((title, "", true))
        lines += bindings.map { ($0.keys, $0.action, false) }
    }
    // As many columns as the height needs, so every binding is visible even at 80×24.
    let rowsAvailable = max(1, grid.height - 4)
    let columns = (lines.count + rowsAvailable - 1) / rowsAvailable
    let width = min(grid.width - 2, max(64, columns * 42))
    let height = min(grid.height - 2, (lines.count + columns - 1) / columns + 2)
    let rect = Rect(row: max(1, (grid.height - height) / 2), column: (grid.width - width) / 2, width: width, height: height)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: "Keys · any key closes", focused: true, theme)
    let columnWidth = inner.width / columns
    let perColumn = max(1, inner.height)
    for (index, line) in lines.enumerated() {
        let columnLines = lines[(index / perColumn * perColumn)..<min(lines.count, (index / perColumn + 1) * perColumn)]
        let keysWidth = (columnLines.filter { !$0.2 }.map { DisplayWidth.of($0.0) }.max() ?? 0) + 1
        let column = index / perColumn
        let y = inner.row + index % perColumn
        guard column < columns else { break }
        let x = inner.column + column * columnWidth
        if line.2 {
            grid.put(line.0, row: y, column: x + 1, style: theme.accent, limit: columnWidth - 1)
        } else {
            grid.put(line.0, row: y, column: x + 2, style: theme.key, limit: keysWidth)
            grid.put(line.1, row: y, column: x + 2 + keysWidth, style: theme.base, limit: columnWidth - keysWidth - 2)
        }
    }
}

func drawConfirm(_ grid: inout CellGrid, _ question: String, _ theme: Theme) {
    let width = min(grid.width - 4, DisplayWidth.of(question) + 4)
    let rect = Rect(row: grid.height / 2 - 1, column: (grid.width - width) / 2, width: width, height: 3)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: "Unsaved changes", focused: true, theme)
    grid.put(question, row: inner.row, column: inner.column + 1, style: theme.base, limit: inner.width - 1)
}
