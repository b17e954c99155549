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
    let width = min(grid.width - 4, 64)
    let height = min(grid.height - 2, lines.count + 3)
    let rect = Rect(row: max(1, (grid.height - height) / 2), column: (grid.width - width) / 2, width: width, height: height)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: "Keys · any key closes", focused: true, theme)
    for (index, line) in lines.prefix(inner.height).enumerated() {
        let y = inner.row + index
        if line.2 {
            grid.put(line.0, row: y, column: inner.column + 1, style: theme.accent, limit: inner.width - 1)
        } else {
            grid.put(line.0, row: y, column: inner.column + 3, style: theme.key, limit: 20)
            grid.put(line.1, row: y, column: inner.column + 24, style: theme.base, limit: inner.width - 24)
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
