import PorticoCore

/// The command palette: every command of the focused pane and the global ones, the saved
/// requests, the environments and the themes, found by typing a few letters of any of them.
func openPalette(_ state: inout AppState) {
    let context = state.focusContext
    // Moving one line at a time from a list of choices would be silly: those stay on their keys.
    let movement: Set<Command> = [.down, .up, .pageDown, .pageUp, .top, .bottom, .palette]
    var items: [Picker.Item] = Command.allCases
        .filter { !movement.contains($0) && ($0.contexts.contains(.global) || $0.contexts.contains(context)) }
        .map { Picker.Item(title: $0.summary.prefix(1).uppercased() + $0.summary.dropFirst(), detail: state.keymap.label(for: $0), target: .command($0)) }
    items += state.collection.allRequests.map { stored in
        Picker.Item(title: stored.template.name, detail: "\(stored.template.method.rawValue) \(stored.relativePath)", target: .open(relativePath: stored.relativePath))
    }
    items += ([nil] + state.collection.environments.map(\.name)).map { name in
        Picker.Item(title: "Environment: \(name ?? "none")", detail: name == state.environmentName ? "current" : "", target: .environment(name))
    }
    items += state.themeNames.map { name in
        Picker.Item(title: "Theme: \(name)", detail: name == state.themeName ? "current" : "", target: .theme(name))
    }
    state.mode = .palette(Picker(purpose: .palette(context), title: "Go to a request, run a command", items: items))
}

func handlePickerKey(_ state: inout AppState, _ picker: Picker, _ key: KeyEvent) -> [Effect] {
    var picker = picker
    switch key {
    case .escape:
        state.mode = .normal
        return []
    case .down, .control("n"):
        picker.move(1)
    case .up, .control("p"):
        picker.move(-1)
    case .pageDown:
        picker.move(10)
    case .pageUp:
        picker.move(-10)
    case .enter:
        state.mode = .normal
        guard let target = picker.selected?.target else { return [] }
        return choose(&state, target, purpose: picker.purpose)
    default:
        _ = picker.edit(key)
    }
    state.mode = .palette(picker)
    return []
}

private func choose(_ state: inout AppState, _ target: Picker.Target, purpose: Picker.Purpose) -> [Effect] {
    switch (purpose, target) {
    case (.palette, .command(let command)):
        return run(command, &state)
    case (.palette, .open(let path)):
        closeHistory(&state)
        if let index = revealInSidebar(&state, path) { state.sidebarSelection = index }
        guard path != state.draftPath else {
            state.focus = .request
            return []
        }
        if state.isDirty {
            state.mode = .confirmDiscard(path)
            return []
        }
        open(&state, path)
        state.focus = .request
    case (.palette, .environment(let name)):
        state.environmentName = name
        state.message = "environment: \(name ?? "none")"
    case (.palette, .theme(let name)):
        return [.switchTheme(name)]
    case (.moveTarget(.request(let path, _)), .folder(let folder)):
        return change(&state, "moved") { try $0.moveRequest(at: path, toFolder: folder) }
    case (.moveTarget(.folder(let path, _)), .folder(let folder)):
        return change(&state, "moved") { try $0.moveFolder(at: path, toFolder: folder) }
    default:
        break
    }
    return []
}

/// Opens the folders above a request (clearing any filter) and returns its row.
private func revealInSidebar(_ state: inout AppState, _ path: String) -> Int? {
    state.filter = LineEditor()
    let folders = Collection.pathComponents(path).dropLast()
    for end in folders.indices { state.expandedFolders.insert(folders[...end].joined(separator: "/")) }
    return state.sidebarRows.firstIndex { if case .request(path, _) = $0.kind { true } else { false } }
}
