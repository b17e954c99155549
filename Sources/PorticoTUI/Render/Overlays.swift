/// The help overlay: every binding of every context, from the keymap in use, in as many columns
/// as fit; scrolled with the movement keys when even that is not enough.
func drawHelp(_ grid: inout CellGrid, _ state: AppState, _ theme: Theme) {
    let lines = helpLines(state.keymap)
    let minimumColumnWidth = 40
    // The whole height: every row is one more binding seen without scrolling.
    let rect = Rect(row: 0, column: 1, width: grid.width - 2, height: grid.height)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: "Keys · j k scroll · any other key closes", focused: true, theme)
    let perColumn = max(1, inner.height)
    let sectionKeysWidth = keyColumnWidths(lines)
    let columns = max(1, min(inner.width / minimumColumnWidth, (lines.count + perColumn - 1) / perColumn))
    var rows = helpRows(lines, keysWidths: sectionKeysWidth, columnWidth: inner.width / columns)
    let scroll = min(state.helpScroll, max(0, rows.count - perColumn * columns))
    rows.removeFirst(min(scroll, rows.count))
    let columnWidth = inner.width / columns
    for column in 0..<columns {
        let slice = rows.dropFirst(column * perColumn).prefix(perColumn)
        let x = inner.column + column * columnWidth
        for (offset, row) in slice.enumerated() {
            let y = inner.row + offset
            if row.line.isTitle {
                grid.put(row.line.keys, row: y, column: x + 1, style: theme.accent, limit: columnWidth - 1)
            } else {
                grid.put(row.line.keys, row: y, column: x + 2, style: theme.key, limit: min(row.keysWidth, columnWidth - 2))
                grid.put(row.line.action, row: y, column: x + 2 + row.keysWidth, style: theme.base, limit: columnWidth - row.keysWidth - 3)
            }
        }
    }
}

/// A screen row of the overlay: a line, or the rest of a long action under its first part.
private struct HelpRow {
    var line: HelpLine
    /// The width of the keys of its section: keys line up within a section.
    var keysWidth: Int
}

/// `lines` as rows of columns `columnWidth` wide: an action too long for its column goes on over
/// the next rows, cut between words, under its own start.
private func helpRows(_ lines: [HelpLine], keysWidths: [Int], columnWidth: Int) -> [HelpRow] {
    var rows: [HelpRow] = []
    for (line, keysWidth) in zip(lines, keysWidths) {
        let room = columnWidth - keysWidth - 3
        guard !line.isTitle, room >= 10, DisplayWidth.of(line.action) > room else {
            rows.append(HelpRow(line: line, keysWidth: keysWidth))
            continue
        }
        var keys = line.keys
        var current = ""
        for word in line.action.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) > room, !current.isEmpty {
                rows.append(HelpRow(line: HelpLine(keys: keys, action: current, isTitle: false), keysWidth: keysWidth))
                keys = ""
                current = String(word)
            } else {
                current = candidate
            }
        }
        rows.append(HelpRow(line: HelpLine(keys: keys, action: current, isTitle: false), keysWidth: keysWidth))
    }
    return rows
}

/// For each line, the width of the keys of its section (the widest key in it, plus a space).
private func keyColumnWidths(_ lines: [HelpLine]) -> [Int] {
    var widths = Array(repeating: 0, count: lines.count)
    var start = 0
    while start < lines.count {
        var end = start + 1
        while end < lines.count, !lines[end].isTitle { end += 1 }
        let width = (lines[start..<end].filter { !$0.isTitle }.map { DisplayWidth.of($0.keys) }.max() ?? 0) + 1
        for index in start..<end { widths[index] = width }
        start = end
    }
    return widths
}

struct HelpLine {
    var keys: String
    var action: String
    var isTitle: Bool
}

/// The overlay's lines: a title per section, then its bindings.
func helpLines(_ keymap: Keymap) -> [HelpLine] {
    var sections: [(String, [KeyHelp.Binding])] = Command.Context.allCases.map { ($0.title, KeyHelp.bindings($0, keymap)) }
    sections[0].1 += KeyHelp.fixed
    sections.append(("Editing a field", KeyHelp.lineEditing))
    sections.append(("Editing the body", KeyHelp.bodyEditing))
    sections.append(("Protocol bodies (Body tab)", KeyHelp.protocolBodies(keymap)))
    sections.append(("Auth tab", KeyHelp.authTab(keymap)))
    sections.append(("Checks tab", KeyHelp.checksTab(keymap)))
    sections.append(("Cookie jar (\(keymap.label(for: .cookies)))", KeyHelp.cookieJar))
    var lines: [HelpLine] = []
    for (title, bindings) in sections {
        lines.append(HelpLine(keys: title, action: "", isTitle: true))
        lines += bindings.map { HelpLine(keys: $0.keys, action: $0.action, isTitle: false) }
    }
    return lines
}

/// A question that a y answers; any other key says no.
func drawConfirm(_ grid: inout CellGrid, title: String, _ question: String, _ theme: Theme) {
    let width = min(grid.width - 4, DisplayWidth.of(question) + 4)
    let rect = Rect(row: grid.height / 2 - 1, column: (grid.width - width) / 2, width: width, height: 3)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: title, focused: true, theme)
    grid.put(question, row: inner.row, column: inner.column + 1, style: theme.base, limit: inner.width - 1)
}

/// The OAuth 2.0 sign-in the request waits on: the URL whole, wrapped, since the user copies it
/// into a browser when none opened.
func drawSignIn(_ grid: inout CellGrid, url: String, cancelKey: String, _ theme: Theme) {
    let width = max(20, grid.width - 8)
    let chunks = stride(from: 0, to: url.count, by: width - 4).map { start -> String in
        let from = url.index(url.startIndex, offsetBy: start)
        return String(url[from..<(url.index(from, offsetBy: width - 4, limitedBy: url.endIndex) ?? url.endIndex)])
    }
    let lines = ["Open this URL in a browser and sign in; Portico waits for the redirect.", ""] + chunks + ["", "\(cancelKey) cancels"]
    let height = min(grid.height - 2, lines.count + 2)
    let rect = Rect(row: max(1, (grid.height - height) / 2), column: (grid.width - width) / 2, width: width, height: height)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: "OAuth 2.0 sign-in", focused: true, theme)
    for (index, line) in lines.prefix(inner.height).enumerated() {
        grid.put(line, row: inner.row + index, column: inner.column + 1, style: index < 2 || index >= lines.count - 2 ? theme.base : theme.accent, limit: inner.width - 1)
    }
}

/// A one-line question with the answer being typed.
func drawPrompt(_ grid: inout CellGrid, _ prompt: Prompt, _ theme: Theme) {
    let width = min(grid.width - 4, max(50, DisplayWidth.of(prompt.title) + 6))
    let rect = Rect(row: grid.height / 2 - 2, column: (grid.width - width) / 2, width: width, height: 4)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: prompt.title, focused: true, theme)
    drawEditor(&grid, prompt.editor, row: inner.row, column: inner.column + 1, width: inner.width - 2, active: true, theme)
    grid.put("Enter accepts · Esc cancels", row: inner.row + 1, column: inner.column + 1, style: theme.muted, limit: inner.width - 2)
}

/// The palette or the folder chooser: the query on top, the best matches below with the
/// matched letters marked.
func drawPicker(_ grid: inout CellGrid, _ picker: Picker, _ theme: Theme) {
    let width = min(grid.width - 4, 80)
    let height = min(grid.height - 4, max(6, min(picker.items.count, 16) + 4))
    let rect = Rect(row: max(1, (grid.height - height) / 3), column: (grid.width - width) / 2, width: width, height: height)
    grid.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, style: theme.base)
    let inner = drawBox(&grid, rect, title: picker.title, focused: true, theme)
    let used = grid.put("› ", row: inner.row, column: inner.column, style: theme.accent)
    drawEditor(&grid, picker.query, row: inner.row, column: inner.column + used, width: inner.width - used, active: true, theme)
    let listHeight = inner.height - 2
    guard listHeight > 0 else { return }
    if picker.shown.isEmpty {
        grid.put("nothing matches", row: inner.row + 2, column: inner.column + 1, style: theme.muted, limit: inner.width - 1)
        return
    }
    let offset = max(0, picker.selection - listHeight + 1)
    for (index, shown) in picker.shown.enumerated().dropFirst(offset).prefix(listHeight) {
        let y = inner.row + 2 + index - offset
        let detailWidth = min(DisplayWidth.of(shown.item.detail), inner.width / 2)
        let titleWidth = inner.width - 2 - detailWidth - 1
        var x = inner.column + 1
        let marked = Set(shown.positions)
        for (offset, character) in shown.item.title.enumerated() {
            let used = grid.put(String(character), row: y, column: x, style: marked.contains(offset) ? theme.accent : theme.base, limit: inner.column + 1 + titleWidth - x)
            if used == 0 { break }
            x += used
        }
        if detailWidth > 0 {
            grid.put(shown.item.detail, row: y, column: inner.column + inner.width - 1 - detailWidth, style: theme.muted, limit: detailWidth)
        }
        if index == picker.selection {
            grid.restyle(row: y, column: inner.column, width: inner.width) { theme.highlight(&$0); $0.bold = true }
        }
    }
}
