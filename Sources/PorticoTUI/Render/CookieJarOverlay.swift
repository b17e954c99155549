import PorticoCore

/// The cookie jar: one cookie per line (name, value, where it goes, when it ends, its flags), the
/// selected one marked, and the line being edited at the bottom.
func drawCookieJar(_ grid: inout CellGrid, _ screen: CookieJarScreen, _ state: AppState, _ theme: Theme) {
    let rect = Rect(row: 1, column: 1, width: grid.width - 2, height: grid.height - 2)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let count = state.cookies.count
    let title = "Cookie jar · \(count) cookie\(count == 1 ? "" : "s") · a add · Enter edit value · d delete · X clear all · Esc close"
    let inner = drawBox(&grid, rect, title: title, focused: true, theme)
    let editorRows = screen.editing == nil ? 0 : 3
    let listHeight = max(0, inner.height - editorRows)
    if state.cookies.isEmpty {
        grid.put("no cookies yet: responses that set cookies fill the jar; a adds one by hand", row: inner.row, column: inner.column + 1, style: theme.muted, limit: inner.width - 1)
    }
    let nameWidth = min(24, (state.cookies.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1)
    let valueWidth = min(40, max(8, inner.width / 4))
    let offset = max(0, screen.selection - listHeight + 1)
    for (index, cookie) in state.cookies.enumerated().dropFirst(offset).prefix(listHeight) {
        let row = inner.row + index - offset
        let selected = index == screen.selection
        if selected { grid.fill(row: row, column: inner.column, width: inner.width, height: 1, style: theme.selection) }
        var x = inner.column + 1
        grid.put(cookie.name, row: row, column: x, style: selected ? theme.selection : theme.key, limit: nameWidth)
        x += nameWidth + 1
        grid.put(cookie.value, row: row, column: x, style: selected ? theme.selection : theme.string, limit: valueWidth)
        x += valueWidth + 2
        grid.put(cookie.attributeText, row: row, column: x, style: selected ? theme.selection : theme.muted, limit: inner.column + inner.width - x)
    }
    guard let editing = screen.editing else { return }
    let row = inner.row + inner.height - 2
    let (label, editor): (String, LineEditor) = switch editing {
    case .value(let id, let editor): ("value of \(state.cookies.first { $0.id == id }?.name ?? "the cookie")", editor)
    case .new(let editor): ("new cookie, as a server sets it", editor)
    }
    grid.put("\(label) · Enter keeps · Esc cancels", row: row, column: inner.column + 1, style: theme.accent, limit: inner.width - 1)
    drawEditor(&grid, editor, row: row + 1, column: inner.column + 1, width: inner.width - 2, active: true, theme)
}
