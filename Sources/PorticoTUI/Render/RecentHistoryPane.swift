import PorticoCore

/// The sidebar's history section: the newest entries, one per row (method, status, name or URL,
/// and the time when there is room). A click opens one; the history key opens them all.
func drawRecentHistory(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    let key = state.keymap.keys(for: .history).first.map(KeyName.describe)
    let title = "History" + (key.map { " · \($0)" } ?? "") + (state.recordsHistory ? "" : " · off")
    let inner = drawBox(&grid, rect, title: title, focused: false, theme)
    guard inner.height > 0, inner.width > 0 else { return }
    if state.recentHistory.isEmpty {
        let hint = state.recordsHistory ? "nothing sent yet" : "off (--no-history)"
        grid.put(hint, row: inner.row, column: inner.column + 1, style: theme.muted, limit: inner.width - 1)
        return
    }
    let showsTime = inner.width >= 30
    for (offset, record) in state.recentHistory.prefix(inner.height).enumerated() {
        let y = inner.row + offset
        let end = inner.column + inner.width
        var x = inner.column + 1
        let method = (try? HTTPMethod(record.request.method)).map(theme.method) ?? theme.otherMethod
        x += grid.put(String(record.request.method.prefix(4)).padding(toLength: 5, withPad: " ", startingAt: 0), row: y, column: x, style: method, limit: end - x)
        if let status = record.response?.status {
            x += grid.put(String(status), row: y, column: x, style: theme.status(status), limit: end - x) + 1
        } else {
            x += grid.put("ERR", row: y, column: x, style: theme.error, limit: end - x) + 1
        }
        var textEnd = end
        if showsTime {
            let time = HistoryTime.short(record.time, state.timeZone)
            textEnd = end - time.count - 1
            grid.put(time, row: y, column: textEnd, style: theme.muted, limit: end - textEnd)
        }
        grid.put(record.requestName ?? record.request.url, row: y, column: x, style: theme.base, limit: max(0, textEnd - 1 - x))
    }
}
