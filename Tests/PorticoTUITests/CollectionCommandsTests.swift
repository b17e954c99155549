import Foundation
import PorticoCore
import PorticoTUI
import Testing

/// The one collection write among `effects`, taken apart.
private struct Write {
    var collection: Collection
    var baseline: Collection
    var message: String
    var select: String?
}

private func onlyWrite(_ effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation) -> Write? {
    guard effects.count == 1, case .writeCollection(let collection, let baseline, let message, let select) = effects[0] else {
        Issue.record("expected exactly one .writeCollection, got \(effects)", sourceLocation: sourceLocation)
        return nil
    }
    return Write(collection: collection, baseline: baseline, message: message, select: select)
}

private func prompt(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> Prompt? {
    guard case .prompt(let prompt) = state.mode else {
        Issue.record("expected a prompt, mode is \(state.mode)", sourceLocation: sourceLocation)
        return nil
    }
    return prompt
}

private func picker(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> Picker? {
    guard case .palette(let picker) = state.mode else {
        Issue.record("expected a picker, mode is \(state.mode)", sourceLocation: sourceLocation)
        return nil
    }
    return picker
}

/// The path a sidebar row stands for.
private func rowPath(_ row: SidebarRow) -> String {
    switch row.kind {
    case .folder(let path, _): path
    case .request(let path, _): path
    }
}

extension AppState {
    /// Selects the sidebar row of `path` (folder or request).
    fileprivate mutating func select(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let index = sidebarRows.firstIndex(where: { rowPath($0) == path }) else {
            Issue.record("no row for \(path)", sourceLocation: sourceLocation)
            return
        }
        sidebarSelection = index
    }

    fileprivate var selectedPath: String? {
        sidebarRows.indices.contains(sidebarSelection) ? rowPath(sidebarRows[sidebarSelection]) : nil
    }

    /// Feeds the effect's result back, as the explorer does once the files are written.
    fileprivate mutating func written(_ write: Write) {
        _ = reduce(&self, .collectionWritten(write.collection, message: write.message, select: write.select))
    }
}

@Suite("Shaping the collection from the sidebar")
struct CollectionCommandsSidebarTests {
    @Test("r on a request opens a prompt with its name; Enter asks for one write of the renamed collection")
    func renameRequest() throws {
        var state = Fixtures.state()
        state.select("users/list.yaml")
        #expect(state.press(.character("r")).isEmpty)
        let shown = try #require(prompt(state))
        #expect(shown.purpose == .renameRequest("users/list.yaml"))
        #expect(shown.editor.string == "List users")

        // Typed keys are text: q does not quit, e does not switch the environment.
        state.press(.control("u"))
        #expect(state.type("Query everyone").isEmpty)
        #expect(!state.quitRequested)
        #expect(state.environmentName == nil)
        #expect(prompt(state)?.editor.string == "Query everyone")
        #expect(state.collection == Fixtures.collection, "nothing changes before Enter")

        let write = try #require(onlyWrite(state.press(.enter)))
        var expected = Fixtures.collection
        let path = try expected.renameRequest(at: "users/list.yaml", to: "Query everyone")
        #expect(path == "users/query-everyone.yaml")
        #expect(write.collection == expected)
        #expect(write.baseline == Fixtures.collection)
        #expect(write.select == path)
        #expect(write.message.contains("renamed"))
        #expect(state.mode == .normal)
        #expect(state.collection == Fixtures.collection, "the state takes the change only once it is written")

        state.written(write)
        #expect(state.collection == expected)
        #expect(state.selectedPath == path)
        #expect(state.message == write.message)
    }

    @Test("Esc leaves the rename prompt without a change")
    func renameCancelled() {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.character("r"))
        state.type(" check")
        #expect(state.press(.escape).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.collection == Fixtures.collection)
    }

    @Test("renaming the open request keeps the draft attached, with its unsaved edits")
    func renameOpenRequest() throws {
        var state = Fixtures.state()
        state.select("users/list.yaml")
        state.press(.enter)
        #expect(state.draftPath == "users/list.yaml")
        state.press(.character("i"))
        state.type("?page=2")
        state.press(.enter)
        #expect(state.isDirty)

        state.press(.backTab)
        #expect(state.focus == .sidebar)
        #expect(state.selectedPath == "users/list.yaml")
        state.press(.character("r"), .control("u"))
        state.type("All users")
        let write = try #require(onlyWrite(state.press(.enter)))
        state.written(write)

        #expect(state.draftPath == "users/all-users.yaml")
        #expect(state.selectedPath == "users/all-users.yaml")
        #expect(state.draft.id == Fixtures.listUsers.id)
        #expect(state.draft.name == "All users")
        #expect(state.draft.url == "{{base}}/users?page=2", "the unsaved edit stays")
        #expect(state.isDirty)
        var saved = Fixtures.listUsers
        saved.name = "All users"
        #expect(state.savedDraft == saved)

        // Saving now goes to the new file.
        var draft = saved
        draft.url = "{{base}}/users?page=2"
        state.press(.tab)
        #expect(state.press(.control("s")) == [.save(draft, relativePath: "users/all-users.yaml", folder: "")])
    }

    @Test("renaming a folder selects it under its new name and keeps the open request attached")
    func renameFolder() throws {
        var state = Fixtures.state()
        state.select("admin/stats.yaml")
        state.press(.enter, .backTab)
        state.select("admin")
        state.press(.character("r"))
        #expect(prompt(state)?.purpose == .renameFolder("admin"))
        #expect(prompt(state)?.editor.string == "admin")
        state.press(.control("u"))
        state.type("operations")
        let write = try #require(onlyWrite(state.press(.enter)))
        var expected = Fixtures.collection
        try expected.renameFolder(at: "admin", to: "operations")
        #expect(write.collection == expected)
        #expect(write.select == "operations")
        state.written(write)
        #expect(state.selectedPath == "operations")
        #expect(state.draftPath == "operations/stats.yaml")
        #expect(!state.isDirty)
        #expect(state.sidebarRows.contains { rowPath($0) == "operations/stats.yaml" }, "the renamed folder is open")
    }

    @Test("an invalid name in a prompt gives a message and no effect", arguments: [
        ("users/list.yaml", ""),
        ("users", ""),
        ("users", "a/b"),
        ("users", ".hidden"),
        ("users", "ADMIN"),
    ])
    func invalidNames(_ path: String, _ name: String) {
        var state = Fixtures.state()
        state.select(path)
        state.press(.character("r"), .control("u"))
        state.type(name)
        #expect(state.press(.enter).isEmpty)
        #expect(state.message != nil)
        #expect(state.mode == .normal)
        #expect(state.collection == Fixtures.collection)
    }

    @Test("an invalid new folder name gives a message and no effect", arguments: ["", "users", "x/y", ".git"])
    func invalidNewFolder(_ name: String) {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.character("N"))
        state.type(name)
        #expect(state.press(.enter).isEmpty)
        #expect(state.message != nil)
    }

    @Test("d asks first; any key but y keeps the request", arguments: [
        KeyEvent.character("n"), .character("Y"), .character("d"), .escape, .enter, .delete, .control("c"),
    ])
    func deleteDeclined(_ key: KeyEvent) {
        var state = Fixtures.state()
        state.select("users/create.yaml")
        #expect(state.press(.character("d")).isEmpty)
        #expect(state.mode == .confirmDelete(.request(relativePath: "users/create.yaml", method: .post)))
        #expect(state.press(key).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.collection == Fixtures.collection)
        #expect(!state.quitRequested)
    }

    @Test("d then y deletes the request")
    func deleteConfirmed() throws {
        var state = Fixtures.state()
        state.select("users/create.yaml")
        state.press(.character("d"))
        let write = try #require(onlyWrite(state.press(.character("y"))))
        var expected = Fixtures.collection
        try expected.removeRequest(at: "users/create.yaml")
        #expect(write.collection == expected)
        #expect(write.baseline == Fixtures.collection)
        state.written(write)
        #expect(state.collection == expected)
        #expect(state.sidebarRows.indices.contains(state.sidebarSelection))
    }

    @Test("deleting a folder deletes everything in it, after a y")
    func deleteFolder() throws {
        var state = Fixtures.state()
        state.select("users")
        state.press(.delete)
        #expect(state.mode == .confirmDelete(.folder(path: "users", isExpanded: true)))
        let write = try #require(onlyWrite(state.press(.character("y"))))
        var expected = Fixtures.collection
        try expected.removeFolder(at: "users")
        #expect(write.collection == expected)
        state.written(write)
        #expect(state.sidebarRows.map(\.title) == ["admin", "Stats", "Health"])
    }

    @Test("deleting the open request leaves the draft as unsaved work")
    func deleteOpenRequest() throws {
        var state = Fixtures.state()
        state.select("users/create.yaml")
        state.press(.enter)
        #expect(!state.isDirty)
        state.press(.backTab, .character("d"))
        let write = try #require(onlyWrite(state.press(.character("y"))))
        state.written(write)
        #expect(state.draft == Fixtures.createUser)
        #expect(state.draftPath == nil)
        #expect(state.isDirty, "the composer still holds the request, now unsaved")
        #expect(state.press(.character("q")).isEmpty, "quitting asks first")
        #expect(state.mode == .confirmQuit)
        state.press(.escape)
        #expect(state.press(.control("s")) == [.save(Fixtures.createUser, relativePath: nil, folder: state.newRequestFolder)])
    }

    @Test("deleting another request leaves the open draft alone")
    func deleteOtherRequest() throws {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.enter, .backTab)
        state.select("admin/stats.yaml")
        state.press(.character("d"))
        let write = try #require(onlyWrite(state.press(.character("y"))))
        state.written(write)
        #expect(state.draftPath == "health.yaml")
        #expect(!state.isDirty)
    }

    @Test("N asks for a folder name and creates it in the selected folder", arguments: [
        ("admin", "admin"), ("admin/stats.yaml", "admin"), ("health.yaml", ""),
    ])
    func newFolder(_ selected: String, _ parent: String) throws {
        var state = Fixtures.state()
        state.select(selected)
        #expect(state.press(.character("N")).isEmpty)
        #expect(prompt(state)?.purpose == .newFolder(parent: parent))
        #expect(prompt(state)?.editor.string == "")
        state.type("reports")
        let write = try #require(onlyWrite(state.press(.enter)))
        var expected = Fixtures.collection
        let path = try expected.addFolder(named: "reports", inFolder: parent)
        #expect(write.collection == expected)
        #expect(write.select == path)
        state.written(write)
        #expect(state.selectedPath == path)
        #expect(state.sidebarRows[state.sidebarSelection].title == "reports")
    }

    @Test("m on a request offers every folder; Enter moves it there")
    func moveRequest() throws {
        var state = Fixtures.state()
        state.select("admin/stats.yaml")
        #expect(state.press(.character("m")).isEmpty)
        let shown = try #require(picker(state))
        #expect(shown.purpose == .moveTarget(.request(relativePath: "admin/stats.yaml", method: .get)))
        #expect(shown.items.map(\.target) == [.folder(""), .folder("users"), .folder("admin")])

        state.type("users")
        #expect(picker(state)?.selected?.target == .folder("users"))
        let write = try #require(onlyWrite(state.press(.enter)))
        var expected = Fixtures.collection
        let path = try expected.moveRequest(at: "admin/stats.yaml", toFolder: "users")
        #expect(write.collection == expected)
        #expect(write.select == path)
        state.written(write)
        #expect(state.selectedPath == "users/stats.yaml")
    }

    @Test("m on a folder never offers the folder itself or one inside it")
    func moveFolder() throws {
        var collection = Fixtures.collection
        try collection.addFolder(named: "legacy", inFolder: "users")
        try collection.addFolder(named: "v1", inFolder: "users/legacy")
        try collection.addFolder(named: "usersish", inFolder: "")
        var state = AppState(width: 120, height: 40, collection: collection, collectionFolder: nil, environmentName: nil)
        state.select("users")
        state.press(.character("m"))
        let shown = try #require(picker(state))
        #expect(shown.items.map(\.target) == [.folder(""), .folder("admin"), .folder("usersish")])

        state.press(.down)
        #expect(picker(state)?.selected?.target == .folder("admin"))
        let write = try #require(onlyWrite(state.press(.enter)))
        var expected = collection
        try expected.moveFolder(at: "users", toFolder: "admin")
        #expect(write.collection == expected)
        #expect(write.select == "admin/users")
        #expect(write.collection.request(at: "admin/users/list.yaml")?.template.id == Fixtures.listUsers.id)
    }

    @Test("Esc closes the move picker without a change")
    func moveCancelled() {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.character("m"))
        #expect(state.press(.escape).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test("c duplicates a request beside it, with a new id")
    func duplicate() throws {
        var state = Fixtures.state()
        state.select("users/create.yaml")
        let write = try #require(onlyWrite(state.press(.character("c"))))
        #expect(write.select == "users/create-user-copy.yaml")
        let copy = try #require(write.collection.request(at: "users/create-user-copy.yaml")?.template)
        #expect(!Fixtures.collection.allRequests.map(\.template.id).contains(copy.id))
        #expect(copy.name == "Create user copy")
        var expected = Fixtures.collection
        try expected.duplicateRequest(at: "users/create.yaml", id: copy.id)
        #expect(write.collection == expected)
        #expect(write.baseline == Fixtures.collection)

        state.written(write)
        #expect(state.selectedPath == "users/create-user-copy.yaml")

        // Two copies never share an id.
        let again = try #require(onlyWrite(state.press(.character("c"))))
        let ids = again.collection.allRequests.map(\.template.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("c on a folder says so and changes nothing")
    func duplicateFolder() {
        var state = Fixtures.state()
        state.select("admin")
        #expect(state.press(.character("c")).isEmpty)
        #expect(state.message != nil)
    }

    @Test("n starts a new request in the selected folder")
    func newRequestInFolder() {
        var state = Fixtures.state()
        state.select("admin/stats.yaml")
        state.press(.character("n"))
        #expect(state.newRequestFolder == "admin")
        #expect(state.draftPath == nil)
        #expect(state.focus == .request)
    }
}

@Suite("The command palette")
struct CollectionCommandsPaletteTests {
    @Test("Ctrl+P opens the palette; a request's name typed loosely and Enter opens it")
    func openRequest() throws {
        var state = Fixtures.state()
        #expect(state.press(.control("p")).isEmpty)
        let opened = try #require(picker(state))
        #expect(opened.purpose == .palette(.sidebar))
        // Typed keys are the query, never commands.
        #expect(state.type("crus").isEmpty)
        #expect(!state.quitRequested)
        #expect(picker(state)?.selected?.target == .open(relativePath: "users/create.yaml"))
        #expect(state.press(.enter).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.draft == Fixtures.createUser)
        #expect(state.draftPath == "users/create.yaml")
        #expect(state.focus == .request)
        #expect(state.selectedPath == "users/create.yaml")
    }

    @Test("opening a request from the palette reveals it in a folded folder")
    func openRevealsRequest() {
        var state = Fixtures.state()
        state.press(.enter)
        #expect(!state.expandedFolders.contains("users"))
        state.press(.control("p"))
        state.type("list users")
        state.press(.enter)
        #expect(state.draftPath == "users/list.yaml")
        #expect(state.expandedFolders.contains("users"))
        #expect(state.selectedPath == "users/list.yaml")
    }

    @Test("opening another request over unsaved edits asks first")
    func openAsksOverUnsavedWork() {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.enter, .character("m"))
        #expect(state.isDirty)
        state.press(.control("p"))
        state.type("stats")
        #expect(state.press(.enter).isEmpty)
        #expect(state.mode == .confirmDiscard("admin/stats.yaml"))
        state.press(.character("y"))
        #expect(state.draftPath == "admin/stats.yaml")
    }

    @Test("Esc closes the palette and changes nothing")
    func escape() {
        var state = Fixtures.state()
        state.press(.control("p"))
        state.type("wrap")
        #expect(state.press(.escape).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.draftPath == nil)
        #expect(state.focus == .sidebar)
    }

    @Test("a command chosen runs in the pane that had focus: wrap from the response pane")
    func runCommand() {
        var state = Fixtures.state()
        state.press(.backTab)
        #expect(state.focus == .response)
        state.press(.control("p"))
        #expect(picker(state)?.purpose == .palette(.response))
        state.type("wrap")
        #expect(picker(state)?.selected?.target == .command(.wrap))
        #expect(picker(state)?.selected?.detail == "w")
        #expect(state.press(.enter).isEmpty)
        #expect(state.wrap)
        state.press(.control("p"))
        state.type("wrap")
        state.press(.enter)
        #expect(!state.wrap)
    }

    @Test("the palette offers the commands of the focused pane and the global ones, not moving keys")
    func commandsOffered() throws {
        var state = Fixtures.state()
        state.press(.control("p"))
        let commands = try #require(picker(state)).items.compactMap { item -> Command? in
            if case .command(let command) = item.target { command } else { nil }
        }
        #expect(commands.contains(.rename))
        #expect(commands.contains(.send))
        #expect(!commands.contains(.wrap), "a response command from the sidebar")
        #expect(!commands.contains(.down))
        #expect(!commands.contains(.palette))
    }

    @Test("a command from the palette can be one that asks: delete")
    func deleteFromPalette() throws {
        var state = Fixtures.state()
        state.select("health.yaml")
        state.press(.control("p"))
        state.type("delete request")
        #expect(picker(state)?.selected?.target == .command(.delete))
        state.press(.enter)
        #expect(state.mode == .confirmDelete(.request(relativePath: "health.yaml", method: .get)))
        let write = try #require(onlyWrite(state.press(.character("y"))))
        #expect(write.collection.request(at: "health.yaml") == nil)
    }

    @Test("a theme chosen asks to switch to it")
    func theme() {
        var state = Fixtures.state()
        state.themeNames = ["dark", "light", "solarized"]
        state.press(.control("p"))
        state.type("theme light")
        #expect(picker(state)?.selected?.target == .theme("light"))
        #expect(state.press(.enter) == [.switchTheme("light")])
        #expect(state.themeName == "dark", "until the switch is done")
        _ = reduce(&state, .themeSwitched("light"))
        #expect(state.themeName == "light")
    }

    @Test("no themes known, none offered")
    func noThemes() throws {
        var state = Fixtures.state()
        state.press(.control("p"))
        #expect(!(try #require(picker(state))).items.contains { if case .theme = $0.target { true } else { false } })
    }

    @Test("an environment chosen becomes the current one; none too")
    func environment() {
        var state = Fixtures.state()
        state.press(.control("p"))
        state.type("environment local")
        #expect(picker(state)?.selected?.target == .environment("local"))
        #expect(state.press(.enter).isEmpty)
        #expect(state.environmentName == "local")

        state.press(.control("p"))
        state.type("environment none")
        #expect(picker(state)?.selected?.target == .environment(nil))
        state.press(.enter)
        #expect(state.environmentName == nil)
    }

    @Test("Up, Down and Ctrl+N / Ctrl+P move in the list; the query stays")
    func movingInThePalette() {
        var state = Fixtures.state()
        state.press(.control("p"))
        state.type("user")
        let first = picker(state)?.selected
        state.press(.down)
        #expect(picker(state)?.selection == 1)
        state.press(.control("p"))
        #expect(picker(state)?.selection == 0)
        #expect(picker(state)?.selected == first)
        state.press(.control("n"), .control("n"))
        #expect(picker(state)?.selection == 2)
        #expect(picker(state)?.query.string == "user")
    }
}

@Suite("Body types and form bodies")
struct CollectionCommandsBodyTests {
    private func opened(_ path: String) -> AppState {
        var state = Fixtures.state()
        state.select(path)
        state.press(.enter)
        return state
    }

    @Test("t cycles none, JSON, XML, text, form, none")
    func cycleEmpty() {
        var state = opened("users/list.yaml")
        #expect(state.draft.body == .none)
        var seen: [RequestBody] = []
        for _ in 0..<9 {
            state.press(.character("t"))
            seen.append(state.draft.body)
        }
        #expect(seen == [.json(""), .xml(""), .raw(text: "", contentType: "text/plain"), .formURLEncoded([]),
                         .graphQL(GraphQLBody()), .jsonRPC(JSONRPCBody()), .soap(SOAPBody()), .xmlRPC(XMLRPCCall()), .none])
    }

    @Test("t never drops text: a body with text moves among the kinds that hold one text (a GraphQL query, a SOAP envelope)")
    func cycleKeepsText() {
        var state = opened("users/create.yaml")
        let text = "{\"name\":\"Ada\"}"
        var seen: [RequestBody] = []
        for _ in 0..<6 {
            state.press(.character("t"))
            seen.append(state.draft.body)
        }
        #expect(seen == [.xml(text), .raw(text: text, contentType: "text/plain"), .graphQL(GraphQLBody(query: text)), .soap(SOAPBody(envelope: text)), .json(text), .xml(text)])
    }

    @Test("form rows on the Body tab: add, edit, toggle, delete; t never drops them")
    func formRows() {
        var state = opened("users/list.yaml")
        state.press(.character("t"), .character("t"), .character("t"), .character("t"))
        #expect(state.draft.body == .formURLEncoded([]))
        state.press(.character("l"), .character("l"))
        #expect(state.requestTab == .body)
        #expect(state.hasTable)

        state.press(.character("a"))
        #expect(state.mode == .editingCell(row: 0, column: 0, LineEditor()))
        state.type("name")
        state.press(.tab)
        state.type("Ada")
        state.press(.enter)
        state.press(.character("a"))
        state.type("role")
        state.press(.tab)
        state.type("admin")
        state.press(.enter)
        #expect(state.draft.body == .formURLEncoded([KeyValueRow("name", "Ada"), KeyValueRow("role", "admin")]))
        #expect(state.tableRows.count == 2)
        #expect(state.tableSelection == 1)

        // Enter edits the value, r the name.
        state.press(.character("k"), .enter, .control("u"))
        state.type("Grace")
        state.press(.enter)
        state.press(.character("r"), .control("u"))
        state.type("first name")
        state.press(.enter)
        #expect(state.draft.body == .formURLEncoded([KeyValueRow("first name", "Grace"), KeyValueRow("role", "admin")]))

        state.press(.character(" "))
        #expect(state.draft.body == .formURLEncoded([KeyValueRow("first name", "Grace", isEnabled: false), KeyValueRow("role", "admin")]))
        #expect(state.isDirty)

        state.press(.character("t"))
        #expect(state.draft.body == .formURLEncoded([KeyValueRow("first name", "Grace", isEnabled: false), KeyValueRow("role", "admin")]), "rows are never dropped")
        #expect(state.message != nil)

        state.press(.character("d"), .character("d"))
        #expect(state.draft.body == .formURLEncoded([]))
        state.press(.character("t"))
        #expect(state.draft.body == .graphQL(GraphQLBody()))
    }

    @Test("a on the Body tab without a form says how to get one")
    func addRowWithoutForm() {
        var state = opened("users/create.yaml")
        state.press(.character("l"), .character("l"))
        #expect(state.requestTab == .body)
        #expect(!state.hasTable)
        #expect(state.press(.character("a")).isEmpty)
        #expect(state.mode == .normal)
        #expect(state.message?.contains("form") == true)
        #expect(state.draft == Fixtures.createUser)
    }
}

@Suite("Key names and rebinding")
struct CollectionCommandsKeymapTests {
    private static let namedKeys: [KeyEvent] = [
        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
        .enter, .tab, .backTab, .backspace, .delete, .escape, .character(" "),
    ] + (1...12).map { KeyEvent.function($0) }
        + "abcdefgklnopqrstuvwxyz".map { KeyEvent.control($0) }
        + "jG?/1".map { KeyEvent.character($0) }

    @Test("every key describes itself with a name that parses back to it", arguments: namedKeys)
    func roundTrip(_ key: KeyEvent) {
        let name = KeyName.describe(key)
        #expect(KeyName.parse(name) == key, "\(name)")
        #expect(KeyName.parse(name.lowercased()) == key || name.count == 1, "\(name.lowercased())")
    }

    @Test("names as written in config.yaml")
    func configNames() {
        #expect(KeyName.parse("ctrl+r") == .control("r"))
        #expect(KeyName.parse("Ctrl+R") == .control("r"))
        #expect(KeyName.parse("f5") == .function(5))
        #expect(KeyName.parse("F12") == .function(12))
        #expect(KeyName.parse("shift+tab") == .backTab)
        #expect(KeyName.parse("pgdn") == .pageDown)
        #expect(KeyName.parse("pageup") == .pageUp)
        #expect(KeyName.parse("return") == .enter)
        #expect(KeyName.parse("esc") == .escape)
        #expect(KeyName.parse("space") == .character(" "))
        #expect(KeyName.parse("G") == .character("G"))
        #expect(KeyName.parse("g") == .character("g"))
    }

    @Test("names of no key", arguments: ["", " ", "f0", "f13", "ctrl+", "ctrl+1", "ctrl+ab", "hyper+x", "jk", "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m", "Ctrl+M"])
    func notKeys(_ name: String) {
        #expect(KeyName.parse(name) == nil)
    }

    @Test("send rebound to F9: F9 sends, Ctrl+R does nothing")
    func rebindSend() throws {
        var state = Fixtures.state()
        state.keymap = try Keymap.standard.applying([Keymap.Binding(command: "send", keys: ["f9"], line: 2)])
        #expect(state.keymap.keys(for: .send) == [.function(9)])
        #expect(state.keymap.label(for: .send) == "F9")
        state.select("users/list.yaml")
        state.press(.enter)
        #expect(state.press(.control("r")).isEmpty)
        #expect(state.inFlight == nil)
        #expect(state.press(.function(5)).isEmpty)
        #expect(state.press(.function(9)) == [.send(Fixtures.listUsers, environmentName: nil, exchange: 1)])
        // The palette shows the new key.
        state.press(.control("p"))
        state.type("send the request")
        #expect(picker(state)?.selected?.detail == "F9")
    }

    @Test("down rebound to n takes n from new-request in the sidebar")
    func rebindTakesKeyAway() throws {
        var state = Fixtures.state()
        state.keymap = try Keymap.standard.applying([Keymap.Binding(command: "down", keys: ["n"], line: 1)])
        #expect(state.keymap.keys(for: .newRequest) == [])
        #expect(state.keymap.command(for: .character("n"), in: .sidebar) == .down)
        #expect(state.keymap.command(for: .character("j"), in: .sidebar) == nil)
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.sidebarSelection == 1)
        #expect(state.focus == .sidebar)
        #expect(state.mode == .normal)
        #expect(state.draftPath == nil)
        // Keys of other commands stay.
        #expect(state.keymap.keys(for: .newFolder) == [.character("N")])
        #expect(state.keymap.keys(for: .open) == Keymap.standard.keys(for: .open))
    }

    @Test("a key rebound in one pane stays with the other pane's command")
    func rebindOnlyWhereTheyMeet() throws {
        // wrap (response) and duplicate (sidebar) never meet: both may have x.
        let keymap = try Keymap.standard.applying([
            Keymap.Binding(command: "wrap", keys: ["x"], line: 1),
            Keymap.Binding(command: "duplicate", keys: ["x"], line: 2),
        ])
        #expect(keymap.command(for: .character("x"), in: .response) == .wrap)
        #expect(keymap.command(for: .character("x"), in: .sidebar) == .duplicate)
        // move (sidebar) rebound to M leaves next-method its m in the request pane.
        let moved = try Keymap.standard.applying([Keymap.Binding(command: "move", keys: ["M"], line: 1)])
        #expect(moved.command(for: .character("m"), in: .request) == .nextMethod)
        #expect(moved.command(for: .character("m"), in: .sidebar) == nil)
        #expect(moved.command(for: .character("M"), in: .sidebar) == .move)
    }

    @Test("every problem is reported with its line, none applied")
    func problems() {
        let bindings = [
            Keymap.Binding(command: "sned", keys: ["f9"], line: 2),
            Keymap.Binding(command: "send", keys: ["hyper+x", "f8"], line: 4),
            Keymap.Binding(command: "save", keys: ["f2"], line: 5),
            Keymap.Binding(command: "palette", keys: ["f2"], line: 7),
            Keymap.Binding(command: "quit", keys: ["ctrl+m"], line: 9),
        ]
        do {
            _ = try Keymap.standard.applying(bindings)
            Issue.record("the bindings were accepted")
        } catch {
            let lines = error.problems.map(\.line).sorted()
            #expect(lines == [2, 4, 7, 9])
            let byLine = Dictionary(grouping: error.problems, by: \.line)
            #expect(byLine[2]?.first?.message.contains("unknown command 'sned'") == true)
            #expect(byLine[4]?.first?.message.contains("hyper+x") == true)
            #expect(byLine[7]?.first?.message.contains("F2") == true)
            #expect(byLine[7]?.first?.message.contains("save") == true)
            #expect(byLine[7]?.first?.message.contains("palette") == true)
            #expect(byLine[9]?.first?.message.contains("ctrl+m") == true)
        }
    }

    @Test("a global command and a pane command share a context", arguments: ["sidebar-rename", "response-wrap"])
    func globalClash(_ which: String) {
        let pane = which == "sidebar-rename" ? "rename" : "wrap"
        #expect(throws: Keymap.Problems.self) {
            try Keymap.standard.applying([
                Keymap.Binding(command: "zoom", keys: ["x"], line: 1),
                Keymap.Binding(command: pane, keys: ["x"], line: 3),
            ])
        }
    }

    @Test("Ctrl+H, I, J and M cannot be bound: the terminal sends Backspace, Tab and Enter", arguments: ["ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m"])
    func ambiguousControlKeys(_ name: String) {
        do {
            _ = try Keymap.standard.applying([Keymap.Binding(command: "save", keys: [name], line: 6)])
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.problems.map(\.line) == [6])
        }
    }
}

@Suite("Fuzzy matching")
struct CollectionCommandsFuzzyMatchTests {
    @Test func wordStartsRankFirst() throws {
        let create = try #require(FuzzyMatch.match("cu", in: "Create user"))
        let document = try #require(FuzzyMatch.match("cu", in: "Document"))
        #expect(create.score > document.score)
        #expect(create.positions == [0, 7])
        #expect(document.positions == [2, 3])
    }

    @Test func charactersMustAppearInOrderIgnoringCase() {
        #expect(FuzzyMatch.match("CU", in: "create user") != nil)
        #expect(FuzzyMatch.match("uc", in: "Create user") == nil)
        #expect(FuzzyMatch.match("xyz", in: "Create user") == nil)
        #expect(FuzzyMatch.match("", in: "anything")?.score == 0)
        #expect(FuzzyMatch.match("c u", in: "Create user")?.positions == [0, 7], "spaces in the query are ignored")
    }

    @Test func theShorterOfTwoEqualMatchesFirst() throws {
        let short = try #require(FuzzyMatch.match("stat", in: "Stats"))
        let long = try #require(FuzzyMatch.match("stat", in: "Stats of everything"))
        #expect(short.score > long.score)
    }

    @Test func camelCaseHumpsAreWordStarts() throws {
        let camel = try #require(FuzzyMatch.match("gu", in: "getUser"))
        let flat = try #require(FuzzyMatch.match("gu", in: "getuser"))
        #expect(camel.score > flat.score)
    }

    @Test func thePickerShowsTheBestFirst() {
        var picker = Picker(purpose: .palette(.sidebar), title: "t", items: [
            Picker.Item(title: "Document", target: .open(relativePath: "document.yaml")),
            Picker.Item(title: "Create user", target: .open(relativePath: "create-user.yaml")),
            Picker.Item(title: "Health", target: .open(relativePath: "health.yaml")),
        ])
        #expect(picker.shown.count == 3)
        _ = picker.edit(.character("c"))
        _ = picker.edit(.character("u"))
        #expect(picker.shown.map(\.item.title) == ["Create user", "Document"])
        #expect(picker.selected?.title == "Create user")
        #expect(picker.shown.first?.positions == [0, 7])
    }
}

@Suite("Review fixes: requests sharing an id, failures during a send")
struct SharedIDAndFailureTests {
    /// Fixtures' collection with a copy of "List users" (same id) at users/copy.yaml.
    private func stateWithCopy() -> AppState {
        var collection = Fixtures.collection
        var copy = Fixtures.listUsers
        copy.name = "Copy of list"
        copy.url = "{{base}}/copy"
        collection.root.groups[0].requests.append(StoredRequest(relativePath: "users/copy.yaml", template: copy))
        return AppState(width: 120, height: 40, collection: collection, collectionFolder: nil, environmentName: nil)
    }

    @Test("a copied file with the same id keeps its own path through sidebar changes, so a save goes to it")
    func copiedFileKeepsItsPath() throws {
        var state = stateWithCopy()
        state.select("users/copy.yaml")
        state.press(.enter)
        #expect(state.draftPath == "users/copy.yaml")
        // Any sidebar change: a new folder at the top.
        state.press(.backTab)
        #expect(state.focus == .sidebar)
        state.select("health.yaml")
        state.press(.character("N"))
        state.type("later")
        let write = try #require(onlyWrite(state.press(.enter)))
        state.written(write)
        #expect(state.draftPath == "users/copy.yaml")
        #expect(state.draft.name == "Copy of list")
        #expect(!state.isDirty)
        state.press(.tab)
        #expect(state.press(.control("s")) == [.save(state.draft, relativePath: "users/copy.yaml", folder: "")])
    }

    @Test("when the path is gone and the id is shared, the draft is detached rather than attached to the wrong file")
    func sharedIDWithoutPathDetaches() throws {
        var state = stateWithCopy()
        state.select("users/copy.yaml")
        state.press(.enter)
        var collection = state.collection
        try collection.removeRequest(at: "users/copy.yaml")
        var other = Fixtures.listUsers
        other.name = "Third"
        try collection.addRequest(other, inFolder: "admin")
        _ = reduce(&state, .collectionWritten(collection, message: "changed", select: nil))
        #expect(state.draftPath == nil)
        #expect(state.isDirty)
    }

    @Test("a failed save or theme switch leaves the request in flight running; a failed send ends only its own exchange")
    func failuresAndInFlight() {
        var state = Fixtures.state()
        state.select("users/list.yaml")
        state.press(.enter)
        let effects = state.press(.control("r"))
        guard case .send(_, _, let exchange) = effects.first else {
            Issue.record("no send: \(effects)")
            return
        }
        #expect(state.inFlight?.id == exchange)
        _ = reduce(&state, .failed("cannot save: permission denied"))
        #expect(state.inFlight?.id == exchange)
        #expect(state.message == "cannot save: permission denied")
        _ = reduce(&state, .sendFailed("template error: x", exchange: exchange + 1))
        #expect(state.inFlight?.id == exchange)
        _ = reduce(&state, .sendFailed("template error: undefined variable 'base'", exchange: exchange))
        #expect(state.inFlight == nil)
        #expect(state.message == "template error: undefined variable 'base'")
    }
}
