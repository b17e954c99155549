import Foundation
import PorticoCore

/// The collection pane: moving, opening, filtering, and shaping the collection (new, rename,
/// duplicate, move, delete). Shape changes are computed here and written by an effect; the state
/// takes the new collection only once the files are on disk.
func runSidebar(_ command: Command, _ state: inout AppState) -> [Effect] {
    let rows = state.sidebarRows
    let selected = rows.indices.contains(state.sidebarSelection) ? rows[state.sidebarSelection] : nil
    switch command {
    case .down, .up, .top, .bottom, .pageDown, .pageUp:
        moveCursor(&state.sidebarSelection, for: command, page: 10, count: rows.count)
    case .filter:
        state.filter = LineEditor()
        state.mode = .filtering
    case .newRequest:
        state.newRequestFolder = selected.map(folderOf) ?? ""
        if state.isDirty {
            state.mode = .confirmDiscard(nil)
            return []
        }
        startNewRequest(&state)
    case .newFolder:
        let parent = selected.map(folderOf) ?? ""
        state.mode = .prompt(Prompt(purpose: .newFolder(parent: parent), title: "New folder in \(parent.isEmpty ? state.collection.name : parent)"))
    case .open:
        guard let selected else { return [] }
        switch selected.kind {
        case .folder(let path, let isExpanded):
            if isExpanded { state.expandedFolders.remove(path) } else { state.expandedFolders.insert(path) }
        case .request(let relativePath, _):
            guard relativePath != state.draftPath else {
                state.focus = .request
                return []
            }
            if state.isDirty {
                state.mode = .confirmDiscard(relativePath)
                return []
            }
            open(&state, relativePath)
            state.focus = .request
        }
    case .collapse:
        guard let selected else { return [] }
        if case .folder(let path, true) = selected.kind {
            state.expandedFolders.remove(path)
        } else if let parent = rows[..<state.sidebarSelection].lastIndex(where: { $0.depth < selected.depth }) {
            state.sidebarSelection = parent
        }
    case .rename:
        guard let selected else { return [] }
        switch selected.kind {
        case .folder(let path, _):
            state.mode = .prompt(Prompt(purpose: .renameFolder(path), title: "Rename folder \(path)", text: selected.title))
        case .request(let path, _):
            state.mode = .prompt(Prompt(purpose: .renameRequest(path), title: "Rename \(path)", text: selected.title))
        }
    case .duplicate:
        guard case .request(let path, _)? = selected?.kind else {
            state.message = "only requests can be duplicated"
            return []
        }
        return change(&state, "duplicated") { try $0.duplicateRequest(at: path) }
    case .move:
        guard let kind = selected?.kind else { return [] }
        let moving: String
        switch kind {
        case .folder(let path, _): moving = path
        case .request(let path, _): moving = path
        }
        let targets = state.collection.folderPaths.filter { target in
            if case .folder(let path, _) = kind { return target != path && !target.hasPrefix(path + "/") }
            return true
        }
        let items = targets.map { Picker.Item(title: $0.isEmpty ? "/ (top of \(state.collection.name))" : $0 + "/", target: .folder($0)) }
        state.mode = .palette(Picker(purpose: .moveTarget(kind), title: "Move \(moving) to", items: items))
    case .delete:
        guard let kind = selected?.kind else { return [] }
        state.mode = .confirmDelete(kind)
    default:
        break
    }
    return []
}

/// The folder a new request or folder goes into, from the row selected: the folder itself, or
/// the folder holding the selected request.
private func folderOf(_ row: SidebarRow) -> String {
    switch row.kind {
    case .folder(let path, _): path
    case .request(let path, _): Collection.parentPath(of: path)
    }
}

func delete(_ state: inout AppState, _ kind: SidebarRow.Kind) -> [Effect] {
    switch kind {
    case .folder(let path, _): change(&state, "deleted \(path)/") { try $0.removeFolder(at: path); return nil }
    case .request(let path, _): change(&state, "deleted \(path)") { try $0.removeRequest(at: path); return nil }
    }
}

/// Applies a change to a copy of the collection and asks for it to be written; `select` gives the
/// path to select once it is.
func change(_ state: inout AppState, _ message: String, _ edit: (inout Collection) throws -> String?) -> [Effect] {
    var collection = state.collection
    do {
        let select = try edit(&collection)
        return [.writeCollection(collection, baseline: state.collection, message: message + (select.map { ": \($0)" } ?? ""), select: select)]
    } catch {
        state.message = (error as? PorticoError)?.message ?? "\(error)"
        return []
    }
}

/// Takes a collection just written: keeps the draft attached to its request by id (a rename or
/// move changes the path, never the id) and selects `select`.
func collectionChanged(_ state: inout AppState, _ collection: Collection, select: String?) {
    state.collection = collection
    if let path = state.draftPath {
        // The request is followed by its path while that still holds it; by its id only when the
        // path is gone (renamed or moved), and only if no other file shares the id (a copied file
        // does): otherwise a save would land in the other file.
        let sameID = collection.allRequests.filter { $0.template.id == state.draft.id }
        let followed = sameID.first { $0.relativePath == path } ?? (sameID.count == 1 ? sameID.first : nil)
        if let stored = followed {
            // A rename on disk renames the draft too; its other unsaved edits stay.
            if let saved = state.savedDraft, saved.name == state.draft.name { state.draft.name = stored.template.name }
            state.draftPath = stored.relativePath
            state.savedDraft = stored.template
        } else {
            // Deleted: what is in the composer is now an unsaved request.
            state.draftPath = nil
            state.savedDraft = nil
        }
    }
    guard let select else { return }
    let folders = Collection.pathComponents(select)
    for end in folders.indices.dropLast() { state.expandedFolders.insert(folders[...end].joined(separator: "/")) }
    if collection.folder(at: select) != nil { state.expandedFolders.insert(select) }
    if let index = state.sidebarRows.firstIndex(where: { row in
        switch row.kind {
        case .folder(let path, _): path == select
        case .request(let path, _): path == select
        }
    }) {
        state.sidebarSelection = index
    } else {
        moveSelection(&state.sidebarSelection, 0, count: state.sidebarRows.count)
    }
}

func handlePromptKey(_ state: inout AppState, _ prompt: Prompt, _ key: KeyEvent) -> [Effect] {
    var prompt = prompt
    switch key {
    case .escape:
        state.mode = .normal
        return []
    case .enter:
        state.mode = .normal
        let text = prompt.editor.string
        switch prompt.purpose {
        case .newFolder(let parent):
            return change(&state, "new folder") { try $0.addFolder(named: text, inFolder: parent) }
        case .renameFolder(let path):
            return change(&state, "renamed") { try $0.renameFolder(at: path, to: text) }
        case .renameRequest(let path):
            return change(&state, "renamed") { try $0.renameRequest(at: path, to: text) }
        case .goToLine:
            goToLine(&state, text)
            return []
        case .saveBody:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            if let browser = state.historyBrowser, browser.page == .entry, let entry = browser.entry {
                return [.saveRecordedBody(entry.record.response?.body, path: text)]
            }
            return [.saveBody(path: text)]
        }
    default:
        if prompt.editor.handle(key) { state.mode = .prompt(prompt) }
        return []
    }
}

func handleFilterKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
    switch key {
    case .enter:
        state.mode = .normal
        state.sidebarSelection = firstRequestRow(state.sidebarRows) ?? 0
    case .escape:
        let selected = state.sidebarRows.indices.contains(state.sidebarSelection) ? state.sidebarRows[state.sidebarSelection] : nil
        state.filter = LineEditor()
        state.mode = .normal
        // Keep the same request selected once the full tree is back.
        if let selected {
            if case .request(let path, _) = selected.kind {
                let folders = Collection.pathComponents(path).dropLast()
                for end in folders.indices {
                    state.expandedFolders.insert(folders[...end].joined(separator: "/"))
                }
            }
            state.sidebarSelection = state.sidebarRows.firstIndex(of: selected) ?? 0
        }
    case .up, .down:
        moveSelection(&state.sidebarSelection, key == .up ? -1 : 1, count: state.sidebarRows.count)
    default:
        _ = state.filter.handle(key)
        state.sidebarSelection = firstRequestRow(state.sidebarRows) ?? 0
    }
    return []
}

private func firstRequestRow(_ rows: [SidebarRow]) -> Int? {
    rows.firstIndex { if case .request = $0.kind { true } else { false } }
}

/// A blank, unsaved request in the composer, with its URL being typed.
func startNewRequest(_ state: inout AppState) {
    state.draft = RequestTemplate(name: "New request", url: "")
    state.draftPath = nil
    state.savedDraft = state.draft
    state.response = nil
    state.query = nil
    state.search = nil
    state.focus = .request
    state.mode = .editingURL(LineEditor())
}

/// Loads a saved request into the composer.
func open(_ state: inout AppState, _ relativePath: String) {
    guard let stored = state.collection.request(at: relativePath) else { return }
    if relativePath != state.draftPath {
        // A query or search is a question about this request's answers, not the next one's.
        state.query = nil
        state.search = nil
    }
    state.draft = stored.template
    state.draftPath = relativePath
    state.savedDraft = stored.template
    state.tableSelection = 0
}
