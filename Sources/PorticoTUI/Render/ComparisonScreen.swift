import PorticoCore

/// Two exchanges compared: section headings, then each line after its marker (`+` only in the
/// newer, `-` only in the older, `~` changed), coloured by kind.
func drawComparison(_ grid: inout CellGrid, _ rect: Rect, _ browser: HistoryBrowser, _ theme: Theme) {
    guard let comparison = browser.comparison else { return }
    let inner = drawBox(&grid, rect, title: "Compare · \(comparison.title)", focused: true, theme)
    guard let lines = comparison.lines else {
        grid.put("comparing…", row: inner.row, column: inner.column + 1, style: theme.muted, limit: inner.width - 1)
        return
    }
    let start = min(comparison.scroll, max(0, lines.count - inner.height))
    for (offset, line) in lines[start...].prefix(inner.height).enumerated() {
        let y = inner.row + offset
        if line.kind == .heading {
            grid.put(line.text, row: y, column: inner.column + 1, style: theme.accent, limit: inner.width - 1)
            continue
        }
        let style = comparisonStyle(line.kind, theme)
        let used = grid.put(line.marker + " ", row: y, column: inner.column + 1, style: style, limit: inner.width - 1)
        grid.put(line.text, row: y, column: inner.column + 1 + used, style: style, limit: inner.width - 1 - used)
    }
}

func comparisonStyle(_ kind: ExchangeDiff.Line.Kind, _ theme: Theme) -> Style {
    switch kind {
    case .heading: theme.accent
    case .same: theme.base
    case .added: theme.diffAdded
    case .removed: theme.diffRemoved
    case .changed: theme.diffChanged
    }
}
