import PorticoCore

func drawSidebar(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme, offset: Int) {
    let inner = drawBox(&grid, rect, title: "Collection", focused: state.focus == .sidebar, theme)
    let rows = state.sidebarRows
    let showsFilter = state.mode == .filtering || !state.filter.string.isEmpty
    // The last row is the environment selector; the filter sits above it.
    let listHeight = inner.height - 1 - (showsFilter ? 1 : 0)
    if rows.isEmpty {
        grid.put(state.filter.string.isEmpty ? "no requests yet: n creates one" : "nothing matches", row: inner.row, column: inner.column + 1, style: theme.muted, limit: inner.width - 1)
    }
    for (index, row) in rows.enumerated().dropFirst(offset).prefix(max(0, listHeight)) {
        let y = inner.row + index - offset
        var x = inner.column + 1 + row.depth * 2
        switch row.kind {
        case .folder(_, let isExpanded):
            x += grid.put(isExpanded ? "▾ " : "▸ ", row: y, column: x, style: theme.muted, limit: inner.column + inner.width - x)
            grid.put(row.title + "/", row: y, column: x, style: theme.accent, limit: inner.column + inner.width - x)
        case .request(_, let method):
            let badge = String(method.rawValue.prefix(4)).padding(toLength: 5, withPad: " ", startingAt: 0)
            x += grid.put(badge, row: y, column: x, style: theme.method(method), limit: inner.column + inner.width - x)
            grid.put(row.title, row: y, column: x, style: theme.base, limit: inner.column + inner.width - x)
        }
        if index == state.sidebarSelection {
            let focused = state.focus == .sidebar
            grid.restyle(row: y, column: inner.column, width: inner.width) { style in
                theme.highlight(&style)
                if focused { style.bold = true }
            }
        }
    }
    drawEnvironment(&grid, row: inner.row + inner.height - 1, column: inner.column, width: inner.width, state, theme)
    if showsFilter {
        let y = inner.row + inner.height - 2
        let used = grid.put("/", row: y, column: inner.column, style: theme.accent)
        drawEditor(&grid, state.filter, row: y, column: inner.column + used, width: inner.width - used, active: state.mode == .filtering, theme)
    }
}

/// The environment in use, with the key that changes it.
private func drawEnvironment(_ grid: inout CellGrid, row: Int, column: Int, width: Int, _ state: AppState, _ theme: Theme) {
    grid.fill(row: row, column: column, width: width, height: 1, style: theme.base)
    var x = column + 1
    x += grid.put("env ", row: row, column: x, style: theme.muted, limit: column + width - x)
    x += grid.put(state.environmentName ?? "none", row: row, column: x, style: state.environmentName == nil ? theme.muted : theme.accent, limit: column + width - x)
    let count = state.collection.environments.count
    let hint = "  \(count) · \(state.keymap.label(for: .nextEnvironment))"
    if count > 0 { grid.put(hint, row: row, column: x, style: theme.muted, limit: column + width - x) }
}

/// A line editor's text with its cursor, scrolled so the cursor stays visible.
func drawEditor(_ grid: inout CellGrid, _ editor: LineEditor, row: Int, column: Int, width: Int, active: Bool, _ theme: Theme) {
    guard width > 0 else { return }
    let start = max(0, editor.cursor - width + 1)
    let visible = editor.text[start...]
    grid.put(String(visible), row: row, column: column, style: theme.base, limit: width)
    if active {
        let cursorColumn = column + DisplayWidth.of(String(editor.text[start..<editor.cursor]))
        if cursorColumn < column + width {
            grid.restyle(row: row, column: cursorColumn, width: 1) { $0.reverse = true }
        }
    }
}
