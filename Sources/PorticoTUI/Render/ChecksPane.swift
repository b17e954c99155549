import Foundation
import PorticoCore

/// The Checks tab of the request: its check lines, each marked with how it fared in the response
/// shown (when that response is this request's), then its captures and needs, read-only.
func drawChecks(_ grid: inout CellGrid, _ rect: Rect, _ state: AppState, _ theme: Theme) {
    guard rect.height > 0 else { return }
    let checks = state.draft.checks
    let keys = "\(state.keymap.label(for: .addRow)): add · \(state.keymap.label(for: .editValue)): edit · \(state.keymap.label(for: .deleteRow)): delete"
    grid.put(checks.isEmpty ? "no checks · \(keys)" : keys, row: rect.row, column: rect.column, style: theme.muted, limit: rect.width)
    let results = state.response?.requestID == state.draft.id ? state.response?.checks ?? [] : []
    var y = rect.row + 1
    let editingRow: Int? = if case .editingCell(let row, _, _) = state.mode { row } else { nil }
    for index in 0..<(checks.count + (editingRow == checks.count ? 1 : 0)) where y < rect.row + rect.height {
        let result = index < checks.count ? results.first { $0.check.source == checks[index].source } : nil
        let mark = result.map { $0.passed ? "✓ " : "✗ " } ?? "  "
        grid.put(mark, row: y, column: rect.column, style: result.map { $0.passed ? theme.statusSuccess : theme.error } ?? theme.muted, limit: rect.width)
        if editingRow == index, case .editingCell(_, _, let editor) = state.mode {
            drawEditor(&grid, editor, row: y, column: rect.column + 2, width: rect.width - 2, active: true, theme)
        } else if index < checks.count {
            let failure = result.flatMap { $0.passed ? nil : "  got \($0.actual)" } ?? ""
            let width = grid.put(checks[index].source, row: y, column: rect.column + 2, style: theme.base, limit: rect.width - 2)
            grid.put(failure, row: y, column: rect.column + 2 + width, style: theme.error, limit: rect.width - 2 - width)
        }
        if index == state.tableSelection, state.focus == .request, editingRow == nil {
            grid.restyle(row: y, column: rect.column, width: rect.width) { theme.highlight(&$0) }
        }
        y += 1
    }
    var notes: [String] = []
    if !state.draft.captures.isEmpty {
        notes.append("captures (edited in the request file):")
        notes += state.draft.captures.map { "  \($0.name) ← \($0.expression)" }
    }
    if !state.draft.needs.isEmpty {
        let needs = state.draft.needs.map { need in need.reuseFor.map { "\(need.request) (reused for \(DurationText.text(seconds: $0)))" } ?? need.request }
        notes.append("needs, sent first: " + needs.joined(separator: ", "))
    }
    if !notes.isEmpty, y + 1 < rect.row + rect.height {
        drawLines(&grid, Rect(row: y + 1, column: rect.column, width: rect.width, height: rect.row + rect.height - y - 1), notes, theme)
    }
}
