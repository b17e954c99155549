import Foundation
import PorticoCore

/// The Checks tab: the request's check lines, added, edited and deleted as text; a line is kept
/// only once it reads as a check (docs/checks.md). Its captures and needs are shown, not edited.
func runChecksTab(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard state.requestTab == .checks else { return nil }
    let checks = state.draft.checks
    switch command {
    case .down:
        moveSelection(&state.tableSelection, 1, count: checks.count)
    case .up:
        moveSelection(&state.tableSelection, -1, count: checks.count)
    case .addRow:
        // The row after the last stands for the line being added.
        state.tableSelection = checks.count
        state.mode = .editingCell(row: checks.count, column: 0, LineEditor())
    case .editValue, .editName:
        guard checks.indices.contains(state.tableSelection) else {
            state.message = "\(state.keymap.label(for: .addRow)) adds a check, e.g. status == 200"
            return []
        }
        let check = checks[state.tableSelection]
        if case .bodySchema = check.subject {
            state.message = "a schema check is edited in the request file (docs/checks.md)"
            return []
        }
        state.mode = .editingCell(row: state.tableSelection, column: 0, LineEditor(check.source))
    case .deleteRow where checks.indices.contains(state.tableSelection):
        state.draft.checks.remove(at: state.tableSelection)
        moveSelection(&state.tableSelection, 0, count: state.draft.checks.count)
    default:
        return nil
    }
    return []
}

/// Keys while a check line is typed: Enter keeps it when it reads as a check (else says why and
/// stays), an emptied line deletes the check, Esc drops the edit.
func handleCheckLineKey(_ state: inout AppState, row: Int, _ editor: LineEditor, _ key: KeyEvent) -> [Effect] {
    let effects = handleFieldEditorKey(&state, row: row, column: 0, editor, key) { state, text in
        let line = text.trimmingCharacters(in: .whitespaces)
        if line.isEmpty {
            if state.draft.checks.indices.contains(row) { state.draft.checks.remove(at: row) }
            return .success(())
        }
        do throws(ResponseCheck.SyntaxError) {
            let check = try ResponseCheck.parse(line)
            if state.draft.checks.indices.contains(row) { state.draft.checks[row] = check } else { state.draft.checks.append(check) }
            return .success(())
        } catch {
            return .failure(FieldProblem("not a check \(error)"))
        }
    }
    if state.mode == .normal { moveSelection(&state.tableSelection, 0, count: state.draft.checks.count) }
    return effects
}
