import PorticoCore

/// The Body tab of a protocol body: a heading, then each part, one line for short ones and a few
/// lines of text for long ones (the chosen part highlighted), scrolled to keep the choice in view.
func drawProtocolBody(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    guard rect.height > 0 else { return }
    let body = state.draft.body
    let fields = BodyField.all(in: body)
    let keys = state.keymap
    var heading = "\(bodyKindName(body)) · \(keys.label(for: .editValue)) edits the chosen part"
    switch body {
    case .xmlRPC: heading += ", \(keys.label(for: .editName)) its type, \(keys.label(for: .addRow)) adds a param"
    case .jsonRPC: heading += ", \(keys.label(for: .addRow)) adds a batch call"
    case .soap: heading += ", \(keys.label(for: .toggleRow)) switches the version"
    default: break
    }
    grid.put(heading, row: rect.row, column: rect.column, style: theme.muted, limit: rect.width)

    // Rows: (field index, text, is a label row) — long parts share the height left by the rest.
    let multiline = fields.filter(\.isMultiline).count
    let fixedRows = fields.count
    let share = multiline == 0 ? 0 : max(1, (rect.height - 1 - fixedRows) / multiline)
    let labelWidth = fields.filter { !$0.isMultiline }.map { $0.label(in: body).count }.max() ?? 0
    var rows: [(field: Int, text: String, isLabel: Bool)] = []
    for (index, field) in fields.enumerated() {
        let text = field.text(in: body)
        if field.isMultiline {
            rows.append((index, field.label(in: body), true))
            let lines = text.isEmpty ? ["(empty)"] : text.components(separatedBy: "\n")
            let shown = lines.prefix(share)
            rows += shown.enumerated().map { offset, line in
                (index, offset == shown.count - 1 && lines.count > share ? line + "  … \(lines.count - share) more lines" : line, false)
            }
        } else {
            let type: String = if case .xmlRPC(let call) = body, case .xmlRPCParam(let param) = field { BodyField.typeName(call.params[param]) + "  " } else { "" }
            rows.append((index, field.label(in: body).padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + type, true))
        }
    }
    let area = Rect(row: rect.row + 1, column: rect.column, width: rect.width, height: rect.height - 1)
    let selectedRow = rows.firstIndex { $0.field == state.tableSelection } ?? 0
    let start = max(0, min(selectedRow, rows.count - area.height))
    for (offset, row) in rows[start...].prefix(area.height).enumerated() {
        let y = area.row + offset
        let field = fields[row.field]
        if row.isLabel {
            let drawnWidth = grid.put(row.text, row: y, column: area.column, style: theme.key, limit: area.width)
            if !field.isMultiline {
                let valueColumn = area.column + drawnWidth
                let width = area.column + area.width - valueColumn
                if case .editingCell(row.field, _, let editor) = state.mode {
                    drawEditor(&grid, editor, row: y, column: valueColumn, width: width, active: true, theme)
                } else {
                    drawTemplate(&grid, field.text(in: body), row: y, column: valueColumn, width: width, state, theme)
                }
            }
            if row.field == state.tableSelection, state.focus == .request {
                grid.restyle(row: y, column: area.column, width: area.width) { theme.highlight(&$0) }
            }
        } else {
            grid.put("  " + row.text, row: y, column: area.column, style: row.text == "(empty)" ? theme.muted : theme.base, limit: area.width)
        }
    }
}
