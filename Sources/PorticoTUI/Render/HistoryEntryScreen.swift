/// An opened history entry: the request as recorded beside (or above) its response, which the
/// response pane draws as it draws any response, so its tabs, search and queries look the same.
func drawHistoryEntry(_ grid: inout CellGrid, _ layout: Layout, _ state: AppState, _ browser: HistoryBrowser, _ theme: Theme) {
    guard let entry = browser.entry else { return }
    let record = entry.record
    if layout.request.width > 0 {
        var title = "Request · \(HistoryTime.full(record.time, state.timeZone)) · \(shortID(record))"
        if browser.marked?.id == record.id { title += " · marked" }
        let inner = drawBox(&grid, layout.request, title: title, focused: entry.focusesRequest, theme)
        if let lines = entry.requestLines {
            drawScrolled(&grid, inner, ShownLines(lines), scroll: entry.requestScroll, wrap: state.wrap, theme)
        } else {
            grid.put("reading the entry…", row: inner.row, column: inner.column, style: theme.muted, limit: inner.width)
        }
    }
    guard layout.response.width > 0 else { return }
    if entry.isLoaded {
        drawResponse(&grid, layout.response, state, theme, title: "Response · as recorded", focused: !entry.focusesRequest, showsProgress: false)
    } else {
        let inner = drawBox(&grid, layout.response, title: "Response · as recorded", focused: !entry.focusesRequest, theme)
        grid.put("reading the entry…", row: inner.row, column: inner.column, style: theme.muted, limit: inner.width)
    }
}
